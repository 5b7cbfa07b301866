/**
 * Anchors count UTF-16 code units, like JavaScript strings and DOM selection offsets, so an emoji
 * or any other character outside the Basic Multilingual Plane takes two. An offset between the two
 * halves of such a character would cut it in half when the range is shown.
 */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/** Moves a start offset back, or an end offset forward, so the range keeps whole characters. */
export function widenToWholeCharacters(text: string, start: number, end: number): { start: number; end: number } {
  return {
    start: splitsSurrogatePair(text, start) ? start - 1 : start,
    end: splitsSurrogatePair(text, end) ? end + 1 : end,
  };
}
