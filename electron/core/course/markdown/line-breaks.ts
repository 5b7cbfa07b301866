import type { Tokens } from 'marked';

const BACKSLASH = 0x5c;

/**
 * Python-Markdown breaks a line only where it ends in two spaces. CommonMark's other hard break, a
 * backslash at the end of the line, is text there (the backslash shows), so it is here too; the
 * two-space break is left to marked's rule (`false`).
 */
export function br(src: string): Tokens.Br | false | undefined {
  return src.charCodeAt(0) === BACKSLASH ? undefined : false;
}
