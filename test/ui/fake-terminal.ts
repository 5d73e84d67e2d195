/** Terminal streams for runTui tests: a raw-mode stdin we type into, a TTY stdout that records. */
import {EventEmitter} from 'node:events';

export class FakeStdin extends EventEmitter {
	isTTY = true;
	private buffer: string[] = [];
	setRawMode() {}
	setEncoding() {}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
	read = () => this.buffer.shift() ?? null;
	write(data: string) {
		this.buffer.push(data);
		this.emit('readable');
	}
}

export class FakeStdout extends EventEmitter {
	isTTY = true;
	output = '';
	constructor(
		public columns = 80,
		public rows = 24,
	) {
		super();
	}

	write = (data: string) => {
		this.output += data;
		return true;
	};
}
