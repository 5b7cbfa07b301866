import { invalidPayload } from '../../errors.js';
import { GramIndex } from './gram-index.js';

/**
 * The plain text of every section of one version of a course, in course order and grouped by page:
 * what highlights are anchored against. The text must be the same projection of a section the
 * renderer's selection offsets count in, or stored positions will not line up.
 */
export interface CourseTextSection {
  id: string;
  text: string;
}

export interface CourseTextPage {
  path: string;
  sections: readonly CourseTextSection[];
}

export interface CourseText {
  pages: readonly CourseTextPage[];
}

export interface IndexedSection {
  id: string;
  text: string;
  /** Index of its page in course order. */
  page: number;
  /** Index of the section in course order. */
  order: number;
  /** Where its text starts in the course's joined text. */
  offset: number;
}

/** Keeps sections apart in the joined text, so no verbatim piece is found across two of them. */
const SECTION_BREAK = '\u0000';

/**
 * A course's text indexed once, so that anchoring thousands of highlights looks sections up by id
 * and finds pieces of text anywhere in the course without scanning it for each highlight.
 */
export class CourseTextIndex {
  private readonly sections: readonly IndexedSection[];
  private readonly byId = new Map<string, IndexedSection>();
  private readonly pageByPath = new Map<string, number>();
  private readonly pages: IndexedSection[][] = [];
  private readonly joined: string;
  private grams: GramIndex | undefined;

  constructor(course: CourseText) {
    if (!course || !Array.isArray(course.pages)) throw invalidPayload('Course text must have a list of pages.');
    const sections: IndexedSection[] = [];
    let offset = 0;
    course.pages.forEach((page, pageIndex) => {
      if (typeof page?.path !== 'string' || !Array.isArray(page.sections)) {
        throw invalidPayload(`Page ${pageIndex + 1} of the course text needs a path and a list of sections.`);
      }
      if (this.pageByPath.has(page.path)) throw invalidPayload(`Page "${page.path}" appears twice in the course text.`);
      this.pageByPath.set(page.path, pageIndex);
      const pageSections: IndexedSection[] = [];
      for (const section of page.sections) {
        if (typeof section?.id !== 'string' || typeof section.text !== 'string') {
          throw invalidPayload(`A section of page "${page.path}" needs a string id and a string text.`);
        }
        if (this.byId.has(section.id)) {
          throw invalidPayload(`Section "${section.id}" appears twice in the course text.`);
        }
        const indexed = { id: section.id, text: section.text, page: pageIndex, order: sections.length, offset };
        offset += section.text.length + SECTION_BREAK.length;
        sections.push(indexed);
        pageSections.push(indexed);
        this.byId.set(section.id, indexed);
      }
      this.pages.push(pageSections);
    });
    this.sections = sections;
    this.joined = sections.map((section) => section.text).join(SECTION_BREAK);
  }

  section(id: string): IndexedSection | undefined {
    return this.byId.get(id);
  }

  /**
   * The page a section belongs to. A section id that is gone still names its page: ids are
   * `pagePath#slug` (see SectionSummary in contract.ts), so a renamed section is looked for on it.
   */
  pageOf(sectionId: string): number | undefined {
    const section = this.byId.get(sectionId);
    if (section) return section.page;
    const hash = sectionId.lastIndexOf('#');
    return hash < 0 ? undefined : this.pageByPath.get(sectionId.slice(0, hash));
  }

  sectionsOfPage(page: number): readonly IndexedSection[] {
    return this.pages[page] ?? [];
  }

  /**
   * Where `piece` occurs verbatim in any section, as section and offset in its text; undefined when
   * it occurs more than `limit` times. Pieces must be at least MIN_PIECE_LENGTH long.
   */
  find(piece: string, limit = Infinity): { section: IndexedSection; offset: number }[] | undefined {
    this.grams ??= new GramIndex(this.joined);
    const offsets = this.grams.find(piece, limit);
    if (!offsets) return undefined;
    const found: { section: IndexedSection; offset: number }[] = [];
    for (const offset of offsets) {
      const section = this.sectionAt(offset);
      if (offset + piece.length <= section.offset + section.text.length) {
        found.push({ section, offset: offset - section.offset });
      }
    }
    return found;
  }

  private sectionAt(offset: number): IndexedSection {
    let low = 0;
    let high = this.sections.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (this.sections[middle]!.offset <= offset) low = middle;
      else high = middle - 1;
    }
    return this.sections[low]!;
  }
}

export function indexCourse(course: CourseText): CourseTextIndex {
  return new CourseTextIndex(course);
}
