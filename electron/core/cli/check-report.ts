import type { CompiledCourse } from '../course/compile-course.js';
import { errorsOf, warningsOf } from '../course/report.js';
import type { Diagnostic } from '../course/source.js';
import { pagesOf } from '../library/library.js';

/** `carrel check --json`: one object, every item with the file and line it comes from. */
export function checkReportJson(course: CompiledCourse) {
  const located = ({ file, line, message }: Diagnostic) => ({ file, line: line ?? null, message });
  return {
    course: { id: course.manifest.id, title: course.manifest.title },
    pages: pagesOf(course.manifest.nav).map((page) => ({
      path: page.path,
      title: page.title,
      sections: page.sections.map(({ id, title }) => ({ id, title })),
    })),
    images: course.report.images,
    links: course.report.links,
    embeds: course.report.embeds,
    warnings: warningsOf(course.report).map(located),
    errors: errorsOf(course.report).map(located),
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function summaryLine(course: CompiledCourse): string {
  const pages = pagesOf(course.manifest.nav);
  const sections = pages.reduce((n, p) => n + p.sections.length, 0);
  const { images, links, embeds } = course.report;
  return (
    [
      plural(pages.length, 'page'),
      plural(sections, 'section'),
      plural(images.length, 'image'),
      plural(links.length, 'link'),
      plural(embeds.length, 'embed'),
    ].join(', ') +
    `; ${plural(errorsOf(course.report).length, 'error')}, ${plural(warningsOf(course.report).length, 'warning')}`
  );
}

/** The human report: problems grouped by file, in line order, then a summary line. */
export function formatCheckReport(course: CompiledCourse): string {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of course.report.diagnostics) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  const lines: string[] = [];
  for (const [file, diagnostics] of byFile) {
    lines.push(file);
    for (const d of diagnostics) lines.push(`  ${d.line ? `line ${d.line}` : 'file'}: ${d.severity}: ${d.message}`);
    lines.push('');
  }
  lines.push(`${course.manifest.title}: ${summaryLine(course)}.`);
  return `${lines.join('\n')}\n`;
}
