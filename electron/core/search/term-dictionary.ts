/**
 * The sorted list of the index's terms. Sorted order makes it an implicit trie: the terms that
 * start with a prefix form one contiguous range, found by binary search, and a bounded edit
 * distance search can walk the terms in order, reuse the work done for the prefix a term shares
 * with the one before it, and jump over every term under a prefix that is already too far away.
 * That keeps typo lookups fast on large vocabularies without any structure to build at load time.
 */
export class TermDictionary {
  constructor(readonly terms: readonly string[]) {}

  get size(): number {
    return this.terms.length;
  }

  /** Index of the first term that is not less than `value`. */
  lowerBound(value: string, from = 0): number {
    let lo = from;
    let hi = this.terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.terms[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Index of the first term from `from` on that does not start with `prefix`. Gallops ahead first:
   * when the edit distance walk gives up on a prefix, few terms usually share it.
   */
  private skipPrefix(prefix: string, from: number): number {
    let step = 1;
    let lo = from;
    while (lo < this.terms.length && this.terms[lo]!.startsWith(prefix)) {
      lo += step;
      step *= 2;
    }
    let hi = Math.min(lo, this.terms.length);
    lo = Math.max(from, lo - step / 2);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.terms[mid]!.startsWith(prefix)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  indexOf(term: string): number {
    const i = this.lowerBound(term);
    return this.terms[i] === term ? i : -1;
  }

  /** The range [from, to) of terms starting with `prefix`. */
  prefixRange(prefix: string): [number, number] {
    const from = this.lowerBound(prefix);
    return [from, this.lowerBound(`${prefix}\uffff`, from)];
  }

  /**
   * Calls `found(index, distance)` for every term within `maxDistance` edits of `word`, where an
   * edit is an insertion, a deletion, a substitution or the swap of two neighbouring letters.
   */
  forEachWithin(word: string, maxDistance: number, found: (index: number, distance: number) => void): void {
    const width = word.length + 1;
    const letters = new Int32Array(word.length);
    for (let j = 0; j < word.length; j++) letters[j] = word.charCodeAt(j);
    // Row d (at rows[d * width]) holds the edit distances between the first d letters of the
    // current term and every prefix of `word`; rows for a shared prefix are kept from the last term.
    let rows = new Int32Array(width * 16);
    for (let j = 0; j < width; j++) rows[j] = j;
    let previous = '';
    let validDepth = 0;
    let i = 0;
    while (i < this.terms.length) {
      const term = this.terms[i]!;
      if ((term.length + 1) * width > rows.length) {
        const grown = new Int32Array((term.length + 1) * width * 2);
        grown.set(rows);
        rows = grown;
      }
      let depth = 0;
      const shared = Math.min(validDepth, term.length, previous.length);
      while (depth < shared && term.charCodeAt(depth) === previous.charCodeAt(depth)) depth++;
      let pruned = false;
      for (; depth < term.length; depth++) {
        const above = depth * width;
        const row = above + width;
        const twoAbove = above - width;
        const letter = term.charCodeAt(depth);
        const before = depth > 0 ? term.charCodeAt(depth - 1) : -1;
        rows[row] = depth + 1;
        let best = depth + 1;
        for (let j = 1; j < width; j++) {
          let value = rows[above + j]! + 1;
          const left = rows[row + j - 1]! + 1;
          if (left < value) value = left;
          const diagonal = rows[above + j - 1]! + (letters[j - 1] === letter ? 0 : 1);
          if (diagonal < value) value = diagonal;
          if (j > 1 && depth > 0 && letter === letters[j - 2] && before === letters[j - 1]) {
            const swapped = rows[twoAbove + j - 2]! + 1;
            if (swapped < value) value = swapped;
          }
          rows[row + j] = value;
          if (value < best) best = value;
        }
        if (best > maxDistance) {
          // No term under this prefix can come back within reach: jump past all of them.
          previous = term;
          validDepth = depth + 1;
          i = this.skipPrefix(term.slice(0, depth + 1), i + 1);
          pruned = true;
          break;
        }
      }
      if (pruned) continue;
      const distance = rows[term.length * width + width - 1]!;
      if (distance <= maxDistance) found(i, distance);
      previous = term;
      validDepth = term.length;
      i++;
    }
  }
}
