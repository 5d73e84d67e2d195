/**
 * Every failure a user can meet is a CassiError: a one-line message that says
 * what to do, and the exit code the headless commands return for it.
 * Messages never contain the token.
 */
export type ErrorKind =
	| 'usage' // bad flag or value: exit 2
	| 'auth' // no token, or token rejected: exit 3
	| 'network' // could not reach the service, timed out
	| 'http' // the service answered with an error status
	| 'schema' // the service answered with something that is not a valid response
	| 'security' // refused to send the token somewhere unsafe
	| 'download' // a file failed to download or verify
	| 'disk' // local file system refused
	| 'aborted';

/** anomaly: `cassi check` found a type missing, low or high (or a cut result), so cron can mail on 4. */
/** Exit codes: `interrupted` is the shell's 128 + SIGINT, for a run stopped by Ctrl-C or a signal. */
export const EXIT = {ok: 0, failed: 1, usage: 2, auth: 3, anomaly: 4, interrupted: 130} as const;

export class CassiError extends Error {
	readonly kind: ErrorKind;
	readonly status?: number;
	readonly retryable: boolean;
	/** How long the service asked us to wait (Retry-After), for retry.ts to honour. */
	readonly retryAfterMs?: number;

	constructor(
		kind: ErrorKind,
		message: string,
		options: {status?: number; retryable?: boolean; retryAfterMs?: number; cause?: unknown} = {},
	) {
		super(message, {cause: options.cause});
		this.name = 'CassiError';
		this.kind = kind;
		this.status = options.status;
		this.retryable = options.retryable ?? false;
		this.retryAfterMs = options.retryAfterMs;
	}

	get exitCode(): number {
		if (this.kind === 'usage') return EXIT.usage;
		if (this.kind === 'auth') return EXIT.auth;
		return EXIT.failed;
	}
}

export function isCassiError(error: unknown): error is CassiError {
	return error instanceof CassiError;
}
