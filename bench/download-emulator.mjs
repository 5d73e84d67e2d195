// An emulator process for the download bench: hand-made products of bench sizes.
// Prints `READY <url>` then one JSON line of {name: productUrl}.
const {startEmulator} = await import('../dist/emulator/index.js');

const MiB = 1 << 20;
const rate = Number(process.argv[2] ?? 0) || undefined;
const products = [
	{name: 'BENCH_1G_MD5', size: 1024 * MiB, withChecksum: true},
	{name: 'BENCH_1G_RAW', size: 1024 * MiB, withChecksum: false},
	{name: 'BENCH_256M_MD5', size: 256 * MiB, withChecksum: true},
	{name: 'BENCH_512M_MD5', size: 512 * MiB, withChecksum: true},
	...Array.from({length: 8}, (_, index) => ({name: `BENCH_128M_${index}`, size: 128 * MiB, withChecksum: false})),
];
const emulator = await startEmulator({
	port: 0,
	quiet: true,
	bytesPerSecond: rate,
	extraRecords: products.map(product => ({...product, fileType: 'Science WFI Level 0', ingest: '2025-10-04T01:00:00'})),
});
const urls = Object.fromEntries(products.map(product => [product.name, emulator.findProduct(product.name).productUrl]));
process.stdout.write(`READY ${emulator.url}\n${JSON.stringify(urls)}\n`);
const stop = () => emulator.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
