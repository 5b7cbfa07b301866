import { linkSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { uptime } from 'node:os';
import path from 'node:path';
import { CarrelError } from '../errors.js';

export const WRITER_LOCK_FILE = 'carrel-writer.lock';

/** Directories this process holds, with how many open stores use each. */
const held = new Map<string, number>();

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A lock written before the computer last started belongs to no running process, whatever now
 * runs under its pid: after a crash and a reboot, pids are handed out afresh.
 */
function writtenBeforeBoot(file: string): boolean {
  try {
    return statSync(file).mtimeMs < Date.now() - uptime() * 1000;
  } catch {
    return false;
  }
}

function createExclusive(file: string): boolean {
  try {
    writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Creates the lock with its content in one step: the pid is written to a private file that is then
 * hard-linked into place, and linking fails if the lock exists, so no reader sees an empty lock.
 * File systems without hard links fall back to exclusive creation.
 */
function tryCreate(file: string): boolean {
  const pending = `${file}.${process.pid}`;
  writeFileSync(pending, `${process.pid}\n`);
  try {
    linkSync(pending, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    return createExclusive(file);
  } finally {
    rmSync(pending, { force: true });
  }
}

/**
 * Claims a folder of store files for this process, so that two programs (two app instances, the
 * app and a preview host, an instructor's tool) never write the same files and undo each other's
 * saves. Electron's single-instance lock and the browser host's own lock stop most of this
 * earlier; this guard sits where the writes happen. Stores in one process share the claim.
 * A lock left by a process that no longer runs is taken over. Returns the release function.
 */
export function acquireWriterLock(dir: string): () => void {
  const key = path.resolve(dir);
  const file = path.join(key, WRITER_LOCK_FILE);
  const count = held.get(key) ?? 0;
  if (count === 0 && !tryCreate(file)) {
    const owner = readOwner(file);
    if (owner !== undefined && owner !== process.pid && isRunning(owner) && !writtenBeforeBoot(file)) {
      throw new CarrelError(
        'storage',
        `Another running Carrel (process ${owner}) is already using ${key}. Close it first: two programs saving to the same files would undo each other's changes.`,
      );
    }
    rmSync(file, { force: true });
    if (!tryCreate(file)) {
      throw new CarrelError(
        'storage',
        `Another Carrel started using ${key} at the same moment. Close it and try again.`,
      );
    }
  }
  held.set(key, count + 1);

  let released = false;
  return () => {
    if (released) return;
    released = true;
    const remaining = (held.get(key) ?? 1) - 1;
    if (remaining > 0) {
      held.set(key, remaining);
      return;
    }
    held.delete(key);
    if (readOwner(file) === process.pid) rmSync(file, { force: true });
  };
}
