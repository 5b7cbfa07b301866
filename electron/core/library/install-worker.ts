import { parentPort, workerData } from 'node:worker_threads';
import type { CarrelErrorPayload } from '../../contract.js';
import { importError, installInProcess, type InstallRequest } from './course-installer.js';

/**
 * The entry of the import worker (bundled to dist/<host>/install-worker.js): installs one course
 * and posts its progress, then its result or its error message.
 */
export type InstallWorkerMessage =
  | { type: 'progress'; fraction: number }
  | { type: 'done'; result: Awaited<ReturnType<typeof installInProcess>> }
  | { type: 'failed'; error: CarrelErrorPayload };

const post = (message: InstallWorkerMessage) => parentPort!.postMessage(message);

installInProcess(workerData as InstallRequest, (fraction) => post({ type: 'progress', fraction })).then(
  (result) => post({ type: 'done', result }),
  (error: unknown) => post({ type: 'failed', error: importError(error).toPayload() }),
);
