import { normalizeWord, tokenize, type Token } from './tokenizer.js';

/** A stretch of text to highlight: UTF-16 offsets, end exclusive. */
export interface TextRange {
  start: number;
  end: number;
}

/** A short excerpt of a document around the words that matched, for the result list. */
export interface Snippet {
  text: string;
  /** Where the matched words are in `text`, in order and not overlapping. */
  matches: TextRange[];
  /** Text was left out before or after the excerpt (show an ellipsis). */
  cutBefore: boolean;
  cutAfter: boolean;
}

/**
 * What to highlight in a result's section once it is open: index terms as the search matched them
 * (so "transfomer" highlights "transformers") and phrases as sequences of terms.
 */
export interface Highlight {
  words: string[];
  phrases: string[][];
}

/** One thing the query asked for: any of a set of terms, or a phrase. Snippets try to show every group. */
export type MatchGroup = { words: ReadonlySet<string> } | { phrase: readonly string[] };

interface Match extends TextRange {
  group: number;
  /** The matched token's term, for a group of words; absent for a phrase. */
  word?: string;
  firstPosition: number;
  lastPosition: number;
}

const SNIPPET_WORDS = 30;
/** Words of context the excerpt keeps before the first match when there is room. */
const LEAD_WORDS = 6;
const CLOSING_PUNCTUATION = /[^\s\p{L}\p{N}]*/uy;

function findMatches(tokens: readonly Token[], groups: readonly MatchGroup[]): Match[] {
  const matches: Match[] = [];
  const wordAt = new Map<number, Token[]>();
  for (const token of tokens) {
    if (token.role === 'compound') continue;
    const list = wordAt.get(token.position);
    if (list) list.push(token);
    else wordAt.set(token.position, [token]);
  }
  groups.forEach((group, g) => {
    if ('words' in group) {
      for (const token of tokens) {
        if (group.words.has(token.term)) {
          matches.push({
            start: token.start,
            end: token.end,
            group: g,
            word: token.term,
            firstPosition: token.position,
            lastPosition: token.position,
          });
        }
      }
      return;
    }
    const [first, ...rest] = group.phrase;
    for (const token of tokens) {
      if (token.role === 'compound' || token.term !== first) continue;
      let last = token;
      const complete = rest.every((term, i) => {
        const next = wordAt.get(token.position + i + 1)?.find((candidate) => candidate.term === term);
        if (next) last = next;
        return next !== undefined;
      });
      if (complete) {
        matches.push({
          start: token.start,
          end: last.end,
          group: g,
          firstPosition: token.position,
          lastPosition: last.position,
        });
      }
    }
  });
  return matches.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Merges overlapping ranges: "zero-shot" and its part "zero" highlight as one. */
function mergeRanges(matches: readonly TextRange[]): TextRange[] {
  const merged: TextRange[] = [];
  for (const { start, end } of [...matches].sort((a, b) => a.start - b.start)) {
    const last = merged.at(-1);
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else merged.push({ start, end });
  }
  return merged;
}

function groupsFromHighlight(highlight: Highlight): MatchGroup[] {
  return [
    ...highlight.words.map((word) => ({ words: new Set([normalizeWord(word)]) })),
    ...highlight.phrases.map((phrase) => ({ phrase: phrase.map(normalizeWord) })),
  ];
}

/** Where a result's words occur in some text, such as a text node of the opened section. */
export function highlightRanges(text: string, highlight: Highlight): TextRange[] {
  return mergeRanges(findMatches(tokenize(text), groupsFromHighlight(highlight)));
}

/** The ranges of `text` that match the groups, and which terms of the word groups were found. */
export function matchText(text: string, groups: readonly MatchGroup[]): { ranges: TextRange[]; words: string[] } {
  const matches = findMatches(tokenize(text), groups);
  return { ranges: mergeRanges(matches), words: matchedWords(matches) };
}

function matchedWords(matches: readonly Match[]): string[] {
  return [...new Set(matches.flatMap((match) => (match.word === undefined ? [] : [match.word])))];
}

/**
 * Cuts the window of about SNIPPET_WORDS words that shows the most of what was asked for: first as
 * many different groups as possible, then as many matches as possible, then the earliest.
 */
export function makeSnippet(text: string, groups: readonly MatchGroup[]): { snippet: Snippet; words: string[] } {
  const tokens = tokenize(text);
  const words = tokens.filter((token) => token.role !== 'compound');
  if (words.length === 0)
    return { snippet: { text: text.trim(), matches: [], cutBefore: false, cutAfter: false }, words: [] };
  const lastPosition = words.at(-1)!.position;
  const matches = findMatches(tokens, groups);

  let windowStart = 0;
  if (matches.length > 0) {
    const byPosition = [...matches].sort((a, b) => a.firstPosition - b.firstPosition);
    let best = { groups: -1, count: -1, anchor: 0, reach: 0 };
    let j = 0;
    for (let i = 0; i < byPosition.length; i++) {
      const anchor = byPosition[i]!.firstPosition;
      const limit = anchor + SNIPPET_WORDS - 1;
      j = Math.max(j, i);
      while (j + 1 < byPosition.length && byPosition[j + 1]!.lastPosition <= limit) j++;
      const inside = byPosition.slice(i, j + 1).filter((m) => m.lastPosition <= limit);
      const distinct = new Set(inside.map((m) => m.group)).size;
      if (distinct > best.groups || (distinct === best.groups && inside.length > best.count)) {
        const reach = Math.max(anchor, ...inside.map((m) => m.lastPosition));
        best = { groups: distinct, count: inside.length, anchor, reach };
      }
    }
    const room = SNIPPET_WORDS - (best.reach - best.anchor + 1);
    windowStart = Math.max(0, best.anchor - Math.min(LEAD_WORDS, Math.floor(room / 2)));
  }
  const windowEnd = Math.min(lastPosition, windowStart + SNIPPET_WORDS - 1);
  windowStart = Math.max(0, Math.min(windowStart, windowEnd - SNIPPET_WORDS + 1));

  const first = words.find((token) => token.position >= windowStart)!;
  const last = words.findLast((token) => token.position <= windowEnd)!;
  const sliceStart = first.start;
  // Keep punctuation that closes the last word ("model." or "model),") so the excerpt reads naturally.
  CLOSING_PUNCTUATION.lastIndex = last.end;
  const sliceEnd = last.end + CLOSING_PUNCTUATION.exec(text)![0].length;
  const ranges = mergeRanges(matches.filter((m) => m.start >= sliceStart && m.end <= sliceEnd));
  return {
    snippet: {
      text: text.slice(sliceStart, sliceEnd),
      matches: ranges.map(({ start, end }) => ({ start: start - sliceStart, end: end - sliceStart })),
      cutBefore: first.position > words[0]!.position,
      cutAfter: last.position < lastPosition,
    },
    words: matchedWords(matches),
  };
}
