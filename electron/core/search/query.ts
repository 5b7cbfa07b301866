import { tokenize } from './tokenizer.js';

/** A word of the query: matches the term, and also longer terms and near misses when allowed. */
export interface WordClause {
  kind: 'word';
  term: string;
  /** The word is still being typed: terms that start with it match too. */
  prefix: boolean;
  /** How many typing mistakes may separate the term from a matching one. */
  maxTypos: number;
}

/** Words in double quotes: they must appear one right after the other. */
export interface PhraseClause {
  kind: 'phrase';
  terms: string[];
}

export type Clause = WordClause | PhraseClause;

const QUOTES = /["“”„]/;
/** A pasted paragraph is searched by its first words; ranking counts matched clauses in a byte. */
const MAX_CLAUSES = 32;
const HAS_DIGIT = /\d/;
const ONLY_JOINERS = /^[-_.]*$/;

/**
 * Typo tolerance grows with the word: none below four letters (where one edit turns a word into
 * a different common word), one from four, two from eight. Words with digits ("gpt4", "2017")
 * must match exactly, since one digit off is another model or another year.
 */
function typoBudget(term: string): number {
  if (HAS_DIGIT.test(term)) return 0;
  if (term.length >= 8) return 2;
  if (term.length >= 4) return 1;
  return 0;
}

/**
 * Reads what the student typed. Text in double quotes is a phrase (an unclosed quote runs to the
 * end, as it does while the phrase is being typed); every other word is a clause of its own.
 * The last word is a prefix unless something other than a compound joiner follows it: "gene"
 * matches "generative", "gene " matches only "gene", and "gpt-" matches "gpt-4".
 */
export function parseQuery(query: string): Clause[] {
  const clauses: Clause[] = [];
  const seen = new Set<string>();
  const segments = query.split(QUOTES);
  segments.forEach((segment, i) => {
    const insideQuotes = i % 2 === 1;
    const isLast = i === segments.length - 1;
    const tokens = tokenize(segment);
    if (insideQuotes) {
      const terms = tokens.filter((token) => token.role !== 'compound').map((token) => token.term);
      if (terms.length === 1) pushWord(terms[0]!, false, false);
      else if (terms.length > 1) pushPhrase(terms);
      return;
    }
    const words = tokens.filter((token) => token.role !== 'part');
    words.forEach((token, w) => {
      const typing = isLast && w === words.length - 1 && ONLY_JOINERS.test(segment.slice(token.end));
      pushWord(token.term, typing, true);
    });
  });
  return clauses;

  function pushWord(term: string, prefix: boolean, fuzzy: boolean): void {
    const key = `w:${term}:${prefix}:${fuzzy}`;
    if (seen.has(key) || clauses.length === MAX_CLAUSES) return;
    seen.add(key);
    clauses.push({ kind: 'word', term, prefix, maxTypos: fuzzy ? typoBudget(term) : 0 });
  }

  function pushPhrase(terms: string[]): void {
    const key = `p:${terms.join(' ')}`;
    if (seen.has(key) || clauses.length === MAX_CLAUSES) return;
    seen.add(key);
    clauses.push({ kind: 'phrase', terms });
  }
}
