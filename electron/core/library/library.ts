import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CompiledPage, CourseManifest, CourseSummary, NavNode, PageNode } from '../../contract.js';
import { CarrelError, notFound } from '../errors.js';
import { pageFileName, parsePage, readManifest } from '../course/pack-format.js';
import { writeZip, type ZipInput } from '../course/pack/zip-writer.js';
import { resolveInside } from '../protocol/path-guard.js';

interface InstalledCourse {
  dir: string;
  bundled: boolean;
  manifest: CourseManifest;
  /** Measured the first time the library is listed, not at start-up. */
  sizeBytes?: number;
  importedAt: string | null;
}

export interface LibraryOptions {
  /** Pack folders of the courses that ship with the app, compiled at build time. */
  bundledCourseDirs: string[];
  /** Where imported courses are unpacked, one folder per course id (`<userData>/courses`). */
  installedDir: string;
}

/** Written beside an imported course's files: when it was imported. Not part of the pack. */
const INSTALL_RECORD = '.carrel-installed.json';

export function pagesOf(nav: NavNode[]): PageNode[] {
  return nav.flatMap((node) => (node.kind === 'page' ? [node] : node.kind === 'group' ? pagesOf(node.children) : []));
}

function folderSize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? folderSize(full) : entry.isFile() ? statSync(full).size : 0;
  }
  return total;
}

/**
 * The courses installed in Carrel: the bundled course, a pack folder shipped with the app, and
 * imported courses unpacked under the user-data folder. Start-up only reads their manifests. An
 * imported course with the bundled course's id is a newer version of it and takes its place.
 */
export class Library {
  private readonly courses = new Map<string, InstalledCourse>();
  private readonly bundled = new Map<string, InstalledCourse>();
  readonly installedDir: string;

  constructor(options: LibraryOptions) {
    this.installedDir = options.installedDir;
    for (const dir of options.bundledCourseDirs) {
      const manifest = readManifest(dir);
      const course: InstalledCourse = { dir, bundled: true, manifest, importedAt: null };
      this.bundled.set(manifest.id, course);
      this.courses.set(manifest.id, course);
    }
    if (existsSync(this.installedDir)) {
      for (const entry of readdirSync(this.installedDir, { withFileTypes: true })) {
        // Dot folders are imports in progress or replaced versions being cleaned up.
        if (entry.isDirectory() && !entry.name.startsWith('.')) this.load(path.join(this.installedDir, entry.name));
      }
    }
  }

  /** Reads an installed course folder; one that cannot be read is skipped, never deleted. */
  private load(dir: string): CourseManifest | undefined {
    try {
      const manifest = readManifest(dir);
      const record = path.join(dir, INSTALL_RECORD);
      const importedAt = existsSync(record)
        ? ((JSON.parse(readFileSync(record, 'utf8')) as { importedAt?: string }).importedAt ?? null)
        : statSync(dir).mtime.toISOString();
      this.courses.set(manifest.id, { dir, bundled: false, manifest, importedAt });
      return manifest;
    } catch {
      return undefined;
    }
  }

  /** Adds (or replaces) a course just installed into `dir` by an import. */
  registerImport(dir: string, importedAt: Date): CourseManifest {
    writeFileSync(path.join(dir, INSTALL_RECORD), `${JSON.stringify({ importedAt: importedAt.toISOString() })}\n`);
    const manifest = this.load(dir);
    if (!manifest) throw new CarrelError('internal', `The course imported into ${dir} could not be read back.`);
    return manifest;
  }

  /** Removes an imported course's files. The course that ships with Carrel cannot be removed. */
  remove(courseId: string): void {
    const course = this.course(courseId);
    if (course.bundled) throw new CarrelError('not-allowed', `“${course.manifest.title}” comes with Carrel and cannot be removed.`);
    rmSync(course.dir, { recursive: true, force: true });
    this.courses.delete(courseId);
    const original = this.bundled.get(courseId);
    if (original) this.courses.set(courseId, original);
  }

  ensureInstalledDir(): string {
    mkdirSync(this.installedDir, { recursive: true });
    return this.installedDir;
  }

  list(): CourseSummary[] {
    return [...this.courses.values()].map((course) => {
      const { manifest, bundled, importedAt } = course;
      course.sizeBytes ??= folderSize(course.dir);
      const pages = pagesOf(manifest.nav);
      return {
        id: manifest.id,
        title: manifest.title,
        pageCount: pages.length,
        sectionCount: pages.reduce((n, p) => n + p.sections.length, 0),
        bundled,
        sizeBytes: course.sizeBytes,
        importedAt,
        version: manifest.version,
      };
    });
  }

  has(courseId: string): boolean {
    return this.courses.has(courseId);
  }

  private course(courseId: string): InstalledCourse {
    const course = this.courses.get(courseId);
    if (!course) throw notFound(`There is no course "${courseId}" in the library.`);
    return course;
  }

  manifest(courseId: string): CourseManifest {
    return this.course(courseId).manifest;
  }

  page(courseId: string, pagePath: string): CompiledPage {
    const course = this.course(courseId);
    const node = pagesOf(course.manifest.nav).find((p) => p.path === pagePath);
    if (!node) throw notFound(`The course "${course.manifest.title}" has no page ${pagePath}.`);
    const html = readFileSync(path.join(course.dir, pageFileName(pagePath)), 'utf8');
    return parsePage(html, node);
  }

  /**
   * The course as a `.carrel` file, to hand on to someone else: its pack's files as they were
   * installed (the install record left out), so a course packed by its instructor comes out as the
   * same bytes it came in as.
   */
  packBytes(courseId: string): Buffer {
    const course = this.course(courseId);
    const entries: ZipInput[] = [];
    const walk = (dir: string, prefix: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (!prefix && entry.name === INSTALL_RECORD) continue;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full, `${prefix}${entry.name}/`);
        else if (entry.isFile()) entries.push({ name: `${prefix}${entry.name}`, data: readFileSync(full) });
      }
    };
    walk(course.dir, '');
    return writeZip(entries);
  }

  /**
   * The file behind a course URL: its assets, or its search index. Undefined when the path is
   * unsafe or missing; pages and the manifest are read through the handler table, not served.
   */
  packFile(courseId: string, area: 'assets' | 'search', relativePath: string): string | undefined {
    const course = this.courses.get(courseId);
    if (!course) return undefined;
    const file = resolveInside(path.join(course.dir, area), relativePath);
    return file && existsSync(file) ? file : undefined;
  }
}
