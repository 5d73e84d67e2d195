import {CassiError, EXIT} from '../cassi/errors.js';

/**
 * One line on stderr, and the exit code. A stack only with CASSI_DEBUG=1; CassiError
 * messages are written never to contain the token.
 */
export function reportError(error: unknown, stderr: NodeJS.WritableStream = process.stderr): number {
	if (error instanceof CassiError) {
		stderr.write(`cassi: ${error.message}\n`);
		return error.exitCode;
	}
	const message = error instanceof Error ? error.message : String(error);
	stderr.write(`cassi: unexpected error: ${message.split('\n')[0]} (run with CASSI_DEBUG=1 for details)\n`);
	if (process.env.CASSI_DEBUG === '1' && error instanceof Error) stderr.write(`${error.stack}\n`);
	return EXIT.failed;
}
