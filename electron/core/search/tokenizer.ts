/**
 * Turns text into index terms, the same way for course text, notes and queries, so that whatever a
 * student types meets the words as they were indexed.
 *
 * - Case and accents are folded: "Naïve" and "naive" are one term (NFKD, combining marks dropped,
 *   plus the Latin letters that have no decomposition, such as "ß" and "ø").
 * - Apostrophes inside a word are dropped: "doesn't" is "doesnt", "model's" is "models".
 * - Punctuation separates words, except `-`, `_` and `.` between two letters or digits: those join a
 *   compound word (`zero-shot`, `fine-tune`, `GPT-4`, `gpt-3.5`, `snake_case`, `node.js`). A compound
 *   is indexed as its parts, at consecutive positions, and as the parts joined together, at the
 *   first part's position. So `zero`, `shot`, `zero-shot`, `zeroshot` and the phrase "zero shot" all
 *   find "zero-shot"; `gpt`, `gpt-4` and `gpt4` all find "GPT-4". A compound typed in a query is
 *   looked up by its joined form, which is why writing it with or without the hyphen finds the same.
 * - Light English stemming folds plurals and possessives ("models", "model's", "studies" become
 *   "model", "model", "study"). It only touches a plural ending and leaves "-ing", "-ed" and the like
 *   alone: a half-typed "generat" still begins every term it should ("generate", "generative").
 */

/** How a token relates to the words of the text. */
export type TokenRole =
  /** a plain word */
  | 'word'
  /** one part of a compound word such as the "zero" of "zero-shot" */
  | 'part'
  /** a compound word's parts joined together ("zeroshot"); shares the first part's position */
  | 'compound';

export interface Token {
  /** The folded, stemmed form that is indexed and looked up. */
  term: string;
  role: TokenRole;
  /** Word position: parts of a compound take consecutive positions, like separate words. */
  position: number;
  /** Where the token is in the original text (UTF-16 offsets, end exclusive), for highlighting. */
  start: number;
  end: number;
}

const WORD = String.raw`[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*`;
const TOKEN = new RegExp(String.raw`${WORD}(?:[-_.]${WORD})*`, 'gu');
const PART = new RegExp(WORD, 'gu');
const COMPOUND_SEPARATOR = /[-_.]/;
const COMBINING_MARKS = /\p{M}/gu;
const APOSTROPHES = /['’]/g;
const NO_DECOMPOSITION = /[ßæœøłđðþı]/g;
const LETTER_FOLDS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
/** Anything outside printable ASCII takes the full Unicode path. */
const NON_ASCII = /[^ -~]/;
const PLAIN_LOWERCASE_WORD = /^[a-z]+$/;

/** Lowercases and strips accents and apostrophes: "Naïve" → "naive", "Doesn't" → "doesnt". */
export function fold(word: string): string {
  if (!NON_ASCII.test(word)) {
    const lower = word.toLowerCase();
    return lower.includes("'") ? lower.replace(APOSTROPHES, '') : lower;
  }
  return word
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(NO_DECOMPOSITION, (letter) => LETTER_FOLDS[letter]!)
    .replace(APOSTROPHES, '');
}

/**
 * Folds plurals onto their singular: "models" → "model", "studies" → "study", "classes" → "class".
 * Words of three letters or fewer, words with digits, and words ending in "ss", "us" or "is"
 * ("loss", "corpus", "analysis") are left alone.
 */
export function stem(word: string): string {
  if (word.length <= 3 || word.charCodeAt(word.length - 1) !== 115 /* s */ || !PLAIN_LOWERCASE_WORD.test(word)) {
    return word;
  }
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
  return word.slice(0, -1);
}

/** The index term for one word of text. */
export function normalizeWord(word: string): string {
  return stem(fold(word));
}

/** Receives one token: its term, role, word position and where it is in the text (end exclusive). */
export type TokenVisitor = (term: string, role: TokenRole, position: number, start: number, end: number) => void;

/**
 * Gives each token of the text to `visit`, in order, without building token objects (the index
 * builder sees every word of a course). Positions start at `firstPosition`, so that several fields
 * of one document can share one position space with gaps between them. Returns the position after
 * the last token: `firstPosition` when the text has none.
 */
export function forEachToken(text: string, firstPosition: number, visit: TokenVisitor): number {
  let position = firstPosition;
  // exec with lastIndex rather than matchAll, which copies the expression on every call; nothing
  // below runs TOKEN again before the loop has finished with it.
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match; match = TOKEN.exec(text)) {
    const raw = match[0];
    const start = match.index;
    if (!COMPOUND_SEPARATOR.test(raw)) {
      const term = normalizeWord(raw);
      if (term) visit(term, 'word', position++, start, start + raw.length);
      continue;
    }
    const parts: { term: string; start: number; end: number }[] = [];
    for (const part of raw.matchAll(PART)) {
      const term = normalizeWord(part[0]);
      if (term) parts.push({ term, start: start + part.index, end: start + part.index + part[0].length });
    }
    if (parts.length === 0) continue;
    const joined = normalizeWord(parts.map((part) => fold(text.slice(part.start, part.end))).join(''));
    visit(joined, 'compound', position, start, start + raw.length);
    parts.forEach((part, k) => visit(part.term, 'part', position + k, part.start, part.end));
    position += parts.length;
  }
  return position;
}

/** The tokens of the text, as forEachToken gives them. */
export function tokenize(text: string, firstPosition = 0): Token[] {
  const tokens: Token[] = [];
  forEachToken(text, firstPosition, (term, role, position, start, end) =>
    tokens.push({ term, role, position, start, end }),
  );
  return tokens;
}
