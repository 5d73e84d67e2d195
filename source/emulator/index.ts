/** The CaSSI emulator: a local, deterministic stand-in for MAST's CaSSI API. */
export {startEmulator, DEMO_TOKEN, API_PATH} from './server.js';
export type {CountMode, Emulator, EmulatorOptions, ExtraRecord, FaultRule, Faults, ProductInfo, RequestLogEntry} from './types.js';
export {productChunk, productChunks, md5Of, sha256Of, type ContentSource} from './content.js';
export {runEmulatorCommand, parseEmulatorFlags, type EmulatorCommandOptions, type RawEmulatorFlags} from './command.js';
export {MAX_SCALE} from './archive.js';
