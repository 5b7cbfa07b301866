import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CompiledPage, CourseManifest, CourseSummary, NavNode, PageNode } from '../../contract.js';
import { notFound } from '../errors.js';
import { pageFileName, parsePage, readManifest } from '../course/pack-format.js';
import { resolveInside } from '../protocol/path-guard.js';

interface InstalledCourse {
  dir: string;
  bundled: boolean;
  manifest: CourseManifest;
}

export function pagesOf(nav: NavNode[]): PageNode[] {
  return nav.flatMap((node) => (node.kind === 'page' ? [node] : node.kind === 'group' ? pagesOf(node.children) : []));
}

/**
 * The courses installed in Carrel. The bundled course is a pack folder shipped with the app,
 * compiled at build time, so start-up only reads its manifest.
 */
export class Library {
  private readonly courses = new Map<string, InstalledCourse>();

  constructor(bundledPackDirs: string[]) {
    for (const dir of bundledPackDirs) {
      const manifest = readManifest(dir);
      this.courses.set(manifest.id, { dir, bundled: true, manifest });
    }
  }

  list(): CourseSummary[] {
    return [...this.courses.values()].map(({ manifest, bundled }) => {
      const pages = pagesOf(manifest.nav);
      return {
        id: manifest.id,
        title: manifest.title,
        pageCount: pages.length,
        sectionCount: pages.reduce((n, p) => n + p.sections.length, 0),
        bundled,
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
