/**
 * Where a byte sequence stops being valid UTF-8, or -1 when it is valid throughout. Used to tell
 * an instructor the line of a page that was saved in another encoding.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (!length || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    const second = bytes[i + 1]!;
    // Overlong forms, UTF-16 surrogates and code points above U+10FFFF are not UTF-8.
    if (
      (b === 0xe0 && second < 0xa0) ||
      (b === 0xed && second > 0x9f) ||
      (b === 0xf0 && second < 0x90) ||
      (b === 0xf4 && second > 0x8f)
    )
      return i;
    i += length;
  }
  return -1;
}

export function lineAtByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}
