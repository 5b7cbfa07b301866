import path from 'node:path';
import { compileCourse } from '../../electron/core/course/compile-course.js';
import { loadContentSource } from '../../electron/core/course/content-source.js';
import { writePackDirectory } from '../../electron/core/course/pack-format.js';
import { loadShortcodes } from '../../electron/core/course/shortcode-data.js';
import { pagesOf } from '../../electron/core/library/library.js';

/**
 * Compiles content/ (with imgs/) into the pack folder that ships inside the app. The build fails
 * on any error in the course (a missing image, a nav entry without a file): the bundled course
 * must be complete.
 */
export function compileBundledCourse(
  root: string,
  coursesDir: string,
): { id: string; title: string; sections: number } {
  const compiled = compileCourse(loadContentSource(path.join(root, 'content')), { shortcodes: loadShortcodes() });
  for (const d of compiled.report.diagnostics)
    console.warn(`${d.severity}: ${d.file}${d.line ? `:${d.line}` : ''}: ${d.message}`);
  if (compiled.report.diagnostics.some((d) => d.severity === 'error')) {
    throw new Error('The bundled course has errors (listed above); fix them before building.');
  }
  writePackDirectory(path.join(coursesDir, compiled.manifest.id), compiled);
  const sections = pagesOf(compiled.manifest.nav).reduce((n, page) => n + page.sections.length, 0);
  return { id: compiled.manifest.id, title: compiled.manifest.title, sections };
}
