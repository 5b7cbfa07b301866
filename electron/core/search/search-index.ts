import { assertSearchDocument, type SearchDocument, type SearchKind } from './search-document.js';
import { TermDictionary } from './term-dictionary.js';
import { forEachToken } from './tokenizer.js';
import { ByteWriter } from './varint.js';

/**
 * The fields of a document, in the order their words are laid out in one position space. A gap
 * of one position separates fields (and headings), so a phrase never runs from one into the next.
 */
const PAGE_TITLE = 0;
const SECTION_TITLE = 1;
const HEADINGS = 2;
const TEXT = 3;

/**
 * A word in a title field scores its weight (a little more when repeated); words in the text score
 * BM25 (k1 = 1.2, b = 0.75), which never exceeds k1 + 1 = 2.2. Every title-field weight is above
 * that ceiling, so a section whose title or heading has the word outranks one that only mentions
 * it in its text, however often.
 */
const WEIGHTS = [4, 12, 6] as const;
const K1 = 1.2;
const B = 0.75;

/** How many times a term occurs in each field of one document. */
interface FieldCounts {
  pageTitle: number;
  sectionTitle: number;
  headings: number;
  text: number;
}

/** What the engine keeps about a document besides its postings. */
export interface DocRecord {
  id: string;
  pagePath: string;
  pageTitle: string;
  sectionTitle: string;
  headings: string[];
  kind: SearchKind;
  /** Number of word positions in the text: BM25's document length. */
  length: number;
}

/** Documents (by number) and the term's weight in each; only the first `length` entries count. */
export interface PostingList {
  slots: Int32Array;
  weights: Float64Array;
  length: number;
}

interface RuntimePosting {
  counts: FieldCounts;
  positions: number[];
}

/**
 * The course part: built once by the compiler, serialized into the pack, loaded read-only. Postings
 * stay encoded, and only the few terms a query touches are ever decoded, so loading is little more
 * than reading the term list.
 */
export interface CoursePart {
  docs: DocRecord[];
  /** Every document's text, one after the other; `textEnds[i]` is where document i's text ends. */
  texts: string;
  textEnds: Uint32Array;
  dictionary: TermDictionary;
  documentFrequency: Uint32Array;
  /** Where each term's postings start in `postings` and its positions in `positions` (one extra entry at the end). */
  postingStarts: Uint32Array;
  positionStarts: Uint32Array;
  /** Per term, per document: the gap from the previous document id, then the field counts. */
  postings: Uint8Array;
  /** Per term, per document: that document's positions of the term, as gaps. */
  positions: Uint8Array;
}

/**
 * A search index: the course part plus the student's notes and highlights, which are added and
 * removed at run time in a small in-memory part without touching the course part. Documents are
 * numbered: course documents first, then run-time ones in the order they were added.
 */
export class SearchIndex {
  readonly docs: DocRecord[];
  private readonly texts: string[] = [];
  private readonly slotById = new Map<string, number>();
  private readonly removed = new Set<number>();
  private readonly runtimeTerms = new Map<string, Map<number, RuntimePosting>>();
  private readonly runtimeDocTerms = new Map<number, string[]>();
  /** Numbers of removed run-time documents, reused so that editing a note does not grow the index. */
  private readonly freeSlots: number[] = [];
  private runtimeTermsSorted: TermDictionary | undefined;
  private postingBuffer: PostingList = { slots: new Int32Array(0), weights: new Float64Array(0), length: 0 };
  private totalLength = 0;
  private liveDocs = 0;

  constructor(readonly course: CoursePart) {
    this.docs = [...course.docs];
    course.docs.forEach((doc, slot) => {
      if (this.slotById.has(doc.id)) throw new Error(`The search index has the document id "${doc.id}" twice.`);
      this.slotById.set(doc.id, slot);
      this.totalLength += doc.length;
    });
    this.liveDocs = course.docs.length;
  }

  get size(): number {
    return this.liveDocs;
  }

  /** True when the index is exactly its course part: no run-time documents, no course document removed. */
  get pristine(): boolean {
    return this.runtimeDocTerms.size === 0 && this.liveDocs === this.course.docs.length;
  }

  get averageLength(): number {
    return this.liveDocs === 0 ? 0 : this.totalLength / this.liveDocs;
  }

  text(slot: number): string {
    const courseDocs = this.course.docs.length;
    if (slot >= courseDocs) return this.texts[slot - courseDocs]!;
    return this.course.texts.slice(slot === 0 ? 0 : this.course.textEnds[slot - 1], this.course.textEnds[slot]);
  }

  /** Adds a document, replacing the one with the same id if there is one (a note being edited). */
  add(doc: SearchDocument): void {
    assertSearchDocument(doc, 'The document to add');
    this.remove(doc.id);
    const slot = this.freeSlots.pop() ?? this.docs.length;
    const { record, terms } = analyze(doc);
    this.docs[slot] = record;
    this.texts[slot - this.course.docs.length] = doc.text;
    this.removed.delete(slot);
    this.slotById.set(doc.id, slot);
    this.totalLength += record.length;
    this.liveDocs++;
    for (const [term, posting] of terms) {
      let bySlot = this.runtimeTerms.get(term);
      if (!bySlot) this.runtimeTerms.set(term, (bySlot = new Map()));
      bySlot.set(slot, posting);
    }
    this.runtimeDocTerms.set(slot, [...terms.keys()]);
    this.runtimeTermsSorted = undefined;
  }

  /** Removes a document by id; returns false when there was none. */
  remove(id: string): boolean {
    const slot = this.slotById.get(id);
    if (slot === undefined) return false;
    this.slotById.delete(id);
    this.removed.add(slot);
    this.totalLength -= this.docs[slot]!.length;
    this.liveDocs--;
    for (const term of this.runtimeDocTerms.get(slot) ?? []) {
      const bySlot = this.runtimeTerms.get(term)!;
      bySlot.delete(slot);
      if (bySlot.size === 0) this.runtimeTerms.delete(term);
    }
    if (slot >= this.course.docs.length) {
      this.runtimeDocTerms.delete(slot);
      this.texts[slot - this.course.docs.length] = '';
      this.freeSlots.push(slot);
    }
    this.runtimeTermsSorted = undefined;
    return true;
  }

  /** The terms of run-time documents, sorted like the course dictionary; rebuilt only after a change. */
  runtimeDictionary(): TermDictionary {
    this.runtimeTermsSorted ??= new TermDictionary([...this.runtimeTerms.keys()].sort(compareTerms));
    return this.runtimeTermsSorted;
  }

  documentFrequency(term: string, courseIndex: number): number {
    return (
      (courseIndex >= 0 ? this.course.documentFrequency[courseIndex]! : 0) + (this.runtimeTerms.get(term)?.size ?? 0)
    );
  }

  /**
   * The live documents that contain the term, each with the term's field-weighted, length-normalized
   * frequency in it (idf not included). `courseIndex` is the term's index in the course dictionary,
   * or -1. The returned list is a buffer that the next call overwrites.
   */
  postings(term: string, courseIndex: number): PostingList {
    const runtime = this.runtimeTerms.get(term);
    const capacity = (courseIndex >= 0 ? this.course.documentFrequency[courseIndex]! : 0) + (runtime?.size ?? 0);
    if (this.postingBuffer.slots.length < capacity) {
      this.postingBuffer = { slots: new Int32Array(capacity), weights: new Float64Array(capacity), length: 0 };
    }
    const { slots, weights } = this.postingBuffer;
    const average = this.averageLength || 1;
    const anyRemoved = this.removed.size > 0;
    let length = 0;
    if (courseIndex >= 0) {
      const cursor = new Cursor(this.course.postings, this.course.postingStarts[courseIndex]!);
      const end = this.course.postingStarts[courseIndex + 1]!;
      const counts: FieldCounts = { pageTitle: 0, sectionTitle: 0, headings: 0, text: 0 };
      let slot = 0;
      while (cursor.offset < end) {
        slot += cursor.uint();
        readCounts(cursor, counts);
        if (anyRemoved && this.removed.has(slot)) continue;
        slots[length] = slot;
        weights[length++] = fieldWeight(counts, this.docs[slot]!.length, average);
      }
    }
    for (const [slot, posting] of runtime ?? []) {
      slots[length] = slot;
      weights[length++] = fieldWeight(posting.counts, this.docs[slot]!.length, average);
    }
    this.postingBuffer.length = length;
    return this.postingBuffer;
  }

  /**
   * The live documents in which the terms occur at consecutive positions. The course part is
   * walked like a merge join: every term's postings advance together in document order, and
   * positions are decoded only for documents that have all the terms.
   */
  phraseSlots(terms: readonly { term: string; courseIndex: number }[]): number[] {
    const found: number[] = [];
    const lists: number[][] = terms.map(() => []);
    if (terms.every(({ courseIndex }) => courseIndex >= 0)) {
      const walkers = terms.map(({ courseIndex }) => new PhraseWalker(this.course, courseIndex));
      let done = !walkers.every((walker) => walker.next());
      while (!done) {
        const target = Math.max(...walkers.map((walker) => walker.slot));
        let aligned = true;
        for (const walker of walkers) {
          while (walker.slot < target) {
            if (!walker.next()) {
              done = true;
              break;
            }
          }
          if (done) break;
          if (walker.slot !== target) aligned = false;
        }
        if (done || !aligned) continue;
        walkers.forEach((walker, i) => walker.readPositions(lists[i]!));
        if (!this.removed.has(target) && consecutive(lists)) found.push(target);
        done = !walkers.every((walker) => walker.next());
      }
    }
    for (const [slot, posting] of this.runtimeTerms.get(terms[0]!.term) ?? []) {
      const runtimeLists = terms.map(({ term }, i) =>
        i === 0 ? posting.positions : this.runtimeTerms.get(term)?.get(slot)?.positions,
      );
      if (runtimeLists.every((list) => list !== undefined) && consecutive(runtimeLists as number[][])) found.push(slot);
    }
    return found;
  }
}

/** Whether some position p of the first list has p + i in list i for every i. Lists are sorted. */
function consecutive(lists: readonly (readonly number[])[]): boolean {
  const pointers = lists.map(() => 0);
  for (const start of lists[0]!) {
    let all = true;
    for (let i = 1; i < lists.length && all; i++) {
      const list = lists[i]!;
      let at = pointers[i]!;
      while (at < list.length && list[at]! < start + i) at++;
      pointers[i] = at;
      all = list[at] === start + i;
    }
    if (all) return true;
  }
  return false;
}

/** One term's postings and positions, read in step: positions a document does not need are skipped. */
class PhraseWalker {
  slot = -1;
  private readonly postings: Cursor;
  private readonly positions: Cursor;
  private readonly end: number;
  private readonly counts: FieldCounts = { pageTitle: 0, sectionTitle: 0, headings: 0, text: 0 };
  private unread = 0;

  constructor(course: CoursePart, courseIndex: number) {
    this.postings = new Cursor(course.postings, course.postingStarts[courseIndex]!);
    this.positions = new Cursor(course.positions, course.positionStarts[courseIndex]!);
    this.end = course.postingStarts[courseIndex + 1]!;
  }

  next(): boolean {
    for (; this.unread > 0; this.unread--) this.positions.uint();
    if (this.postings.offset >= this.end) return false;
    this.slot = (this.slot < 0 ? 0 : this.slot) + this.postings.uint();
    readCounts(this.postings, this.counts);
    const { pageTitle, sectionTitle, headings, text } = this.counts;
    this.unread = pageTitle + sectionTitle + headings + text;
    return true;
  }

  readPositions(into: number[]): void {
    into.length = 0;
    let position = 0;
    for (; this.unread > 0; this.unread--) into.push((position += this.positions.uint()));
  }
}

/**
 * Reads postings without bounds checks: they are only ever read within the ranges the term table
 * gives, and the pack's own checksums catch damaged files.
 */
class Cursor {
  constructor(
    private readonly bytes: Uint8Array,
    public offset: number,
  ) {}

  uint(): number {
    let byte = this.bytes[this.offset++]!;
    if (byte < 0x80) return byte;
    let value = byte & 0x7f;
    let shift = 7;
    do {
      byte = this.bytes[this.offset++]!;
      value |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte >= 0x80);
    return value;
  }
}

function readCounts(cursor: Cursor, counts: FieldCounts): void {
  const head = cursor.uint();
  counts.text = head >>> 1;
  if (head & 1) {
    counts.pageTitle = cursor.uint();
    counts.sectionTitle = cursor.uint();
    counts.headings = cursor.uint();
  } else {
    counts.pageTitle = counts.sectionTitle = counts.headings = 0;
  }
}

function writeCounts(writer: ByteWriter, counts: FieldCounts): void {
  const other = counts.pageTitle + counts.sectionTitle + counts.headings > 0;
  writer.uint(counts.text * 2 + (other ? 1 : 0));
  if (other) {
    writer.uint(counts.pageTitle);
    writer.uint(counts.sectionTitle);
    writer.uint(counts.headings);
  }
}

/** Code-unit order, the order TermDictionary's binary searches assume (localeCompare would not do). */
const compareTerms = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const saturate = (count: number) => count / (count + 0.5);

function fieldWeight(counts: FieldCounts, length: number, averageLength: number): number {
  let weight = 0;
  if (counts.pageTitle) weight += WEIGHTS[PAGE_TITLE] * saturate(counts.pageTitle);
  if (counts.sectionTitle) weight += WEIGHTS[SECTION_TITLE] * saturate(counts.sectionTitle);
  if (counts.headings) weight += WEIGHTS[HEADINGS] * saturate(counts.headings);
  if (counts.text) {
    weight += (counts.text * (K1 + 1)) / (counts.text + K1 * (1 - B + (B * length) / averageLength));
  }
  return weight;
}

/** Receives each term of a document with the field it is in and its position. */
type TermVisitor = (term: string, field: number, position: number) => void;

/**
 * Tokenizes a document's fields into one position space (a gap of one between fields) and gives
 * each term to `visit`, in order; returns the document's record.
 */
function walkTerms(doc: SearchDocument, visit: TermVisitor): DocRecord {
  let next = 0;
  let textLength = 0;
  const addField = (value: string, field: number) => {
    const after = forEachToken(value, next, (term, _role, position) => visit(term, field, position));
    if (after === next) return;
    if (field === TEXT) textLength = after - next;
    next = after + 1;
  };
  addField(doc.pageTitle, PAGE_TITLE);
  addField(doc.sectionTitle, SECTION_TITLE);
  for (const heading of doc.headings) addField(heading, HEADINGS);
  addField(doc.text, TEXT);
  const { id, pagePath, pageTitle, sectionTitle, headings, kind } = doc;
  return { id, pagePath, pageTitle, sectionTitle, headings: [...headings], kind, length: textLength };
}

const FIELD_NAMES = ['pageTitle', 'sectionTitle', 'headings', 'text'] as const;

/** A document's terms, each with its counts per field and its positions (in increasing order). */
function analyze(doc: SearchDocument): { record: DocRecord; terms: Map<string, RuntimePosting> } {
  const terms = new Map<string, RuntimePosting>();
  const record = walkTerms(doc, (term, field, position) => {
    let posting = terms.get(term);
    if (!posting) {
      posting = { counts: { pageTitle: 0, sectionTitle: 0, headings: 0, text: 0 }, positions: [] };
      terms.set(term, posting);
    }
    posting.counts[FIELD_NAMES[field]!]++;
    posting.positions.push(position);
  });
  return { record, terms };
}

/**
 * Everything the course part records about one term while it is built, flat: per document it
 * occurs in, the document's number, four field counts and where its positions end.
 */
interface TermPostings {
  slots: number[];
  /** Four per document, in field order. */
  counts: number[];
  positions: number[];
  /** Per document, the end of its positions in `positions`. */
  positionEnds: number[];
}

/** Builds the course part of an index from the compiler's documents. */
export function buildSearchIndex(docs: readonly SearchDocument[]): SearchIndex {
  const records: DocRecord[] = [];
  const texts: string[] = [];
  const textEnds = new Uint32Array(docs.length);
  // One map for the whole course, filled as the words come: a course has millions of them.
  const byTerm = new Map<string, TermPostings>();
  const seen = new Set<string>();
  let textEnd = 0;
  docs.forEach((doc, slot) => {
    assertSearchDocument(doc, `Search document ${slot + 1}`);
    if (seen.has(doc.id)) throw new Error(`Search document ${slot + 1} repeats the id "${doc.id}".`);
    seen.add(doc.id);
    records.push(
      walkTerms(doc, (term, field, position) => {
        let entry = byTerm.get(term);
        if (!entry) byTerm.set(term, (entry = { slots: [], counts: [], positions: [], positionEnds: [] }));
        if (entry.slots[entry.slots.length - 1] !== slot) {
          entry.slots.push(slot);
          entry.counts.push(0, 0, 0, 0);
          entry.positionEnds.push(entry.positions.length);
        }
        entry.counts[entry.counts.length - 4 + field]!++;
        entry.positions.push(position);
        entry.positionEnds[entry.positionEnds.length - 1] = entry.positions.length;
      }),
    );
    texts.push(doc.text);
    textEnd += doc.text.length;
    textEnds[slot] = textEnd;
  });

  const terms = [...byTerm.keys()].sort(compareTerms);
  const documentFrequency = new Uint32Array(terms.length);
  const postingStarts = new Uint32Array(terms.length + 1);
  const positionStarts = new Uint32Array(terms.length + 1);
  const postingWriter = new ByteWriter();
  const positionWriter = new ByteWriter();
  terms.forEach((term, t) => {
    const { slots, counts, positions, positionEnds } = byTerm.get(term)!;
    documentFrequency[t] = slots.length;
    let previousSlot = 0;
    let positionAt = 0;
    slots.forEach((slot, k) => {
      postingWriter.uint(slot - previousSlot);
      previousSlot = slot;
      writeCounts(postingWriter, {
        pageTitle: counts[4 * k]!,
        sectionTitle: counts[4 * k + 1]!,
        headings: counts[4 * k + 2]!,
        text: counts[4 * k + 3]!,
      });
      let previousPosition = 0;
      for (; positionAt < positionEnds[k]!; positionAt++) {
        positionWriter.uint(positions[positionAt]! - previousPosition);
        previousPosition = positions[positionAt]!;
      }
    });
    postingStarts[t + 1] = postingWriter.length;
    positionStarts[t + 1] = positionWriter.length;
  });

  return new SearchIndex({
    docs: records,
    texts: texts.join(''),
    textEnds,
    dictionary: new TermDictionary(terms),
    documentFrequency,
    postingStarts,
    positionStarts,
    postings: postingWriter.finish(),
    positions: positionWriter.finish(),
  });
}

/** Adds a note or highlight (or replaces the document with the same id) without rebuilding anything. */
export function addDocument(index: SearchIndex, doc: SearchDocument): void {
  index.add(doc);
}

/** Removes a document by id; returns false when the index had no such document. */
export function removeDocument(index: SearchIndex, id: string): boolean {
  return index.remove(id);
}
