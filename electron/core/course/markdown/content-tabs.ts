import type { Token, Tokens } from 'marked';
import { containerBlocks, leadingSpaces, takeIndentedBody } from './indented-block.js';
import type { SyntaxExtension } from './syntax-table.js';

/**
 * Content tabs (`=== "Tab"`, pymdownx.tabbed), rendered as Material's alternate style does: one
 * radio input per tab, then the labels, then the blocks. The inputs carry the state, so CSS alone
 * (`input:nth-child(n):checked ~ .tabbed-content > :nth-child(n)`) shows the chosen block and no
 * script is needed:
 *   <div class="tabbed-set tabbed-alternate">
 *     <input type="radio" name="__tabbed_1" id="__tabbed_1_1" checked>…
 *     <div class="tabbed-labels"><label for="__tabbed_1_1">Tab</label>…</div>
 *     <div class="tabbed-content"><div class="tabbed-block">…</div>…</div>
 *   </div>
 * Consecutive tabs form one set; `===!` starts a new set, `===+` selects a tab.
 */
export interface TabToken {
  titleTokens: Token[];
  selected: boolean;
  tokens: Token[];
}

export interface TabSetToken extends Tokens.Generic {
  type: 'tabSet';
  tabs: TabToken[];
}

const OPENER = /^===(\+)?(!)?(\+)?[ \t]+"([^"\n]*)"[ \t]*(?:\n|$)/;

/** Numbers tab sets within a page so their input ids are unique, as Material does. */
export interface TabSetCounter {
  next(): number;
}

export function contentTabsExtension(counter: TabSetCounter): SyntaxExtension {
  return {
    name: 'tabSet',
    level: 'block',
    tokenizer(src) {
      // Every tab of a set is indented as its first one is.
      const indent = leadingSpaces(src);
      const margin = ' '.repeat(indent);
      if (!src.startsWith('===', indent)) return undefined;
      const tabs: TabToken[] = [];
      let pos = 0;
      let consumed = 0;
      for (;;) {
        const match = src.startsWith(margin, pos) ? OPENER.exec(src.slice(pos + indent)) : null;
        if (!match || (tabs.length > 0 && match[2])) break;
        const openerEnd = pos + indent + match[0].length;
        const { end, body } = takeIndentedBody(src, openerEnd, indent);
        tabs.push({
          titleTokens: this.lexer.inline(match[4]!),
          selected: Boolean(match[1] ?? match[3]),
          tokens: containerBlocks(this.lexer, body),
        });
        consumed = Math.max(end, openerEnd);
        pos = consumed;
        const blank = /^(?:[ \t]*\n)*/.exec(src.slice(pos))![0].length;
        pos += blank;
      }
      if (!tabs.length) return undefined;
      return { type: 'tabSet', raw: src.slice(0, consumed), tabs } satisfies TabSetToken;
    },
    renderer(generic) {
      const { tabs } = generic as TabSetToken;
      const set = counter.next();
      const selected = Math.max(
        0,
        tabs.findLastIndex((t) => t.selected),
      );
      const id = (n: number) => `__tabbed_${set}_${n + 1}`;
      const inputs = tabs
        .map((_, n) => `<input type="radio" name="__tabbed_${set}" id="${id(n)}"${n === selected ? ' checked' : ''} />`)
        .join('');
      const labels = tabs
        .map((tab, n) => `<label for="${id(n)}">${this.parser.parseInline(tab.titleTokens)}</label>`)
        .join('');
      const blocks = tabs.map((tab) => `<div class="tabbed-block">\n${this.parser.parse(tab.tokens)}</div>\n`).join('');
      return `<div class="tabbed-set tabbed-alternate">${inputs}<div class="tabbed-labels">${labels}</div>\n<div class="tabbed-content">\n${blocks}</div>\n</div>\n`;
    },
  };
}
