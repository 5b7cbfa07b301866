import type { Tokens } from 'marked';
import type { WithAttrs } from './attr-list.js';

/**
 * A paragraph that holds only a picture is a figure, as on the MkDocs Material site (centred when
 * the picture asks for `align=center`): the figure's classes, or undefined for any other paragraph.
 */
export function onlyImage(paragraph: Tokens.Paragraph): { classes: string[] } | undefined {
  let image: WithAttrs<Tokens.Image> | undefined;
  for (const token of paragraph.tokens) {
    if (token.type === 'text' && !token.raw.trim()) continue;
    if (image || token.type !== 'image') return undefined;
    image = token as WithAttrs<Tokens.Image>;
  }
  if (!image) return undefined;
  return { classes: image.attrList?.attrs.align === 'center' ? ['figure', 'figure--center'] : ['figure'] };
}
