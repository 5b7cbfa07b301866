/**
 * Bounded approximate matching: every place where a pattern occurs in a text with at most k edits
 * (insertions, deletions, substitutions of UTF-16 code units). Ends are found with Myers' bit-vector
 * algorithm in its block form (32 pattern rows per block), which costs one pass over the text
 * whatever k is; each match's start and then its end are placed by aligning the pattern from the
 * other edge, with the text expected around the match deciding between equally good edges.
 */

export interface ApproximateMatch {
  start: number;
  end: number;
  errors: number;
}

/** A run of equally good ends is usually one match with a slack character at its edge; a few suffice. */
const MAX_ENDS_PER_MINIMUM = 8;

const ALL_ONES = -1;
const TOP_BIT = 1 << 31;

/** For each block of 32 pattern code units, the bits of the rows equal to a given code unit. */
function buildPatternBits(pattern: string, blocks: number): { rowOf: Int32Array; bits: Int32Array } {
  // Row 0 stays all zeros: it stands for every code unit the pattern does not contain.
  const rowOf = new Int32Array(0x10000);
  let rows = 1;
  for (let i = 0; i < pattern.length; i++) {
    const unit = pattern.charCodeAt(i);
    if (rowOf[unit] === 0) rowOf[unit] = rows++;
  }
  const bits = new Int32Array(rows * blocks);
  for (let i = 0; i < pattern.length; i++) {
    bits[rowOf[pattern.charCodeAt(i)]! * blocks + (i >>> 5)]! |= 1 << (i & 31);
  }
  return { rowOf, bits };
}

/** The ends (exclusive) of text[from, to) where pattern matches with the fewest edits nearby, if at most maxErrors. */
function findEnds(
  text: string,
  pattern: string,
  maxErrors: number,
  from: number,
  to: number,
): { end: number; errors: number }[] {
  const m = pattern.length;
  const blocks = Math.ceil(m / 32);
  const { rowOf, bits } = buildPatternBits(pattern, blocks);
  const positive = new Int32Array(blocks).fill(ALL_ONES);
  const negative = new Int32Array(blocks);
  const lastRowBit = 1 << ((m - 1) & 31);
  const found: { end: number; errors: number }[] = [];
  let plateau: number[] = [];
  let previous = Infinity;
  let score = m;
  for (let j = from; j < to; j++) {
    const row = rowOf[text.charCodeAt(j)]! * blocks;
    let carry = 0;
    for (let b = 0; b < blocks; b++) {
      let eq = bits[row + b]!;
      const pv = positive[b]!;
      const mv = negative[b]!;
      const xv = eq | mv;
      if (carry < 0) eq |= 1;
      const xh = (((eq & pv) + pv) ^ pv) | eq;
      let ph = mv | ~(xh | pv);
      let mh = pv & xh;
      const high = b === blocks - 1 ? lastRowBit : TOP_BIT;
      const out = (ph & high) !== 0 ? 1 : (mh & high) !== 0 ? -1 : 0;
      ph <<= 1;
      mh <<= 1;
      if (carry < 0) mh |= 1;
      else if (carry > 0) ph |= 1;
      positive[b] = mh | ~(xv | ph);
      negative[b] = ph & xv;
      carry = out;
    }
    score += carry;
    // Keep the local minima of the score: one match shows as a dip, its neighbours cost an edit more.
    if (score < previous) {
      plateau = score <= maxErrors ? [j + 1] : [];
    } else if (score === previous) {
      if (plateau.length > 0 && plateau.length < MAX_ENDS_PER_MINIMUM) plateau.push(j + 1);
    } else {
      for (const end of plateau) found.push({ end, errors: previous });
      plateau = [];
    }
    previous = score;
  }
  for (const end of plateau) found.push({ end, errors: previous });
  return found;
}

/**
 * Edits between the pattern and text[start, end) for every start (when `fromEnd`, anchored at `at`
 * = end, indexed by length) or every end (anchored at `at` = start, indexed by length).
 */
function editsByLength(text: string, pattern: string, at: number, maxLength: number, fromEnd: boolean): Int32Array {
  const m = pattern.length;
  const column = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) column[i] = i;
  const byLength = new Int32Array(maxLength + 1);
  byLength[0] = m;
  for (let length = 1; length <= maxLength; length++) {
    const unit = text.charCodeAt(fromEnd ? at - length : at + length - 1);
    let diagonal = column[0]!;
    column[0] = length;
    for (let i = 1; i <= m; i++) {
      const above = column[i]!;
      const cost = pattern.charCodeAt(fromEnd ? m - i : i - 1) === unit ? 0 : 1;
      column[i] = Math.min(diagonal + cost, above + 1, column[i - 1]! + 1);
      diagonal = above;
    }
    byLength[length] = column[m]!;
  }
  return byLength;
}

/** How far from a boundary its context is looked for: room for words inserted into it since. */
export const contextReach = (contextLength: number) => contextLength + Math.ceil(contextLength / 2);

/**
 * For each boundary in [low, high]: edits between `context` and the text just before the boundary
 * (or just after it, `after`), the context's far end free to fall anywhere. Empty context costs nothing.
 */
export function contextEdits(text: string, context: string, low: number, high: number, after: boolean): Int32Array {
  const edits = new Int32Array(high - low + 1);
  const n = context.length;
  if (n === 0) return edits;
  const reach = contextReach(n);
  const column = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) column[i] = i;
  const first = after ? Math.min(text.length, high + reach) : Math.max(0, low - reach);
  const record = (boundary: number) => {
    if (boundary >= low && boundary <= high) edits[boundary - low] = column[n]!;
  };
  record(first);
  for (let step = 1; step <= Math.abs(first - (after ? low : high)); step++) {
    const index = after ? first - step : first + step - 1;
    const unit = text.charCodeAt(index);
    let diagonal = column[0]!;
    column[0] = 0;
    for (let i = 1; i <= n; i++) {
      const above = column[i]!;
      const cost = context.charCodeAt(after ? n - i : i - 1) === unit ? 0 : 1;
      column[i] = Math.min(diagonal + cost, above + 1, column[i - 1]! + 1);
      diagonal = above;
    }
    record(after ? index : index + 1);
  }
  return edits;
}

/**
 * Picks the length of a match anchored at one edge: the fewest edits in the match and its context
 * on the free edge together, then the context least changed (text that reads exactly like the old
 * context was outside the old quote too), then the length closest to the pattern's.
 */
function bestLength(byLength: Int32Array, context: (length: number) => number, m: number, maxErrors: number): number {
  let best = { length: -1, cost: Infinity, context: Infinity };
  for (let length = Math.max(1, m - maxErrors); length < byLength.length; length++) {
    if (byLength[length]! > maxErrors) continue;
    const edits = context(length);
    const cost = byLength[length]! + edits;
    if (
      cost < best.cost ||
      (cost === best.cost &&
        (edits < best.context || (edits === best.context && Math.abs(length - m) < Math.abs(best.length - m))))
    ) {
      best = { length, cost, context: edits };
    }
  }
  return best.length;
}

export interface SearchOptions {
  from?: number;
  to?: number;
  /** Text expected just before a match; it decides between starts that the pattern alone leaves open. */
  before?: string;
  /** Text expected just after a match; it decides between ends likewise. */
  after?: string;
}

/**
 * Every match of pattern in text[from, to) with at most maxErrors edits, ordered by end. Each
 * match's edges are placed where the pattern and the expected text around it fit best, so a
 * reworded first or last word is inside the match rather than cut off.
 */
export function findApproximate(
  text: string,
  pattern: string,
  maxErrors: number,
  { from = 0, to = text.length, before = '', after = '' }: SearchOptions = {},
): ApproximateMatch[] {
  if (pattern.length === 0) throw new RangeError('An approximate search needs a pattern of at least one code unit.');
  const m = pattern.length;
  const matches: ApproximateMatch[] = [];
  const seen = new Set<string>();
  for (const found of findEnds(text, pattern, maxErrors, from, to)) {
    const startsByLength = editsByLength(text, pattern, found.end, Math.min(found.end - from, m + maxErrors), true);
    const earliest = found.end - (startsByLength.length - 1);
    const beforeEdits = contextEdits(text, before, earliest, found.end, false);
    const start =
      found.end - bestLength(startsByLength, (length) => beforeEdits[found.end - length - earliest]!, m, maxErrors);
    const endsByLength = editsByLength(text, pattern, start, Math.min(to - start, m + maxErrors), false);
    const latest = start + endsByLength.length - 1;
    const afterEdits = contextEdits(text, after, start, latest, true);
    const length = bestLength(endsByLength, (candidate) => afterEdits[candidate]!, m, maxErrors);
    const key = `${start}:${start + length}`;
    if (seen.has(key)) continue;
    seen.add(key);
    matches.push({ start, end: start + length, errors: endsByLength[length]! });
  }
  return matches;
}
