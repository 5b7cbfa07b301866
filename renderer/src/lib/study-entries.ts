import type { Highlight, HighlightColor, Note } from '../../../electron/contract';
import type { SectionEntry } from '../state/reader.svelte';

/** One row of the course-wide notes view: a section note or a highlight (with or without note). */
export interface StudyEntry {
  kind: 'note' | 'highlight';
  id: string;
  sectionId: string;
  pagePath: string | null;
  pageTitle: string;
  sectionTitle: string;
  quote: string | null;
  body: string;
  color: HighlightColor | null;
  orphaned: boolean;
  createdAt: string;
  updatedAt: string;
  /** Position in the course: section order, then position in the section. */
  order: number;
  source: Note | Highlight;
}

export interface EntryFilter {
  pagePath: string | 'all';
  color: HighlightColor | 'all' | 'notes';
  text: string;
  sort: 'course' | 'newest';
}

export function studyEntries(notes: Note[], highlights: Highlight[], sections: SectionEntry[]): StudyEntry[] {
  const place = new Map(sections.map((entry, index) => [entry.section.id, { entry, index }]));
  const base = (sectionId: string) => {
    const found = place.get(sectionId);
    return {
      sectionId,
      pagePath: found?.entry.page.path ?? null,
      pageTitle: found?.entry.page.title ?? 'No longer in this course',
      sectionTitle: found?.entry.section.title ?? sectionId,
      sectionIndex: found ? found.index : sections.length,
    };
  };
  const fromNotes = notes.map((note): StudyEntry => {
    const { sectionIndex, ...where } = base(note.sectionId);
    return {
      kind: 'note',
      id: note.id,
      ...where,
      quote: null,
      body: note.body,
      color: null,
      orphaned: false,
      createdAt: note.createdAt,
      updatedAt: note.updatedAt,
      order: sectionIndex * 1e7 + 9e6,
      source: note,
    };
  });
  const fromHighlights = highlights.map((h): StudyEntry => {
    const { sectionIndex, ...where } = base(h.sectionId);
    return {
      kind: 'highlight',
      id: h.id,
      ...where,
      quote: h.quote.exact,
      body: h.note,
      color: h.color,
      orphaned: h.orphaned,
      createdAt: h.createdAt,
      updatedAt: h.updatedAt,
      order: sectionIndex * 1e7 + Math.min(h.position.start, 8e6),
      source: h,
    };
  });
  return [...fromNotes, ...fromHighlights];
}

export function filterEntries(entries: StudyEntry[], filter: EntryFilter): StudyEntry[] {
  const needle = filter.text.trim().toLowerCase();
  const kept = entries.filter(
    (e) =>
      (filter.pagePath === 'all' || e.pagePath === filter.pagePath) &&
      (filter.color === 'all' || (filter.color === 'notes' ? e.kind === 'note' : e.color === filter.color)) &&
      (!needle || `${e.quote ?? ''}\n${e.body}\n${e.sectionTitle}`.toLowerCase().includes(needle)),
  );
  return kept.sort((a, b) => (filter.sort === 'course' ? a.order - b.order : b.updatedAt.localeCompare(a.updatedAt)));
}
