import {CassiClient} from '../cassi/client.js';
import {CassiError, EXIT} from '../cassi/errors.js';
import {openStore} from '../cassi/store.js';
import {maskToken} from '../cassi/token.js';
import {TOKEN_URL} from '../cassi/types.js';
import {readSecret} from './read-secret.js';

export interface LoginOptions {
	apiUrl: string;
	/** Skip the one-row check (for a service that cannot be reached now). */
	check: boolean;
}

/** `cassi login`: read the token masked (or from a pipe), check it, store it mode 0600. */
export async function login(options: LoginOptions): Promise<number> {
	const token = (await readSecret(`MAST API token (from ${TOKEN_URL}): `)).trim();
	if (token === '') throw new CassiError('usage', `no token given: paste the token from ${TOKEN_URL}`);
	if (options.check) {
		try {
			await new CassiClient({apiUrl: options.apiUrl, token}).checkToken();
		} catch (error) {
			// Offline now: the token may still be good; say how to keep it anyway.
			if (error instanceof CassiError && error.kind === 'network') {
				throw new CassiError('network', `${error.message}, or save the token unchecked with \`cassi login --no-check\``);
			}
			throw error;
		}
	}
	const store = openStore();
	store.set('token', token);
	process.stderr.write(`Saved the token (${maskToken(token)}${options.check ? `, accepted by ${options.apiUrl}` : ', not checked'}) to ${store.path}\n`);
	return EXIT.ok;
}

export function logout(): number {
	const store = openStore();
	const had = store.get('token') !== undefined;
	store.delete('token');
	process.stderr.write(had ? `Removed the saved token from ${store.path}\n` : 'No saved token to remove.\n');
	return EXIT.ok;
}
