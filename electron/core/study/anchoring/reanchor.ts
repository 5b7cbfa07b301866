import { invalidPayload } from '../../errors.js';
import { findApproximate } from './approximate-match.js';
import { widenToWholeCharacters } from './code-units.js';
import { prefixAgreement, suffixAgreement } from './context-agreement.js';
import type { CourseTextIndex, IndexedSection } from './course-text.js';
import { MIN_PIECE_LENGTH } from './gram-index.js';
import { CONTEXT_LENGTH, type Anchor } from './selectors.js';

/**
 * Where a stored highlight lands in a (possibly newer) version of its course:
 * - exact: the quote is still at its stored position in its section;
 * - moved: the same quote, found by its context elsewhere in its section or in another one;
 * - fuzzy: text close to the quote (a typo fixed, a word changed), found by its context;
 * - orphaned: nothing agrees well enough. It is never attached to text that merely looks alike.
 * `score` runs from 0 to 1: how much of the quote, its context and its position was found again.
 */
export type Reanchored =
  | { status: 'exact' | 'moved' | 'fuzzy'; sectionId: string; start: number; end: number; score: number }
  | { status: 'orphaned' };

/** The quote weighs most, each side of its context less; the old position only breaks near-ties. */
const WEIGHT = { quote: 50, prefix: 20, suffix: 20, position: 2 };
const TOTAL_WEIGHT = WEIGHT.quote + WEIGHT.prefix + WEIGHT.suffix + WEIGHT.position;
/** With none of its context left, a quote has to be almost intact (about 92%) to reach this. */
const MIN_SCORE = 0.5;
/**
 * Code units of stored text (quote plus context) a place must show again before a highlight goes
 * there. A long quote carries this alone; a short one ("AI") needs its context, so it never lands
 * on another occurrence of the same word.
 */
const MIN_EVIDENCE = CONTEXT_LENGTH;
/** Being at the exact stored offset in the same section counts as this much stored text. */
const POSITION_EVIDENCE = CONTEXT_LENGTH / 2;
/** A fuzzy match may differ from the quote by one edit in four code units: a fixed typo or a changed word, not a rewrite. */
const ERRORS_PER_UNIT = 1 / 4;
/** Pieces of a quote or its context that occur more often than this do not say where it went. */
const MAX_HITS_PER_PIECE = 64;
const MAX_QUOTE_PIECES = 16;
const MAX_REGIONS = 32;

interface Candidate {
  section: IndexedSection;
  start: number;
  end: number;
  score: number;
  evidence: number;
  contextIntact: boolean;
}

/** A stretch of one section worth searching closely. */
interface Region {
  section: IndexedSection;
  from: number;
  to: number;
  votes: number;
}

function checkAnchor(anchor: Anchor): void {
  if (typeof anchor?.sectionId !== 'string') throw invalidPayload('An anchor needs a section id.');
  const exact = anchor.quote?.exact;
  if (typeof exact !== 'string' || exact === '') {
    throw invalidPayload('An anchor needs a quote of at least one character.');
  }
  if (typeof anchor.quote.prefix !== 'string' || typeof anchor.quote.suffix !== 'string') {
    throw invalidPayload('An anchor quote needs a prefix and a suffix (either may be empty).');
  }
  const start = anchor.position?.start;
  if (!Number.isInteger(start) || start < 0) {
    throw invalidPayload(`An anchor position needs a start of at least 0, not ${String(start)}.`);
  }
}

class Search {
  private readonly exact: string;
  private readonly stored: number;

  constructor(
    private readonly anchor: Anchor,
    private readonly course: CourseTextIndex,
  ) {
    this.exact = anchor.quote.exact;
    this.stored = anchor.position.start;
  }

  judge(section: IndexedSection, start: number, end: number, errors: number): Candidate {
    const before = prefixAgreement(this.anchor.quote.prefix, section.text, start);
    const after = suffixAgreement(this.anchor.quote.suffix, section.text, end);
    const home = section.id === this.anchor.sectionId;
    const nearness = home ? 1 - Math.min(1, Math.abs(start - this.stored) / Math.max(1, section.text.length)) : 0;
    const score =
      (WEIGHT.quote * (1 - errors / this.exact.length) +
        WEIGHT.prefix * before.agreement +
        WEIGHT.suffix * after.agreement +
        WEIGHT.position * nearness) /
      TOTAL_WEIGHT;
    const evidence =
      this.exact.length -
      errors +
      before.evidence +
      after.evidence +
      (home && start === this.stored ? POSITION_EVIDENCE : 0);
    return { section, start, end, score, evidence, contextIntact: before.agreement === 1 && after.agreement === 1 };
  }

  /** The most convincing candidate, if any is convincing enough; ties go to the earliest in the course. */
  best(candidates: Iterable<Candidate>): Candidate | undefined {
    let best: Candidate | undefined;
    for (const candidate of candidates) {
      if (candidate.score < MIN_SCORE || candidate.evidence < MIN_EVIDENCE) continue;
      if (
        !best ||
        candidate.score > best.score ||
        (candidate.score === best.score &&
          (candidate.section.order < best.section.order ||
            (candidate.section.order === best.section.order && candidate.start < best.start)))
      ) {
        best = candidate;
      }
    }
    return best;
  }

  *exactIn(section: IndexedSection, from = 0, to = section.text.length): Generator<Candidate> {
    let at = section.text.indexOf(this.exact, from);
    while (at >= 0 && at + this.exact.length <= to) {
      yield this.judge(section, at, at + this.exact.length, 0);
      at = section.text.indexOf(this.exact, at + 1);
    }
  }

  *fuzzyIn(section: IndexedSection, maxErrors: number, from = 0, to = section.text.length): Generator<Candidate> {
    const { prefix, suffix } = this.anchor.quote;
    const options = { from, to, before: prefix, after: suffix };
    for (const match of findApproximate(section.text, this.exact, maxErrors, options)) {
      const { start, end } = widenToWholeCharacters(section.text, match.start, match.end);
      yield this.judge(section, start, end, match.errors);
    }
  }

  /**
   * Stretches of the course where verbatim pieces of the quote or of its context occur, placed where
   * the quote would start given each piece; the most agreed-on first.
   */
  regions(slack: number, skip: (section: IndexedSection) => boolean): Region[] {
    const { exact, prefix, suffix } = this.anchor.quote;
    const pieces: { text: string; offset: number }[] = [];
    const quotePieces = Math.min(MAX_QUOTE_PIECES, Math.floor(exact.length / MIN_PIECE_LENGTH));
    for (let i = 0; i < quotePieces; i++) {
      const at = quotePieces === 1 ? 0 : Math.floor((i * (exact.length - MIN_PIECE_LENGTH)) / (quotePieces - 1));
      pieces.push({ text: exact.slice(at, at + MIN_PIECE_LENGTH), offset: at });
    }
    for (let end = prefix.length; end >= MIN_PIECE_LENGTH; end -= MIN_PIECE_LENGTH) {
      pieces.push({ text: prefix.slice(end - MIN_PIECE_LENGTH, end), offset: end - MIN_PIECE_LENGTH - prefix.length });
    }
    for (let start = 0; start + MIN_PIECE_LENGTH <= suffix.length; start += MIN_PIECE_LENGTH) {
      pieces.push({ text: suffix.slice(start, start + MIN_PIECE_LENGTH), offset: exact.length + start });
    }
    const spans: Region[] = [];
    for (const piece of pieces) {
      for (const hit of this.course.find(piece.text, MAX_HITS_PER_PIECE) ?? []) {
        if (skip(hit.section)) continue;
        const expected = hit.offset - piece.offset;
        const from = Math.max(0, expected - slack);
        const to = Math.min(hit.section.text.length, expected + exact.length + slack);
        if (from < to) spans.push({ section: hit.section, from, to, votes: 1 });
      }
    }
    spans.sort((a, b) => a.section.order - b.section.order || a.from - b.from);
    const merged: Region[] = [];
    for (const span of spans) {
      const last = merged.at(-1);
      if (last && last.section === span.section && span.from <= last.to) {
        last.to = Math.max(last.to, span.to);
        last.votes += span.votes;
      } else {
        merged.push({ ...span });
      }
    }
    merged.sort((a, b) => b.votes - a.votes || a.section.order - b.section.order || a.from - b.from);
    return merged.slice(0, MAX_REGIONS);
  }

  /** Every verbatim occurrence of the quote outside its own section. */
  *exactElsewhere(page: number | undefined): Generator<Candidate> {
    const isHome = (section: IndexedSection) => section.id === this.anchor.sectionId;
    if (this.exact.length >= MIN_PIECE_LENGTH) {
      for (const hit of this.course.find(this.exact) ?? []) {
        if (!isHome(hit.section)) yield this.judge(hit.section, hit.offset, hit.offset + this.exact.length, 0);
      }
      return;
    }
    // Too short to look up: its page is searched whole, the rest of the course where its context occurs.
    const onPage = (section: IndexedSection) => section.page === page;
    if (page !== undefined) {
      for (const section of this.course.sectionsOfPage(page)) if (!isHome(section)) yield* this.exactIn(section);
    }
    for (const region of this.regions(CONTEXT_LENGTH, (section) => isHome(section) || onPage(section))) {
      yield* this.exactIn(region.section, region.from, region.to);
    }
  }

  *fuzzyOnPage(page: number, maxErrors: number): Generator<Candidate> {
    for (const section of this.course.sectionsOfPage(page)) yield* this.fuzzyIn(section, maxErrors);
  }

  *fuzzyElsewhere(page: number | undefined, maxErrors: number): Generator<Candidate> {
    const skip = (section: IndexedSection) => section.page === page;
    for (const region of this.regions(maxErrors + CONTEXT_LENGTH, skip)) {
      yield* this.fuzzyIn(region.section, maxErrors, region.from, region.to);
    }
  }
}

function landed(status: 'exact' | 'moved' | 'fuzzy', candidate: Candidate): Reanchored {
  const { section, start, end, score } = candidate;
  return { status, sectionId: section.id, start, end, score };
}

/**
 * Finds a stored highlight again in `course` (built once with indexCourse for all highlights):
 * its stored position first, then the quote by its context in its section and anywhere in the
 * course, then text close to the quote on its page and anywhere in the course.
 */
export function reanchor(anchor: Anchor, course: CourseTextIndex): Reanchored {
  checkAnchor(anchor);
  const search = new Search(anchor, course);
  const { exact } = anchor.quote;
  const stored = anchor.position.start;
  const home = course.section(anchor.sectionId);
  if (home) {
    if (home.text.startsWith(exact, stored)) {
      const atPosition = search.judge(home, stored, stored + exact.length, 0);
      if (atPosition.contextIntact) return landed('exact', atPosition);
    }
    // Another occurrence in the section may carry the quote's context better than the stored offset.
    const found = search.best(search.exactIn(home));
    if (found) return landed(found.start === stored ? 'exact' : 'moved', found);
  }
  const page = course.pageOf(anchor.sectionId);
  const moved = search.best(search.exactElsewhere(page));
  if (moved) return landed('moved', moved);

  const maxErrors = Math.floor(exact.length * ERRORS_PER_UNIT);
  if (maxErrors === 0) return { status: 'orphaned' };
  if (page !== undefined) {
    const onPage = search.best(search.fuzzyOnPage(page, maxErrors));
    if (onPage) return landed('fuzzy', onPage);
  }
  const elsewhere = search.best(search.fuzzyElsewhere(page, maxErrors));
  return elsewhere ? landed('fuzzy', elsewhere) : { status: 'orphaned' };
}
