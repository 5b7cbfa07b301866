import { DomUtils, parseDocument } from 'htmlparser2';
import type { Highlight } from '../../contract.js';
import type { Library } from '../library/library.js';
import { pagesOf } from '../library/library.js';
import { describeSelection, indexCourse, reanchor, type CourseText } from './anchoring/index.js';
import type { CourseStudy } from './study-repository.js';

/**
 * A section's plain text as the reader counts it: the text of its HTML, entities decoded, the
 * same characters the renderer's selection offsets are measured over.
 */
export function sectionText(html: string): string {
  return DomUtils.textContent(parseDocument(html));
}

export function courseText(library: Library, courseId: string): CourseText {
  return {
    pages: pagesOf(library.manifest(courseId).nav).map((node) => ({
      path: node.path,
      sections: library.page(courseId, node.path).sections.map((section) => ({ id: section.id, text: sectionText(section.html) })),
    })),
  };
}

export interface ReanchorSummary {
  kept: number;
  moved: number;
  orphaned: number;
}

/**
 * After a new version of a course is installed, finds every highlight's text again and stores
 * where it now is. A highlight whose text is gone is marked orphaned, never deleted, and one
 * that comes back in a later version is placed again.
 */
export function reanchorHighlights(study: CourseStudy, course: CourseText, now: Date): ReanchorSummary {
  const highlights = study.state().highlights;
  const summary: ReanchorSummary = { kept: 0, moved: 0, orphaned: 0 };
  if (!highlights.length) return summary;
  const index = indexCourse(course);
  const texts = new Map(course.pages.flatMap((page) => page.sections.map((s) => [s.id, s.text] as const)));
  const changed: Highlight[] = [];
  for (const highlight of highlights) {
    const found = reanchor(highlight, index);
    if (found.status === 'orphaned') {
      summary.orphaned++;
      if (!highlight.orphaned) changed.push({ ...highlight, orphaned: true, updatedAt: now.toISOString() });
      continue;
    }
    const anchor = describeSelection(texts.get(found.sectionId)!, found.start, found.end, found.sectionId);
    const same =
      !highlight.orphaned &&
      anchor.sectionId === highlight.sectionId &&
      anchor.position.start === highlight.position.start &&
      anchor.position.end === highlight.position.end &&
      anchor.quote.exact === highlight.quote.exact;
    if (same) {
      summary.kept++;
      continue;
    }
    summary.moved++;
    changed.push({ ...highlight, ...anchor, orphaned: false, updatedAt: now.toISOString() });
  }
  if (changed.length) study.commit(changed.map((value) => ({ op: 'put', kind: 'highlights', value })));
  return summary;
}
