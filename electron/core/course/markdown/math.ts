import { createRequire } from 'node:module';
import type { Tokens } from 'marked';
import type { SyntaxExtension } from './syntax-table.js';
import { escapeAttribute, escapeText } from '../markup-escape.js';

/**
 * Math (pymdownx.arithmatex): `$…$` and `\(…\)` inline, `$$…$$` and `\[…\]` as blocks, and
 * `\begin{env}…\end{env}` blocks, typeset with KaTeX when the course is compiled. The output is
 * KaTeX's HTML (no MathML), inside `<span class="arithmatex">` or `<div class="arithmatex">`; the
 * renderer styles it with katex/dist/katex.min.css and the fonts beside it (katex/dist/fonts/).
 * KaTeX is a runtime dependency, loaded on the first formula. A formula KaTeX cannot typeset is
 * kept as its source in `<code class="math-error">` and reported.
 */
interface Katex {
  renderToString(tex: string, options: Record<string, unknown>): string;
}

let katex: Katex | undefined;

function typesetter(): Katex {
  katex ??= createRequire(import.meta.url)('katex') as Katex;
  return katex;
}

export interface MathToken extends Tokens.Generic {
  type: 'math';
  tex: string;
  display: boolean;
  block: boolean;
}

export type MathErrorHandler = (token: MathToken, message: string) => void;

/** Typesets formulas, remembering each one: courses repeat the same notation many times. */
export class MathTypesetter {
  private readonly cache = new Map<string, string | Error>();

  typeset(tex: string, display: boolean): string | Error {
    const key = `${display ? 'D' : 'I'}${tex}`;
    let html = this.cache.get(key);
    if (html === undefined) {
      try {
        html = typesetter().renderToString(tex, {
          displayMode: display,
          output: 'html',
          throwOnError: true,
          strict: 'ignore',
          trust: false,
        });
      } catch (error) {
        html = error instanceof Error ? error : new Error(String(error));
      }
      this.cache.set(key, html);
    }
    return html;
  }
}

const BLOCK_PATTERNS = [
  /^\$\$[ \t]*\n?([\s\S]+?)\n?[ \t]*\$\$[ \t]*(?:\n|$)/,
  /^\\\[[ \t]*\n?([\s\S]+?)\n?[ \t]*\\\][ \t]*(?:\n|$)/,
  /^(\\begin\{([a-z]+\*?)\}[\s\S]+?\\end\{\2\})[ \t]*(?:\n|$)/,
];
const INLINE_PATTERNS: { pattern: RegExp; display: boolean }[] = [
  { pattern: /^\$\$(?!\s)([\s\S]+?)\$\$/, display: true },
  { pattern: /^\$(?![\s$])((?:\\.|[^\\$])+?)(?<!\s)\$(?!\d)/, display: false },
  { pattern: /^\\\(([\s\S]+?)\\\)/, display: false },
];

export function mathExtensions(
  typesetter: Pick<MathTypesetter, 'typeset'>,
  trusted: { stash(html: string): string },
  onError: MathErrorHandler,
): SyntaxExtension[] {
  function render(token: MathToken): string {
    const html = typesetter.typeset(token.tex, token.display);
    const tag = token.block ? 'div' : 'span';
    if (html instanceof Error) {
      onError(token, html.message);
      return `<${tag} class="arithmatex"><code class="math-error">${escapeText(token.raw.trim())}</code></${tag}>${token.block ? '\n' : ''}`;
    }
    // KaTeX's HTML is hidden from screen readers; they read the formula's source instead.
    return `<${tag} class="arithmatex" role="img" aria-label="${escapeAttribute(token.tex)}">${trusted.stash(html)}</${tag}>${token.block ? '\n' : ''}`;
  }
  return [
    {
      name: 'mathBlock',
      level: 'block',
      tokenizer(src) {
        if (src[0] !== '$' && src[0] !== '\\') return undefined;
        for (const pattern of BLOCK_PATTERNS) {
          const match = pattern.exec(src);
          if (match)
            return {
              type: 'math',
              raw: match[0],
              tex: match[1]!.trim(),
              display: true,
              block: true,
            } satisfies MathToken;
        }
        return undefined;
      },
    },
    {
      name: 'math',
      level: 'inline',
      tokenizer(src) {
        if (src[0] !== '$' && src[0] !== '\\') return undefined;
        for (const { pattern, display } of INLINE_PATTERNS) {
          const match = pattern.exec(src);
          if (match && !/\n[ \t]*\n/.test(match[1]!)) {
            return { type: 'math', raw: match[0], tex: match[1]!.trim(), display, block: false } satisfies MathToken;
          }
        }
        return undefined;
      },
      renderer: (token) => render(token as MathToken),
    },
  ];
}
