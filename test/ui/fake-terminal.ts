/** Terminal streams for runTui tests: the app's own in-memory terminal, with `write` to type. */
import {MemoryStdin, MemoryStdout} from './memory-terminal.js';

export class FakeStdin extends MemoryStdin {
	write(data: string) {
		this.press(data);
	}
}

export {MemoryStdout as FakeStdout};
