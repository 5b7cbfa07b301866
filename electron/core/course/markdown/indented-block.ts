/**
 * Python-Markdown's block extensions (admonitions, details, tabs, footnotes, definitions) own the
 * lines after their opening line that are blank or indented by four spaces or a tab.
 */
export interface IndentedBody {
  /** Characters of the source the block consumes, from `from`; trailing blank lines are left out. */
  end: number;
  /** The block's lines with one level of indentation removed. */
  body: string;
}

const INDENT = /^(?: {1,4}|\t)/;

export function takeIndentedBody(src: string, from: number): IndentedBody {
  let pos = from;
  let end = from;
  const lines: string[] = [];
  let pendingBlank = 0;
  while (pos < src.length) {
    const newline = src.indexOf('\n', pos);
    const lineEnd = newline === -1 ? src.length : newline;
    const line = src.slice(pos, lineEnd);
    const next = newline === -1 ? src.length : newline + 1;
    if (!line.trim()) {
      pendingBlank++;
      pos = next;
      continue;
    }
    if (!/^(?: {4}|\t)/.test(line)) break;
    for (; pendingBlank > 0; pendingBlank--) lines.push('');
    lines.push(line.replace(INDENT, ''));
    pos = next;
    end = next;
  }
  return { end, body: lines.join('\n') };
}

/** Removes the common indentation of a block's lines, for content written inside raw HTML. */
export function dedent(text: string): string {
  const lines = text.split('\n');
  const widths = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
  const common = widths.length ? Math.min(...widths) : 0;
  return common ? lines.map((l) => l.slice(Math.min(common, /^[ \t]*/.exec(l)![0].length))).join('\n') : text;
}
