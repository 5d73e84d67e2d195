/** Bytes per second over a sliding window, from samples of a running byte count. */
export class RateMeter {
	private samples: Array<{at: number; bytes: number}> = [];

	constructor(private readonly windowMs = 3000) {}

	sample(at: number, bytes: number): void {
		const last = this.samples.at(-1);
		if (last && bytes < last.bytes) this.samples = []; // restarted from zero
		this.samples.push({at, bytes});
		while (this.samples.length > 2 && at - this.samples[0]!.at > this.windowMs) this.samples.shift();
	}

	reset(): void {
		this.samples = [];
	}

	rate(): number {
		const first = this.samples[0];
		const last = this.samples.at(-1);
		if (!first || !last || last.at <= first.at) return 0;
		return ((last.bytes - first.bytes) * 1000) / (last.at - first.at);
	}
}

export function etaSeconds(remaining: number, rate: number): number | undefined {
	if (remaining <= 0) return 0;
	if (rate <= 0) return undefined;
	return remaining / rate;
}
