/**
 * Finds verbatim pieces of text in a large string without scanning it: the 8-code-unit gram at
 * every 8th offset is hashed into one sorted array. Any occurrence of a piece at least
 * MIN_PIECE_LENGTH long covers one sampled gram whole, so looking up the piece's first eight grams
 * finds every occurrence. Keys pack a 24-bit hash over a 29-bit sample number into one float,
 * so a plain numeric sort orders them.
 */
const GRAM = 8;
const STEP = 8;
const HASH_BITS = 24;
const SAMPLE_SLOTS = 2 ** 29;

export const MIN_PIECE_LENGTH = GRAM + STEP - 1;

function hashAt(text: string, offset: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < GRAM; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(offset + i), 0x01000193);
  }
  return hash >>> (32 - HASH_BITS);
}

function firstKeyAtLeast(keys: Float64Array, key: number): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (keys[middle]! < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

export class GramIndex {
  private readonly keys: Float64Array;

  constructor(private readonly text: string) {
    const samples = text.length < GRAM ? 0 : Math.floor((text.length - GRAM) / STEP) + 1;
    if (samples > SAMPLE_SLOTS) {
      throw new RangeError(`Course text of ${text.length} code units is too large to index for anchoring.`);
    }
    this.keys = new Float64Array(samples);
    for (let sample = 0; sample < samples; sample++) {
      this.keys[sample] = hashAt(text, sample * STEP) * SAMPLE_SLOTS + sample;
    }
    this.keys.sort();
  }

  /**
   * Every offset where `piece` occurs, ascending; undefined when there are more than `limit`, since
   * a piece that common says little about where a quote went.
   */
  find(piece: string, limit = Infinity): number[] | undefined {
    if (piece.length < MIN_PIECE_LENGTH) {
      throw new RangeError(`Pieces looked up in the index need at least ${MIN_PIECE_LENGTH} code units.`);
    }
    const found: number[] = [];
    for (let shift = 0; shift < STEP; shift++) {
      const base = hashAt(piece, shift) * SAMPLE_SLOTS;
      for (let i = firstKeyAtLeast(this.keys, base); i < this.keys.length && this.keys[i]! < base + SAMPLE_SLOTS; i++) {
        const offset = (this.keys[i]! - base) * STEP - shift;
        if (offset >= 0 && this.text.startsWith(piece, offset)) {
          if (found.length === limit) return undefined;
          found.push(offset);
        }
      }
    }
    return found.sort((a, b) => a - b);
  }
}
