import { constants, copyFileSync, existsSync, readFileSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';

/** How many last-good copies of each store file are kept; backup-1 is the newest. */
export const BACKUP_COUNT = 3;

export const backupPath = (file: string, index: number) => file.replace(/\.json$/, `.backup-${index}.json`);

function sameBytes(a: string, b: string): boolean {
  if (!existsSync(a) || !existsSync(b) || statSync(a).size !== statSync(b).size) return false;
  return readFileSync(a).equals(readFileSync(b));
}

/**
 * Keeps a copy of a file that has just loaded and validated. The copies rotate, so a file that
 * is damaged later can be restored from the newest good one; a file that has not changed since
 * the last copy does not push older states out.
 */
export function rotateBackups(file: string): void {
  if (sameBytes(file, backupPath(file, 1))) return;
  for (let index = BACKUP_COUNT - 1; index >= 1; index--) {
    const from = backupPath(file, index);
    if (existsSync(from)) renameSync(from, backupPath(file, index + 1));
  }
  // Copied under another name first: a crash mid-copy leaves a stray temp file, never a half backup-1.
  const pending = `${backupPath(file, 1)}.tmp`;
  copyFileSync(file, pending);
  renameSync(pending, backupPath(file, 1));
}

/** Existing backups, newest first. */
export function listBackups(file: string): string[] {
  const found: string[] = [];
  for (let index = 1; index <= BACKUP_COUNT; index++) {
    if (existsSync(backupPath(file, index))) found.push(backupPath(file, index));
  }
  return found;
}

/** A file-name-safe timestamp, e.g. 2025-03-01T10-20-30-123Z. */
export const fileStamp = (date: Date) => date.toISOString().replace(/[:.]/g, '-');

/**
 * Copies a file that cannot be used next to it, under a name with a timestamp, and returns the
 * copy's path. An existing copy is never replaced.
 */
export function copyAside(file: string, label: string, date: Date): string {
  const extension = path.extname(file);
  const base = file.slice(0, file.length - extension.length);
  for (let attempt = 0; ; attempt++) {
    const suffix = attempt === 0 ? '' : `-${attempt}`;
    const aside = `${base}.${label}-${fileStamp(date)}${suffix}${extension}`;
    try {
      copyFileSync(file, aside, constants.COPYFILE_EXCL);
      return aside;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
