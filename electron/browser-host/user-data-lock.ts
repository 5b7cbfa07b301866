import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'carrel.lock';

export class LockHeldError extends Error {
  override name = 'LockHeldError';
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function create(file: string): boolean {
  try {
    const fd = openSync(file, 'wx');
    try {
      writeSync(fd, `${process.pid}\n`);
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Claims a user-data folder for this process, so two hosts never write the same store files.
 * The lock is a file holding the owner's pid, created exclusively; a lock left behind by a process
 * that no longer runs is taken over. Returns the function that releases it.
 */
export function acquireUserDataLock(userDataDir: string): () => void {
  const file = path.join(userDataDir, LOCK_FILE);
  if (!create(file)) {
    const owner = readPid(file);
    if (owner === undefined) {
      // Unreadable: possibly a host that has created the file and not yet written its pid.
      throw new LockHeldError(
        `${userDataDir} is locked by ${file}, which names no process. If no Carrel preview host is running, delete that file.`,
      );
    }
    if (owner !== process.pid && isRunning(owner)) {
      throw new LockHeldError(
        `${userDataDir} is in use by another Carrel preview host (pid ${owner}). Stop it first or pass a different --user-data folder.`,
      );
    }
    rmSync(file, { force: true });
    // Another host may have taken the stale lock between the check and here: exclusive creation decides.
    if (!create(file)) {
      throw new LockHeldError(
        `${userDataDir} was just claimed by another Carrel preview host. Pass a different --user-data folder.`,
      );
    }
  }

  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (readPid(file) === process.pid) rmSync(file, { force: true });
  };
}
