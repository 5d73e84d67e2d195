/**
 * How many download requests go out at once. Many small files want many in flight, but a service
 * that limits each client answers the surplus with 429 (or 503), and retrying them all at the
 * same width only meets the limit again until files run out of retries. So the width starts
 * small and doubles after each full width of answers that went through, until the first
 * push-back; a push-back halves it (to half of what was in flight when it came), and from then on
 * it tries one more only after a run of answers that went through (each try that is refused costs
 * that file a Retry-After wait): it settles at what the service allows.
 */
/** Requests at once before any answer has come back. */
const START_WIDTH = 4;
/** Answers in a row that went through before trying one more request at once, after a push-back. */
const PROBE_AFTER = 32;

export class RequestGate {
	private width: number;
	private inFlight = 0;
	private throughSinceGrowth = 0;
	private pushedBackOnce = false;
	private readonly waiting: Array<() => void> = [];

	constructor(private readonly max: number) {
		this.width = Math.max(1, Math.min(max, START_WIDTH));
	}

	/** Requests allowed at once now. */
	get allowed(): number {
		return this.width;
	}

	/** Waits for a turn; call the returned function once the request is over, saying whether the service pushed back. */
	async enter(signal?: AbortSignal): Promise<(pushedBack: boolean) => void> {
		if (this.inFlight >= this.width || this.waiting.length > 0) {
			await new Promise<void>((resolve, reject) => {
				const granted = () => {
					signal?.removeEventListener('abort', aborted);
					resolve();
				};
				const aborted = () => {
					const index = this.waiting.indexOf(granted);
					if (index >= 0) this.waiting.splice(index, 1);
					reject(signal!.reason);
				};
				if (signal?.aborted) {
					reject(signal.reason);
					return;
				}
				signal?.addEventListener('abort', aborted, {once: true});
				this.waiting.push(granted);
			});
		} else {
			this.inFlight++;
		}
		let left = false;
		return pushedBack => {
			if (left) return;
			left = true;
			this.inFlight--;
			this.adjust(pushedBack);
			this.admit();
		};
	}

	private adjust(pushedBack: boolean): void {
		if (pushedBack) {
			this.width = Math.max(1, Math.min(this.width, Math.ceil((this.inFlight + 1) / 2)));
			this.throughSinceGrowth = 0;
			this.pushedBackOnce = true;
		} else if (this.width < this.max && ++this.throughSinceGrowth >= (this.pushedBackOnce ? PROBE_AFTER : this.width)) {
			this.width = Math.min(this.max, this.pushedBackOnce ? this.width + 1 : this.width * 2);
			this.throughSinceGrowth = 0;
		}
	}

	private admit(): void {
		while (this.waiting.length > 0 && this.inFlight < this.width) {
			this.inFlight++;
			this.waiting.shift()!();
		}
	}
}
