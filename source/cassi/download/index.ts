/** The download engine's public face (no React, no terminal). */
export {DownloadEngine, itemFromRecord, type DownloadEngineEvents, type EngineOptions} from './engine.js';
export {resumeFromJournal} from './resume.js';
export {loadJournal, journalPath, unfinished, JOURNAL_NAME, type Journal, type JournalEntry} from './journal.js';
export {acquireLock, lockHeldMessage, LOCK_NAME, type FolderLock, type LockInfo} from './lock.js';
export {validateLocalName, localNameProblem, displayName} from './names.js';
export {parseChecksum, type ExpectedChecksum} from './checksum.js';
export {assertFreeSpace, bytesToFetch, freeBytes, spaceMessage} from './disk.js';
export {formatTransferLine, formatTotalsLine, formatFinishedLine, formatSummary, formatDuration, formatRate, shortenMiddle} from './progress-line.js';
export {runHeadlessDownload, runResume, type HeadlessDownloadOptions, type ResumeOptions} from './headless.js';
export * from './types.js';
