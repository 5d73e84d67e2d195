/** Injected faults, per endpoint, each applying to a number of matching requests. */
import type {FaultRule, Faults} from './types.js';

export type Endpoint = 'search' | 'download';

interface Active {
	rule: FaultRule;
	remaining: number;
}

export class FaultBook {
	private active: Record<Endpoint, Active[]> = {search: [], download: []};

	/** Replaces every current fault. Throws TypeError on a malformed rule (for the control endpoint). */
	set(faults: Faults): void {
		const next: Record<Endpoint, Active[]> = {search: [], download: []};
		for (const endpoint of ['search', 'download'] as const) {
			const rules = faults[endpoint] ?? [];
			if (!Array.isArray(rules)) throw new TypeError(`faults.${endpoint} must be an array of rules`);
			for (const rule of rules) {
				validateRule(rule);
				next[endpoint].push({rule: {...rule}, remaining: rule.times ?? Infinity});
			}
		}
		this.active = next;
	}

	/** The first rule that still applies to a request whose match text is `text`, used up by one. */
	take(endpoint: Endpoint, text: string): FaultRule | undefined {
		for (const entry of this.active[endpoint]) {
			if (entry.remaining <= 0) continue;
			if (entry.rule.match !== undefined && !text.includes(entry.rule.match)) continue;
			entry.remaining--;
			return entry.rule;
		}
		return undefined;
	}
}

const NUMBER_FIELDS = ['times', 'status', 'cutAfterBytes', 'stallAfterBytes', 'corruptByteAt', 'bytesPerSecond'] as const;
const STRING_FIELDS = ['retryAfter', 'body', 'contentType', 'match'] as const;

function validateRule(rule: unknown): asserts rule is FaultRule {
	if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) throw new TypeError('a fault rule must be an object');
	const r = rule as Record<string, unknown>;
	for (const key of Object.keys(r)) {
		if (key === 'ignoreRange') {
			if (typeof r[key] !== 'boolean') throw new TypeError('ignoreRange must be true or false');
		} else if ((NUMBER_FIELDS as readonly string[]).includes(key)) {
			if (typeof r[key] !== 'number' || !Number.isInteger(r[key]) || (r[key] as number) < 0) throw new TypeError(`${key} must be a whole number >= 0`);
		} else if ((STRING_FIELDS as readonly string[]).includes(key)) {
			if (typeof r[key] !== 'string') throw new TypeError(`${key} must be a string`);
		} else {
			throw new TypeError(`unknown fault field "${key}"`);
		}
	}
	if (r.status !== undefined && ((r.status as number) < 100 || (r.status as number) > 599)) throw new TypeError('status must be an HTTP status (100-599)');
	if (r.bytesPerSecond === 0) throw new TypeError('bytesPerSecond must be above 0');
}
