import {EXIT} from '../cassi/errors.js';
import {resolveApiUrl} from '../cassi/endpoints.js';
import {openStore} from '../cassi/store.js';
import {describeToken, resolveToken} from '../cassi/token.js';
import {TOKEN_URL} from '../cassi/types.js';

/** `cassi token`: where the token in force comes from; at most its last four characters. */
export function showToken(flag?: string): number {
	const resolved = resolveToken({flag, env: process.env, store: openStore(), cwd: process.cwd()});
	if (!resolved) {
		process.stdout.write(`No token: pass --token, set MAST_API_TOKEN, run \`cassi login\`, or put it in ./mast_api_token.txt (get one at ${TOKEN_URL})\n`);
		return EXIT.auth;
	}
	process.stdout.write(`${describeToken(resolved)}; API ${resolveApiUrl()}\n`);
	return EXIT.ok;
}
