import type { Tokens } from 'marked';

const SPACE = 0x20;

/**
 * Python-Markdown breaks a line only where it ends in two spaces. CommonMark's other hard break, a
 * backslash at the end of the line, is text there (the backslash shows), so it is here too. The
 * two-space break is left to marked's rule (`false`); anywhere else no break starts, and marked's
 * rule is not asked: this runs at almost every place inline text could end.
 */
export function br(src: string): Tokens.Br | false | undefined {
  return src.charCodeAt(0) === SPACE && src.charCodeAt(1) === SPACE ? false : undefined;
}
