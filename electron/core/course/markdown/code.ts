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
 * copy button. `linenums` and `hl_lines` are accepted and ignored.
 */
let hljs: HLJSApi | undefined;

function highlighter(): HLJSApi {
  hljs ??= createRequire(import.meta.url)('highlight.js/lib/common') as HLJSApi;
  return hljs;
}

export interface FenceInfo {
  language: string | undefined;
  title: string | undefined;
}

/** Reads a fence's info string: `python title="a.py" linenums="1"`, `{ .python .annotate }`. */
export function parseFenceInfo(info: string | undefined): FenceInfo {
  const text = (info ?? '').trim();
  const braced = /^\{([^}]*)\}/.exec(text);
  const head = braced ? braced[1]!.trim() : text;
  const language = braced ? /(?:^|\s)\.([\w+#-]+)/.exec(head)?.[1] : /^[\w+#.-]+/.exec(head)?.[0];
  const title = /(?:^|\s)title=(?:"([^"]*)"|'([^']*)'|(\S+))/.exec(text);
  return { language: language?.toLowerCase(), title: title ? (title[1] ?? title[2] ?? title[3]) : undefined };
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
  return `<div class="highlight">${title}<pre class="carrel-code"><code${codeClass}>${highlighted ?? escapeText(code)}</code></pre></div>\n`;
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
