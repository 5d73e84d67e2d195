// An emulator process for the small-files bench: `count` hand-made 16 KiB products named
// SMALLF_<serial>, with a per-request latency and an extra delay on reused connections.
// Args: count latencyMs reuseLatencyMs. Prints `READY <url>` then one JSON line of {name: productUrl}.
const {startEmulator} = await import('../dist/emulator/index.js');

const [count = 314, latencyMs = 0, reuseLatencyMs = 0, maxDownloads] = process.argv.slice(2).map(Number);
const products = Array.from({length: count}, (_, index) => ({
	name: `SMALLF_${String(index + 1).padStart(8, '0')}`,
	size: 16 * 1024,
	fileType: 'Calibrated Engineering Data',
	ingest: new Date(Date.UTC(2025, 9, 4, 2, 0, 0) + index * 1000),
}));
const emulator = await startEmulator({port: 0, quiet: true, latencyMs, reuseLatencyMs, maxDownloads: maxDownloads || undefined, extraRecords: products});
const urls = Object.fromEntries(products.map(product => [product.name, emulator.findProduct(product.name).productUrl]));
process.stdout.write(`READY ${emulator.url}\n${JSON.stringify(urls)}\n`);
const stop = () => emulator.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
