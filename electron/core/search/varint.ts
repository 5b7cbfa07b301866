/**
 * Unsigned LEB128 integers: small numbers (the usual gaps between document ids and word positions)
 * take one byte, which is what keeps postings small.
 */
export class ByteWriter {
  private bytes = new Uint8Array(1 << 16);
  length = 0;

  private reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + extra) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  uint(value: number): void {
    this.reserve(5);
    let v = value;
    while (v >= 0x80) {
      this.bytes[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.bytes[this.length++] = v;
  }

  raw(chunk: Uint8Array): void {
    this.reserve(chunk.length);
    this.bytes.set(chunk, this.length);
    this.length += chunk.length;
  }

  /** A length-prefixed chunk. */
  block(chunk: Uint8Array): void {
    this.uint(chunk.length);
    this.raw(chunk);
  }

  finish(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/** Reads what ByteWriter wrote; running past the end means the data was cut short. */
export class ByteReader {
  offset: number;

  constructor(
    readonly bytes: Uint8Array,
    offset = 0,
    private readonly end = bytes.length,
  ) {
    this.offset = offset;
  }

  uint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (this.offset >= this.end) throw new RangeError('truncated data');
      const byte = this.bytes[this.offset++]!;
      result += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return result;
      shift += 7;
      if (shift > 35) throw new RangeError('malformed number');
    }
  }

  block(): Uint8Array {
    const length = this.uint();
    if (this.offset + length > this.end) throw new RangeError('truncated data');
    const chunk = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return chunk;
  }
}
