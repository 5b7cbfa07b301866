import { describe, expect, it } from 'vitest';
import {
  type Anchor,
  type CourseText,
  type Reanchored,
  describeSelection,
  indexCourse,
  reanchor,
} from '../../../electron/core/study/anchoring/index.js';

/**
 * A whole course changes the way new versions of real courses do (a page renamed, sections renamed
 * or moved to other pages, sentences added, typos fixed, a page removed), and every one of a few
 * hundred highlights is checked against where its words are now.
 */

/** mulberry32: the same course, highlights and edits on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'model models data training trained token tokens attention layer layers network text image images noise ' +
  'diffusion transformer language prediction predict next word sentence corpus bias weights gradient loss ' +
  'a an the of to in on for with by is are was be can may will often rarely large small fast slow deep wide ' +
  'AI GPU API LLM prompt context window sample samples decoder encoder vector embedding scale compute cost ' +
  'researcher student workshop lesson example answer question reason fact error fine tune tuned label labels ' +
  'supervised learning generative frontier foundation open closed weights licence benchmark dataset'
).split(' ');

interface Section {
  slug: string;
  text: string;
}

function makeCourse(random: () => number, pages: number, sectionsPerPage: number): Map<string, Section[]> {
  const pick = () => WORDS[Math.floor(random() * WORDS.length)]!;
  const sentence = () => {
    const words = Array.from({ length: 6 + Math.floor(random() * 10) }, pick);
    return `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
  };
  const course = new Map<string, Section[]>();
  for (let p = 0; p < pages; p++) {
    const sections: Section[] = [];
    for (let s = 0; s < sectionsPerPage; s++) {
      const body = Array.from({ length: 6 + Math.floor(random() * 6) }, sentence).join(' ');
      sections.push({ slug: `part-${s}`, text: `Part ${p}.${s}: ${pick()} ${pick()}\n${body}` });
    }
    course.set(`page-${p}.md`, sections);
  }
  return course;
}

const toCourseText = (course: Map<string, Section[]>): CourseText => ({
  pages: [...course].map(([path, sections]) => ({
    path,
    sections: sections.map((section) => ({ id: `${path}#${section.slug}`, text: section.text })),
  })),
});

/** Word-aligned, non-overlapping selections in a section's body, one word apart at least. */
function selections(random: () => number, text: string, count: number): { start: number; end: number }[] {
  const body = text.indexOf('\n') + 1;
  const words = [...text.slice(body).matchAll(/\S+/g)].map((m) => ({
    start: body + m.index,
    end: body + m.index + m[0].length,
  }));
  const chosen: { start: number; end: number }[] = [];
  let next = 0;
  for (let i = 0; i < count && next < words.length - 1; i++) {
    const first = next + Math.floor(random() * Math.min(8, words.length - 1 - next));
    const last = Math.min(words.length - 1, first + Math.floor(random() * 8));
    chosen.push({ start: words[first]!.start, end: words[last]!.end });
    next = last + 2;
  }
  return chosen;
}

interface Edit {
  at: number;
  remove: number;
  insert: string;
}

function applyEdits(text: string, edits: Edit[]): string {
  return [...edits]
    .sort((a, b) => b.at - a.at)
    .reduce((out, edit) => out.slice(0, edit.at) + edit.insert + out.slice(edit.at + edit.remove), text);
}

/** Where a range of the old text is in the edited text; edits never straddle its edges. */
function mapRange(range: { start: number; end: number }, edits: Edit[]) {
  let { start, end } = range;
  for (const edit of edits) {
    const delta = edit.insert.length - edit.remove;
    if (edit.at + edit.remove <= range.start) start += delta;
    if (edit.at + edit.remove <= range.end) end += delta;
  }
  return { start, end };
}

type Range = { start: number; end: number };

/** Swaps two different letters of the range's longest word: a typo that the next version fixes. */
function typoInLongestWord(text: string, range: Range): Edit | undefined {
  const words = [...text.slice(range.start, range.end).matchAll(/[a-z]{5,}/g)];
  const word = words.sort((a, b) => b[0].length - a[0].length || a.index - b.index)[0];
  if (!word || range.end - range.start < 24) return undefined;
  let at = range.start + word.index + 1;
  while (text[at] === text[at + 1]) at++;
  return { at, remove: 2, insert: `${text[at + 1]}${text[at]}` };
}

/** Swaps the range's first two characters. */
function typoAtStart(text: string, range: Range): Edit | undefined {
  if (range.end - range.start < 24 || text[range.start] === text[range.start + 1]) return undefined;
  return { at: range.start, remove: 2, insert: `${text[range.start + 1]}${text[range.start]}` };
}

/** Replaces the range's third word with another word of about its length, when the quote is long enough to tell. */
function wordChanged(text: string, range: Range): Edit | undefined {
  const word = [...text.slice(range.start, range.end).matchAll(/\S+/g)][2];
  const other =
    word &&
    WORDS.find(
      (w) => w.toLowerCase() !== word[0].toLowerCase() && w.length >= 3 && Math.abs(w.length - word[0].length) <= 1,
    );
  if (!word || !other || range.end - range.start < 5 * Math.max(word[0].length, other.length)) return undefined;
  return { at: range.start + word.index, remove: word[0].length, insert: other };
}

/** A word inserted just before the range and the word just after it removed: both sides of its context change. */
function contextEdited(text: string, range: Range): Edit[] {
  const edits: Edit[] = [{ at: range.start, remove: 0, insert: 'inserted ' }];
  const next = text.indexOf(' ', range.end + 1);
  if (next > 0) edits.push({ at: range.end, remove: next - range.end, insert: '' });
  return edits;
}

interface Expectation {
  anchor: Anchor;
  landing: Reanchored['status'];
  sectionId?: string;
  start?: number;
  end?: number;
  words?: string;
}

/**
 * What happens to each page in the new version:
 *   0      renamed (every section id changes)
 *   1-4    a sentence added at the start of every section
 *   5-7    a typo inside highlights fixed
 *   8      its third section moves to page 9
 *   10     sections renamed and a sentence added to each
 *   11     removed
 *   12-13  a word inside highlights changed
 *   14-15  the context on both sides of the first highlight of each section edited
 *   16     the first letters of highlights corrected
 *   17     all its sections move to page 19, with typos inside highlights fixed
 */
function scenario(seed: number) {
  const random = seeded(seed);
  const before = makeCourse(random, 24, 6);
  const after = new Map([...before].map(([path, sections]) => [path, sections.map((s) => ({ ...s }))]));
  after.set('introduction.md', after.get('page-0.md')!);
  after.delete('page-0.md');
  const moving = after.get('page-8.md')!.splice(2, 1)[0]!;
  after.get('page-9.md')!.push({ ...moving, slug: 'from-page-8' });
  for (const section of after.get('page-10.md')!) section.slug = `renamed-${section.slug}`;
  after.delete('page-11.md');
  for (const section of after.get('page-17.md')!)
    after.get('page-19.md')!.push({ ...section, slug: `from-17-${section.slug}` });
  after.delete('page-17.md');

  const expectations: Expectation[] = [];
  for (const [path, sections] of before) {
    const page = Number(/\d+/.exec(path)![0]);
    for (const section of sections) {
      const ranges = selections(random, section.text, 3);
      const edits: Edit[] = [];
      const changedInside = new Set<number>();
      const changeInside = (make: (text: string, range: Range) => Edit | undefined) =>
        ranges.forEach((range, i) => {
          const edit = make(section.text, range);
          if (edit) edits.push(edit);
          if (edit) changedInside.add(i);
        });
      if ([1, 2, 3, 4, 10].includes(page)) {
        const bodyStart = section.text.indexOf('\n') + 1;
        edits.push({ at: bodyStart, remove: 0, insert: 'Newly added: this sentence is new in this version. ' });
      }
      if ([5, 6, 7, 17].includes(page)) changeInside(typoInLongestWord);
      if ([12, 13].includes(page)) changeInside(wordChanged);
      if (page === 16) changeInside(typoAtStart);
      if ([14, 15].includes(page)) edits.push(...contextEdited(section.text, ranges[0]!));

      const target =
        page === 0
          ? { path: 'introduction.md', slug: section.slug }
          : page === 8 && section.slug === 'part-2'
            ? { path: 'page-9.md', slug: 'from-page-8' }
            : page === 10
              ? { path, slug: `renamed-${section.slug}` }
              : page === 17
                ? { path: 'page-19.md', slug: `from-17-${section.slug}` }
                : { path, slug: section.slug };
      const newText = applyEdits(section.text, edits);
      if (page !== 11) after.get(target.path)!.find((s) => s.slug === target.slug)!.text = newText;

      ranges.forEach((range, i) => {
        const anchor = describeSelection(section.text, range.start, range.end, `${path}#${section.slug}`);
        if (page === 11) {
          expectations.push({ anchor, landing: 'orphaned' });
          return;
        }
        const mapped = mapRange(range, edits);
        const sameId = target.path === path && target.slug === section.slug;
        const landing = changedInside.has(i) ? 'fuzzy' : sameId && mapped.start === range.start ? 'exact' : 'moved';
        const words = newText.slice(mapped.start, mapped.end);
        expectations.push({ anchor, landing, sectionId: `${target.path}#${target.slug}`, ...mapped, words });
      });
    }
  }
  return { course: toCourseText(after), expectations };
}

/** What the student sees: the landing, the section and the highlighted words. */
function seen(course: CourseText, result: Reanchored) {
  if (result.status === 'orphaned') return { landing: 'orphaned' };
  const section = course.pages.flatMap((page) => page.sections).find((s) => s.id === result.sectionId)!;
  const { status: landing, sectionId, start, end } = result;
  return { landing, sectionId, start, end, words: section.text.slice(start, end) };
}

describe.each([20240617, 7, 4242])('reanchoring every highlight of a course that changed (course %i)', (seed) => {
  const { course, expectations } = scenario(seed);
  const index = indexCourse(course);
  const results = expectations.map((expected) => reanchor(expected.anchor, index));

  it('covers every kind of change', () => {
    const count = (landing: string) => expectations.filter((e) => e.landing === landing).length;
    expect(count('exact')).toBeGreaterThan(100);
    expect(count('moved')).toBeGreaterThan(80);
    expect(count('fuzzy')).toBeGreaterThan(30);
    expect(count('orphaned')).toBeGreaterThan(10);
    expect(expectations.filter((e) => e.anchor.quote.exact.length <= 4).length).toBeGreaterThan(5);
  });

  it('puts every highlight on its words, in its new section, or in the orphaned tray when its page is gone', () => {
    const wrong = results
      .map((result, i) => {
        const { anchor, landing, sectionId, start, end, words } = expectations[i]!;
        const want = landing === 'orphaned' ? { landing } : { landing, sectionId, start, end, words };
        return { quote: anchor.quote.exact, got: seen(course, result), want };
      })
      .filter((landed) => JSON.stringify(landed.got) !== JSON.stringify(landed.want));
    expect(wrong).toEqual([]);
  });

  it('gives the same answers when run again', () => {
    const again = indexCourse(course);
    expect(expectations.map((expected) => reanchor(expected.anchor, again))).toEqual(results);
  });
});
