/** Edit distance, for "did you mean" on a mistyped command (commander only does it for options here). */
function distance(a: string, b: string): number {
	let previous = Array.from({length: b.length + 1}, (_, index) => index);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
		}
		previous = current;
	}
	return previous[b.length]!;
}

/** The candidate within a third of the word's length in edits, if any. */
export function closest(word: string, candidates: string[]): string | undefined {
	let best: {name: string; score: number} | undefined;
	for (const name of candidates) {
		const score = distance(word.toLowerCase(), name);
		if (score <= Math.max(1, Math.floor(name.length / 3)) && (!best || score < best.score)) best = {name, score};
	}
	return best?.name;
}
