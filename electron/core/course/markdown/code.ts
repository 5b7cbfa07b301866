import { createRequire } from 'node:module';
import type { HLJSApi } from 'highlight.js';
import { escapeText } from '../markup-escape.js';

/**
 * Fenced code, highlighted when the course is compiled so pages need no script to show colours.
 * highlight.js is a runtime dependency (imports compile courses inside the app), loaded on the
 * first code block so start-up never pays for it. Its markup uses `hljs-*` classes: the renderer
 * styles them with a highlight.js theme (highlight.js/styles/github.css and github-dark.css).
 *
 * Every block is `<div class="highlight">[<span class="filename">title</span>]<pre class="carrel-code">
 * <code class="language-x hljs">…</code></pre></div>`; `carrel-code` marks the blocks that get a
 * copy button. The lines `hl_lines` names are marked `<span class="hll">`, as Pygments marks them.
 * `linenums="N"` numbers the lines from N (`<pre class="carrel-code linenums">`, each line a
 * `<span class="line">` the stylesheet numbers, starting from the `counter-reset` the code element
 * carries when N is not 1), so the numbers are never part of the text that is copied, searched or
 * highlighted.
 */
let hljs: HLJSApi | undefined;

function highlighter(): HLJSApi {
  hljs ??= createRequire(import.meta.url)('highlight.js/lib/common') as HLJSApi;
  return hljs;
}

export interface FenceInfo {
  language: string | undefined;
  title: string | undefined;
  /** Lines to emphasize, counted from 1 (`hl_lines="2 4-6"`). */
  highlightedLines?: ReadonlySet<number>;
  /** The number of the first line, when the lines are numbered (`linenums="8"`). */
  firstLineNumber?: number;
  /** `{ .python .annotate }`: markers in the code's comments open the notes listed after it. */
  annotate?: boolean;
}

/** Reads `hl_lines`: line numbers and ranges separated by spaces. */
function parseLineList(list: string): Set<number> {
  const lines = new Set<number>();
  for (const item of list.trim().split(/\s+/)) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(item);
    if (!range) continue;
    const first = Number(range[1]);
    const last = Math.min(Number(range[2] ?? range[1]), first + 10_000);
    for (let line = first; line <= last; line++) lines.add(line);
  }
  return lines;
}

/** Reads a fence's info string: `python title="a.py" linenums="1"`, `{ .python .annotate }`. */
export function parseFenceInfo(info: string | undefined): FenceInfo {
  const text = (info ?? '').trim();
  const braced = /^\{([^}]*)\}/.exec(text);
  const head = braced ? braced[1]!.trim() : text;
  // `{ .python .annotate }`: the first class names the language; `annotate` asks for annotations.
  const language = braced
    ? [...head.matchAll(/(?:^|\s)\.([\w+#-]+)/g)].map((found) => found[1]!).find((name) => name !== 'annotate')
    : /^[\w+#.-]+/.exec(head)?.[0];
  const title = /(?:^|\s)title=(?:"([^"]*)"|'([^']*)'|(\S+))/.exec(text);
  const hlLines = /(?:^|\s)hl_lines=(?:"([^"]*)"|'([^']*)'|(\S+))/.exec(text);
  const highlightedLines = hlLines ? parseLineList(hlLines[1] ?? hlLines[2] ?? hlLines[3]!) : undefined;
  // pymdownx reads `linenums="8 2"` as start and step; the step is not shown.
  const linenums = /(?:^|\s)linenums=["']?(\d{1,6})/.exec(text);
  const firstLineNumber = linenums ? Math.max(1, Number(linenums[1])) : undefined;
  return {
    language: language?.toLowerCase(),
    title: title ? (title[1] ?? title[2] ?? title[3]) : undefined,
    ...(highlightedLines?.size ? { highlightedLines } : {}),
    ...(firstLineNumber ? { firstLineNumber } : {}),
    ...(/(?:^|[\s{])\.annotate(?=[\s}]|$)/.test(text) ? { annotate: true } : {}),
  };
}

const TAG = /<\/?span\b[^>]*>/g;

/**
 * Marks whole lines of highlighted (or escaped) code: those in `marked` as `hll`, and every line as
 * a `line` when they are numbered. highlight.js spans may run across lines (a long string, a
 * comment), so each line closes the spans still open at its end and the next reopens them: every
 * marked line is well-formed on its own.
 */
function markLines(html: string, marked: ReadonlySet<number>, numbered = false): string {
  const open: string[] = [];
  return html
    .split('\n')
    .map((line, index) => {
      const reopened = open.join('');
      for (const tag of line.match(TAG) ?? []) {
        if (tag.startsWith('</')) open.pop();
        else open.push(tag);
      }
      const whole = reopened + line + '</span>'.repeat(open.length);
      const classes = [...(numbered ? ['line'] : []), ...(marked.has(index + 1) ? ['hll'] : [])];
      return classes.length ? `<span class="${classes.join(' ')}">${whole}</span>` : whole;
    })
    .join('\n');
}

/** Highlighted HTML for the code, or undefined when the language is unknown. */
export function highlight(code: string, language: string | undefined): string | undefined {
  if (!language) return undefined;
  const engine = highlighter();
  if (!engine.getLanguage(language)) return undefined;
  return engine.highlight(code, { language, ignoreIllegals: true }).value;
}

export function renderCodeBlock(code: string, info: FenceInfo): string {
  const highlighted = highlight(code, info.language);
  const codeClass = info.language ? ` class="language-${escapeText(info.language)}${highlighted ? ' hljs' : ''}"` : '';
  const title = info.title ? `<span class="filename">${escapeText(info.title)}</span>` : '';
  const body = highlighted ?? escapeText(code);
  const numbered = info.firstLineNumber !== undefined;
  const lines =
    info.highlightedLines || numbered ? markLines(body, info.highlightedLines ?? new Set(), numbered) : body;
  const preClass = numbered ? 'carrel-code linenums' : 'carrel-code';
  const start =
    numbered && info.firstLineNumber !== 1 ? ` style="counter-reset: line ${info.firstLineNumber! - 1}"` : '';
  return `<div class="highlight">${title}<pre class="${preClass}"><code${codeClass}${start}>${lines}</code></pre></div>\n`;
}

/** Inline code, with pymdownx.inlinehilite's `#!python print()` form highlighted. */
export function renderInlineCode(escapedText: string): string {
  const shebang = /^#!([\w+#-]+) ([\s\S]*)$/.exec(escapedText);
  if (shebang) {
    const code = shebang[2]!
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
    const highlighted = highlight(code, shebang[1]!.toLowerCase());
    if (highlighted) return `<code class="highlight language-${shebang[1]!.toLowerCase()}">${highlighted}</code>`;
  }
  return `<code>${escapedText}</code>`;
}
