import type { Tokens } from 'marked';
import type { SyntaxExtension } from './syntax-table.js';
import { escapeAttribute, escapeText } from '../markup-escape.js';

/**
 * Abbreviations (abbr): `*[HTML]: Hyper Text Markup Language` anywhere in the page wraps every
 * whole-word "HTML" in the page's text as <abbr title="Hyper Text Markup Language">HTML</abbr>.
 */
export class Abbreviations {
  private readonly titles = new Map<string, string>();
  private pattern: RegExp | undefined;

  define(term: string, title: string): void {
    this.titles.set(term, title);
    this.pattern = undefined;
  }

  /** Wraps the abbreviations in already-escaped text. */
  apply(escapedText: string): string {
    if (!this.titles.size) return escapedText;
    this.pattern ??= new RegExp(
      `(?<![\\w&])(${[...this.titles.keys()]
        .sort((a, b) => b.length - a.length)
        .map((term) => escapeText(term).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('|')})(?!\\w)`,
      'g',
    );
    return escapedText.replace(this.pattern, (term) => {
      const title = this.titles.get(unescapeHtml(term)) ?? '';
      return `<abbr title="${escapeAttribute(title)}">${term}</abbr>`;
    });
  }
}

const unescapeHtml = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

const DEFINITION = /^\*\[([^\]\n]+)\]:[ \t]*([^\n]*)(?:\n|$)/;

/** `abbreviations` gives the definitions of the page being compiled. */
export function abbreviationExtension(abbreviations: () => Abbreviations): SyntaxExtension {
  return {
    name: 'abbreviation',
    level: 'block',
    tokenizer(src) {
      if (!src.startsWith('*[')) return undefined;
      const match = DEFINITION.exec(src);
      if (!match) return undefined;
      abbreviations().define(match[1]!.trim(), match[2]!.trim());
      return { type: 'abbreviation', raw: match[0] } satisfies Tokens.Generic;
    },
    renderer: () => '',
  };
}
