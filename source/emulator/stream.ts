/**
 * Sends a response body chunk by chunk with backpressure, optionally throttled, cut short
 * (socket destroyed after N bytes while Content-Length promised more), stalled (nothing more,
 * socket left open) or with one byte flipped. Never holds more than a chunk in hand.
 */
import type {ServerResponse} from 'node:http';

export interface BodyPlan {
	cutAfterBytes?: number;
	stallAfterBytes?: number;
	bytesPerSecond?: number;
	/** Offset within this body of a byte to flip. */
	corruptAt?: number;
}

export function sleep(ms: number): Promise<void> {
	return new Promise(resolve => setTimeout(resolve, ms).unref());
}

function closed(res: ServerResponse): Promise<void> {
	return new Promise(resolve => {
		if (res.destroyed || res.writableFinished) resolve();
		else res.once('close', () => resolve());
	});
}

function drained(res: ServerResponse): Promise<void> {
	return new Promise(resolve => {
		const done = () => {
			res.off('drain', done);
			res.off('close', done);
			resolve();
		};
		res.on('drain', done);
		res.on('close', done);
	});
}

/** Writes the chunks; returns the body bytes handed to the socket. Ends the response unless cut or stalled. */
export async function sendBody(res: ServerResponse, chunks: Iterable<Buffer>, plan: BodyPlan = {}): Promise<number> {
	let sent = 0;
	const started = Date.now();
	const rate = plan.bytesPerSecond;
	// Throttled bodies go out in slices of about 1/20 s so the rate is smooth.
	const slice = rate ? Math.max(1, Math.floor(rate / 20)) : Infinity;
	for (const chunk of chunks) {
		let piece = chunk;
		if (plan.corruptAt !== undefined && plan.corruptAt >= sent && plan.corruptAt < sent + piece.length) {
			piece[plan.corruptAt - sent] ^= 0xff;
		}
		while (piece.length > 0) {
			if (res.destroyed) return sent;
			let n = Math.min(piece.length, slice);
			const stopAt = plan.cutAfterBytes ?? plan.stallAfterBytes;
			if (stopAt !== undefined && sent + n > stopAt) n = stopAt - sent;
			if (rate && n > 0) {
				// Pace before writing, so the last byte cannot arrive before size / rate.
				const wait = started + ((sent + n) / rate) * 1000 - Date.now();
				if (wait > 0) await sleep(wait);
				if (res.destroyed) return sent;
			}
			if (n > 0) {
				const ok = res.write(piece.subarray(0, n));
				sent += n;
				piece = piece.subarray(n);
				if (!ok) await drained(res);
			}
			if (plan.cutAfterBytes !== undefined && sent >= plan.cutAfterBytes) {
				// Let the bytes already written reach the socket, then break the connection.
				await new Promise<void>(resolve => res.write('', () => resolve()));
				res.socket?.destroy();
				res.destroy();
				return sent;
			}
			if (plan.stallAfterBytes !== undefined && sent >= plan.stallAfterBytes) {
				// Headers go out even when the stall is at byte 0, so the client sees a 200 that hangs.
				res.flushHeaders();
				await closed(res);
				return sent;
			}
		}
	}
	if (!res.destroyed) res.end();
	return sent;
}
