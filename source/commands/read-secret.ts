import {CassiError} from '../cassi/errors.js';

/**
 * A secret from the terminal with echo replaced by '*', or the whole of stdin when it
 * is piped (`pass show mast | cassi login`).
 */
export async function readSecret(prompt: string, stdin: NodeJS.ReadStream = process.stdin, stderr = process.stderr): Promise<string> {
	if (!stdin.isTTY) {
		const chunks: Buffer[] = [];
		for await (const chunk of stdin) chunks.push(Buffer.from(chunk as Buffer));
		return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
	}
	stderr.write(prompt);
	stdin.setRawMode(true);
	stdin.resume();
	return new Promise<string>((resolve, reject) => {
		let value = '';
		const finish = (error?: CassiError) => {
			stdin.setRawMode(false);
			stdin.pause();
			stdin.off('data', onData);
			stderr.write('\n');
			if (error) reject(error);
			else resolve(value);
		};
		const onData = (data: Buffer) => {
			for (const char of data.toString('utf8')) {
				if (char === '\r' || char === '\n') return finish();
				if (char === '\u0003' || char === '\u0004') return finish(new CassiError('aborted', 'login cancelled: nothing was saved'));
				if (char === '\u007F' || char === '\b') {
					if (value.length > 0) {
						value = value.slice(0, -1);
						stderr.write('\b \b');
					}
				} else if (char >= ' ') {
					value += char;
					stderr.write('*');
				}
			}
		};
		stdin.on('data', onData);
	});
}
