/**
 * In-memory terminal streams for driving the app without a TTY: the keypress benchmarks and the
 * runTui tests. stdin is a raw-mode stream keys are pushed into; stdout records what Ink writes
 * (keepOutput) and/or reports each write (onWrite).
 */
import {EventEmitter} from 'node:events';

export class MemoryStdin extends EventEmitter {
	isTTY = true;
	private queue: string[] = [];
	setRawMode() {}
	setEncoding() {}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
	read = () => this.queue.shift() ?? null;
	/** Keys as a terminal would deliver them (one read). */
	press(data: string) {
		this.queue.push(data);
		this.emit('readable');
	}
}

export class MemoryStdout extends EventEmitter {
	isTTY = true;
	output = '';
	onWrite?: (text: string) => void;
	constructor(
		public columns = 80,
		public rows = 24,
		private readonly keepOutput = true,
	) {
		super();
	}

	write = (data: string | Uint8Array) => {
		const text = String(data);
		if (this.keepOutput) this.output += text;
		this.onWrite?.(text);
		return true;
	};
}
