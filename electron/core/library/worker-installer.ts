import { Worker } from 'node:worker_threads';
import { CarrelError } from '../errors.js';
import type { CourseInstaller } from './course-installer.js';
import type { InstallWorkerMessage } from './install-worker.js';

/** Runs each install in a worker thread started from the bundled install-worker script. */
export function workerInstaller(workerScript: string): CourseInstaller {
  return (request, onProgress) =>
    new Promise((resolve, reject) => {
      const worker = new Worker(workerScript, { workerData: request });
      let settled = false;
      worker.on('message', (message: InstallWorkerMessage) => {
        if (message.type === 'progress') onProgress(message.fraction);
        else {
          settled = true;
          if (message.type === 'done') resolve(message.result);
          else reject(new CarrelError(message.error.code, message.error.message));
          void worker.terminate();
        }
      });
      worker.on('error', (error) => {
        settled = true;
        reject(new CarrelError('internal', `The import stopped unexpectedly: ${error.message}`));
      });
      worker.on('exit', (code) => {
        if (!settled) reject(new CarrelError('internal', `The import stopped unexpectedly (exit code ${code}).`));
      });
    });
}
