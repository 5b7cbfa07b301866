import type { EmbedKind } from './offline-html.js';
import type { Diagnostic } from './source.js';

/**
 * Everything `carrel check` tells an instructor about a course, each item with the file (relative
 * to the course folder) and the line it comes from.
 */
export interface ImageReference {
  file: string;
  line: number;
  src: string;
  /** The course file it resolved to. */
  target?: string;
  found: boolean;
}

export interface LinkReference {
  file: string;
  line: number;
  href: string;
  kind: 'page' | 'anchor' | 'file' | 'external' | 'unresolved';
  target?: string;
  anchor?: string;
}

export interface EmbedReference {
  file: string;
  line: number;
  kind: EmbedKind;
  title: string;
  url?: string;
  host?: string;
}

export interface CourseReport {
  images: ImageReference[];
  links: LinkReference[];
  embeds: EmbedReference[];
  diagnostics: Diagnostic[];
}

export function emptyReport(): CourseReport {
  return { images: [], links: [], embeds: [], diagnostics: [] };
}

export const errorsOf = (report: CourseReport) => report.diagnostics.filter((d) => d.severity === 'error');
export const warningsOf = (report: CourseReport) => report.diagnostics.filter((d) => d.severity === 'warning');

/** Diagnostics in a stable order: by file, then line, errors first on the same line. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      a.message.localeCompare(b.message),
  );
}

const LISTS = ['images', 'links', 'embeds', 'diagnostics'] as const;

/** How long each list of a report is: where what comes next starts. */
export type ReportMarks = Record<(typeof LISTS)[number], number>;

export const reportMarks = (report: CourseReport): ReportMarks => ({
  images: report.images.length,
  links: report.links.length,
  embeds: report.embeds.length,
  diagnostics: report.diagnostics.length,
});

/**
 * Points everything reported about `file` since `marks` at where its line was written, for pages
 * whose text was put together from several files (snippets).
 */
export function relocateReport(
  report: CourseReport,
  marks: ReportMarks,
  file: string,
  origin: (line: number) => { file: string; line: number },
): void {
  for (const list of LISTS) {
    const items: { file: string; line?: number }[] = report[list];
    for (let index = marks[list]; index < items.length; index++) {
      const item = items[index]!;
      if (item.file === file && item.line !== undefined) Object.assign(item, origin(item.line));
    }
  }
}
