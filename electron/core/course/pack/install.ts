import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CourseManifest } from '../../../contract.js';
import { compileCourse } from '../compile-course.js';
import { loadMkDocsSource } from '../mkdocs/mkdocs-source.js';
import { writePackDirectory } from '../pack-format.js';
import { errorsOf, warningsOf } from '../report.js';
import { loadShortcodes } from '../shortcode-data.js';
import type { Diagnostic } from '../source.js';
import { PackError } from './pack-error.js';
import { openPack } from './read-pack.js';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from './zip-reader.js';

/**
 * Installing a course into the library folder: `<libraryDir>/<course id>/` holds the unpacked
 * pack (the same layout as the pack). Everything is prepared in a temporary folder inside
 * libraryDir (same disk, so the final rename is atomic) and moved into place only once it is
 * complete; on any failure the temporary folder is removed and the library is as it was. A course
 * with the same id is replaced, which is how a newer version of a course is installed.
 */
export interface InstallResult {
  manifest: CourseManifest;
  /** What check would warn about; a course with errors is never installed. */
  warnings: Diagnostic[];
  dir: string;
}

export interface InstallOptions {
  /** 0..1 as the work advances. */
  onProgress?: (fraction: number) => void;
  limits?: ZipLimits;
}

function moveIntoPlace(staging: string, libraryDir: string, courseId: string): string {
  const destination = path.join(libraryDir, courseId);
  const previous = existsSync(destination)
    ? path.join(libraryDir, `.replaced-${courseId}-${path.basename(staging)}`)
    : undefined;
  if (previous) renameSync(destination, previous);
  try {
    renameSync(staging, destination);
  } catch (error) {
    if (previous) renameSync(previous, destination);
    throw error;
  }
  if (previous) rmSync(previous, { recursive: true, force: true });
  return destination;
}

function withStaging<T>(libraryDir: string, work: (staging: string) => T): T {
  mkdirSync(libraryDir, { recursive: true });
  const staging = mkdtempSync(path.join(libraryDir, '.import-'));
  try {
    return work(staging);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Installs a `.carrel` file; throws PackError (naming the problem) and changes nothing if it is unusable. */
export function installPack(packFile: string, libraryDir: string, options: InstallOptions = {}): InstallResult {
  const progress = options.onProgress ?? (() => {});
  progress(0);
  const pack = openPack(packFile, options.limits ?? DEFAULT_ZIP_LIMITS, path.basename(packFile));
  try {
    const dir = withStaging(libraryDir, (staging) => {
      const total = pack.entries.reduce((n, e) => n + e.size, 0) || 1;
      let done = 0;
      for (const entry of pack.entries) {
        const target = path.join(staging, ...entry.name.split('/'));
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, pack.reader.read(entry), { flag: 'wx' });
        done += entry.size;
        progress(0.95 * (done / total));
      }
      return moveIntoPlace(staging, libraryDir, pack.manifest.id);
    });
    progress(1);
    return { manifest: pack.manifest, warnings: [], dir };
  } finally {
    pack.reader.close();
  }
}

/** Compiles an MkDocs project and installs it; a course with errors is refused with the list. */
export function installFolder(projectDir: string, libraryDir: string, options: InstallOptions = {}): InstallResult {
  const progress = options.onProgress ?? (() => {});
  progress(0);
  const source = loadMkDocsSource(projectDir);
  const course = compileCourse(source, { shortcodes: loadShortcodes(), onProgress: (f) => progress(0.9 * f) });
  const errors = errorsOf(course.report);
  if (errors.length) {
    const listed = errors.slice(0, 5).map((e) => `${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`);
    const more = errors.length > 5 ? `\n…and ${errors.length - 5} more` : '';
    throw new PackError(
      `The course "${source.title}" has ${errors.length} error${errors.length === 1 ? '' : 's'} and was not imported:\n${listed.join('\n')}${more}`,
    );
  }
  const dir = withStaging(libraryDir, (staging) => {
    const built = path.join(staging, 'course');
    writePackDirectory(built, course);
    return moveIntoPlace(built, libraryDir, course.manifest.id);
  });
  progress(1);
  return { manifest: course.manifest, warnings: warningsOf(course.report), dir };
}
