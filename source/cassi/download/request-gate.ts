/**
 * How many download requests go out at once. Many small files want many in flight, but a service
 * that limits each client answers the surplus with 429 (or 503), and retrying them all at the
 * same width only meets the limit again until files run out of retries. So the width starts
 * small (or at `-j` when given) and doubles after each full width of answers that went through (an
 * answer goes through when its headers are accepted, long before a big file's last byte), until
 * the first push-back; a push-back halves it (to half of what was in flight when it came), and
 * from then on it tries one more only after a run of answers that went through (each try that is
 * refused costs that file a Retry-After wait): it settles at what the service allows.
 */
/** Requests at once before any answer has come back. */
const START_WIDTH = 4;
/** Answers in a row that went through before trying one more request at once, after a push-back. */
const PROBE_AFTER = 32;

export interface RequestTurn {
	/** The service accepted the request (its headers are in). */
	answered(): void;
	/** The request is over; `pushedBack` when the service refused it with 429 or 503. */
	leave(pushedBack: boolean): void;
}

export class RequestGate {
	private width: number;
	private inFlight = 0;
	private throughSinceGrowth = 0;
	private pushedBackOnce = false;
	private readonly waiting: Array<() => void> = [];

	constructor(
		private readonly max: number,
		start = START_WIDTH,
	) {
		this.width = Math.max(1, Math.min(max, start));
	}

	/** Requests allowed at once now. */
	get allowed(): number {
		return this.width;
	}

	/** Waits for a turn. */
	async enter(signal?: AbortSignal): Promise<RequestTurn> {
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
		let answered = false;
		let left = false;
		return {
			answered: () => {
				if (answered || left) return;
				answered = true;
				this.grow();
				this.admit();
			},
			leave: pushedBack => {
				if (left) return;
				left = true;
				this.inFlight--;
				if (pushedBack) this.shrink();
				this.admit();
			},
		};
	}

	private shrink(): void {
		this.width = Math.max(1, Math.min(this.width, Math.ceil((this.inFlight + 1) / 2)));
		this.throughSinceGrowth = 0;
		this.pushedBackOnce = true;
	}

	private grow(): void {
		if (this.width < this.max && ++this.throughSinceGrowth >= (this.pushedBackOnce ? PROBE_AFTER : this.width)) {
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
