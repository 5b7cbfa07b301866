import { parseQuery, type PhraseClause, type WordClause } from './query.js';
import type { SearchKind } from './search-document.js';
import type { SearchIndex } from './search-index.js';
import { makeSnippet, matchText, type Highlight, type MatchGroup, type Snippet, type TextRange } from './snippet.js';

export interface SearchFilter {
  /** Only these kinds, e.g. ['note', 'highlight'] for "notes only". */
  kinds?: readonly SearchKind[];
  /** Only this page ("this page"). */
  pagePath?: string;
}

export interface SearchOptions {
  /** At most this many results (default 20). */
  limit?: number;
  filter?: SearchFilter;
}

export interface SearchResult {
  id: string;
  pagePath: string;
  pageTitle: string;
  sectionTitle: string;
  kind: SearchKind;
  /** Relevance; results come sorted by how many of the query's words they match, then by this. */
  score: number;
  /** How many of the query's words and phrases the document matches. */
  matchedClauses: number;
  /** Matched words in `sectionTitle`. */
  titleMatches: TextRange[];
  snippet: Snippet;
  /** What to highlight in the section once it is open (see highlightRanges). */
  highlight: Highlight;
}

const DEFAULT_LIMIT = 20;
/**
 * A short prefix ("g") can start thousands of terms: only the most common ones are searched, the
 * fewer the shorter the prefix (a first keystroke says little about the word to come).
 */
const prefixTermLimit = (prefix: string) => Math.min(40, 10 * 2 ** (prefix.length - 1));
/** An exact match scores more than a longer word the typed one begins, which scores more than a near miss. */
const PREFIX_FACTOR = 0.7;
const TYPO_FACTORS = [1, 0.45, 0.25];

interface Expansion {
  term: string;
  /** Index in the course dictionary, or -1 for a term only run-time documents have. */
  courseIndex: number;
  factor: number;
}

interface Candidate {
  slot: number;
  matched: number;
  score: number;
}

const outranks = (a: Candidate, b: Candidate) =>
  a.matched > b.matched || (a.matched === b.matched && a.score > b.score);

/**
 * Finds the documents that match a query, best first. Every word and every quoted phrase is a
 * clause; documents that match more clauses come first, and among them the higher score wins.
 * An empty or blank query has no results.
 */
export function search(index: SearchIndex, query: string, options: SearchOptions = {}): SearchResult[] {
  const limit = options.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`The search limit must be a whole number of at least 1, not ${limit}.`);
  }
  const clauses = parseQuery(query);
  if (clauses.length === 0) return [];

  const scratch = scratchFor(index);
  const touched: number[] = [];
  const groups: MatchGroup[] = [];
  const queryStamp = scratch.nextQuery();
  for (const clause of clauses) {
    const hits: number[] = [];
    const clauseStamp = scratch.nextClause();
    if (clause.kind === 'word') {
      const expansions = expandWord(index, clause);
      scoreWord(index, expansions, scratch, clauseStamp, hits);
      groups.push({ words: new Set(expansions.map((expansion) => expansion.term)) });
    } else {
      scorePhrase(index, clause, scratch, clauseStamp, hits);
      groups.push({ phrase: clause.terms });
    }
    const { best, total, matched, queryStamps } = scratch;
    for (const slot of hits) {
      if (queryStamps[slot] !== queryStamp) {
        queryStamps[slot] = queryStamp;
        total[slot] = 0;
        matched[slot] = 0;
        touched.push(slot);
      }
      matched[slot] = matched[slot]! + 1;
      total[slot] = total[slot]! + best[slot]!;
    }
  }

  const kinds = options.filter?.kinds ? new Set(options.filter.kinds) : undefined;
  const pagePath = options.filter?.pagePath;
  const top: Candidate[] = [];
  const { total, matched } = scratch;
  for (const slot of touched) {
    const clausesMatched = matched[slot]!;
    const score = total[slot]!;
    // Most documents lose against the current last place: check that before anything else.
    const last = top.length === limit ? top[limit - 1]! : undefined;
    if (last && (clausesMatched < last.matched || (clausesMatched === last.matched && score <= last.score))) continue;
    const doc = index.docs[slot]!;
    if ((kinds && !kinds.has(doc.kind)) || (pagePath !== undefined && doc.pagePath !== pagePath)) continue;
    const candidate = { slot, matched: clausesMatched, score };
    let at = top.length;
    while (at > 0 && outranks(candidate, top[at - 1]!)) at--;
    top.splice(at, 0, candidate);
    if (top.length > limit) top.pop();
  }

  const phrases = clauses
    .filter((clause): clause is PhraseClause => clause.kind === 'phrase')
    .map((clause) => clause.terms);
  return top.map(({ slot, matched: matchedClauses, score }) => {
    const doc = index.docs[slot]!;
    const title = matchText(doc.sectionTitle, groups);
    const { snippet, words } = makeSnippet(index.text(slot), groups);
    const headingWords = doc.headings.flatMap((heading) => matchText(heading, groups).words);
    return {
      id: doc.id,
      pagePath: doc.pagePath,
      pageTitle: doc.pageTitle,
      sectionTitle: doc.sectionTitle,
      kind: doc.kind,
      score,
      matchedClauses,
      titleMatches: title.ranges,
      snippet,
      highlight: { words: [...new Set([...title.words, ...headingWords, ...words])], phrases },
    };
  });
}

/** The terms a word of the query stands for: itself, longer words it starts (while typed), near misses. */
function expandWord(index: SearchIndex, clause: WordClause): Expansion[] {
  const course = index.course.dictionary;
  const runtime = index.runtimeDictionary();
  const byTerm = new Map<string, Expansion>();
  const offer = (term: string, courseIndex: number, factor: number) => {
    const known = byTerm.get(term);
    if (!known || known.factor < factor) byTerm.set(term, { term, courseIndex, factor });
  };
  const fromRuntime = (i: number, factor: number) => {
    const term = runtime.terms[i]!;
    offer(term, course.indexOf(term), factor);
  };

  const exact = course.indexOf(clause.term);
  if (exact >= 0 || runtime.indexOf(clause.term) >= 0) offer(clause.term, exact, 1);
  if (clause.prefix) {
    const [from, to] = course.prefixRange(clause.term);
    const longer: number[] = [];
    for (let i = from; i < to; i++) if (i !== exact) longer.push(i);
    const limit = prefixTermLimit(clause.term);
    if (longer.length > limit) {
      const frequency = index.course.documentFrequency;
      longer.sort((a, b) => frequency[b]! - frequency[a]!);
      longer.length = limit;
    }
    for (const i of longer) offer(course.terms[i]!, i, PREFIX_FACTOR);
    const [runtimeFrom, runtimeTo] = runtime.prefixRange(clause.term);
    for (let i = runtimeFrom; i < runtimeTo; i++) fromRuntime(i, PREFIX_FACTOR);
  }
  if (clause.maxTypos > 0) {
    course.forEachWithin(clause.term, clause.maxTypos, (i, distance) =>
      offer(course.terms[i]!, i, TYPO_FACTORS[distance]!),
    );
    runtime.forEachWithin(clause.term, clause.maxTypos, (i, distance) => fromRuntime(i, TYPO_FACTORS[distance]!));
  }
  return [...byTerm.values()];
}

/** Inverse document frequency, as BM25 has it: rare words count for more. */
function idf(index: SearchIndex, documentFrequency: number): number {
  return Math.log(1 + (index.size - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/**
 * Each document scores its best expansion. A longer or misspelt word may be rarer than the word
 * typed, but it must not count for more for that reason, so its idf is capped by the typed word's.
 */
function scoreWord(
  index: SearchIndex,
  expansions: readonly Expansion[],
  scratch: Scratch,
  stamp: number,
  hits: number[],
): void {
  const exact = expansions.find((expansion) => expansion.factor === 1);
  const cap = exact ? idf(index, index.documentFrequency(exact.term, exact.courseIndex)) : Infinity;
  const { best, clauseStamps } = scratch;
  for (const { term, courseIndex, factor } of expansions) {
    const weight = Math.min(cap, idf(index, index.documentFrequency(term, courseIndex))) * factor;
    const { slots, weights, length } = index.postings(term, courseIndex);
    for (let k = 0; k < length; k++) {
      const slot = slots[k]!;
      const score = weight * weights[k]!;
      if (clauseStamps[slot] !== stamp) {
        clauseStamps[slot] = stamp;
        best[slot] = score;
        hits.push(slot);
      } else if (score > best[slot]!) {
        best[slot] = score;
      }
    }
  }
}

/** A phrase matches where its terms sit at consecutive positions; it scores the sum of its terms. */
function scorePhrase(index: SearchIndex, clause: PhraseClause, scratch: Scratch, stamp: number, hits: number[]): void {
  const course = index.course.dictionary;
  const terms = clause.terms.map((term) => ({ term, courseIndex: course.indexOf(term) }));
  const frequencies = terms.map(({ term, courseIndex }) => index.documentFrequency(term, courseIndex));
  if (frequencies.some((frequency) => frequency === 0)) return;

  const found = index.phraseSlots(terms);
  const { best, clauseStamps } = scratch;
  for (const slot of found) {
    clauseStamps[slot] = stamp;
    best[slot] = 0;
    hits.push(slot);
  }
  terms.forEach(({ term, courseIndex }, i) => {
    const weight = idf(index, frequencies[i]!);
    const { slots, weights, length } = index.postings(term, courseIndex);
    for (let k = 0; k < length; k++) {
      const slot = slots[k]!;
      if (clauseStamps[slot] === stamp) best[slot] = best[slot]! + weight * weights[k]!;
    }
  });
}

/**
 * Per-document accumulators, kept between queries so that typing does not allocate and clear
 * arrays the size of the course on every keystroke. A slot's value counts only when its stamp is
 * the current query's (or clause's), which makes starting a query free.
 */
class Scratch {
  total: Float64Array;
  matched: Uint8Array;
  best: Float64Array;
  queryStamps: Uint32Array;
  clauseStamps: Uint32Array;
  private query = 0;
  private clause = 0;

  constructor(readonly size: number) {
    this.total = new Float64Array(size);
    this.matched = new Uint8Array(size);
    this.best = new Float64Array(size);
    this.queryStamps = new Uint32Array(size);
    this.clauseStamps = new Uint32Array(size);
  }

  nextQuery(): number {
    if (this.query === 0xffffffff) {
      this.queryStamps.fill(0);
      this.query = 0;
    }
    return ++this.query;
  }

  nextClause(): number {
    if (this.clause === 0xffffffff) {
      this.clauseStamps.fill(0);
      this.clause = 0;
    }
    return ++this.clause;
  }
}

const scratches = new WeakMap<SearchIndex, Scratch>();

function scratchFor(index: SearchIndex): Scratch {
  let scratch = scratches.get(index);
  if (!scratch || scratch.size < index.docs.length) {
    // Room for notes added later, so that each new note does not reallocate.
    scratch = new Scratch(index.docs.length + 256);
    scratches.set(index, scratch);
  }
  return scratch;
}
