import { CourseSourceError } from '../course/mkdocs/mkdocs-source.js';
import { installFolder, installPack, type InstallResult } from '../course/pack/install.js';
import { PackError } from '../course/pack/pack-error.js';
import { CarrelError } from '../errors.js';

/** What to install: a `.carrel` file, or an MkDocs project folder to compile. */
export type InstallRequest = ({ kind: 'pack'; file: string } | { kind: 'folder'; dir: string }) & { installedDir: string };

/**
 * Installs a course and reports progress (0..1). Both ways below run the same code; the worker
 * keeps a long compile off the thread that answers the window, so progress can be shown.
 */
export type CourseInstaller = (request: InstallRequest, onProgress: (fraction: number) => void) => Promise<InstallResult>;

export const installInProcess: CourseInstaller = async (request, onProgress) =>
  request.kind === 'pack'
    ? installPack(request.file, request.installedDir, { onProgress })
    : installFolder(request.dir, request.installedDir, { onProgress });

/** A problem with the course itself (its message is for the student), or Carrel's own failure. */
export function importError(error: unknown): CarrelError {
  if (error instanceof CarrelError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return error instanceof PackError || error instanceof CourseSourceError
    ? new CarrelError('invalid-payload', message)
    : new CarrelError('internal', `The import failed: ${message}`);
}
