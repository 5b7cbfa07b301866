import type { RendererExtension, Token, Tokens } from 'marked';
import type { GenericBlock } from './generic-blocks.js';
import { containerBlocks, type BlockLexer } from './indented-block.js';

/**
 * pymdownx.blocks.definition: a `/// define` block is a definition list. Its paragraphs are the
 * terms, and the items of its lists the definitions of the term before them:
 *
 *   /// define
 *   Epoch
 *
 *   - One pass over the whole training set.
 *   ///
 *
 * Any other block is a term too, as pymdownx makes it.
 */

export interface DefineBlockToken extends Tokens.Generic {
  type: 'defineBlock';
  tokens: Token[];
}

export const defineBlockToken = (lexer: BlockLexer, block: GenericBlock, raw: string): DefineBlockToken => ({
  type: 'defineBlock',
  raw,
  tokens: containerBlocks(lexer, block.body),
});

export const defineBlockRenderer: RendererExtension = {
  name: 'defineBlock',
  renderer(generic) {
    const parts = (generic as DefineBlockToken).tokens.flatMap((token) => {
      if (token.type === 'space') return [];
      if (token.type === 'paragraph')
        return [`<dt>${this.parser.parseInline((token as Tokens.Paragraph).tokens)}</dt>\n`];
      if (token.type === 'list')
        return (token as Tokens.List).items.map((item) => `<dd>${this.parser.parse(item.tokens).trim()}</dd>\n`);
      return [`<dt>${this.parser.parse([token]).trim()}</dt>\n`];
    });
    return `<dl>\n${parts.join('')}</dl>\n`;
  },
};
