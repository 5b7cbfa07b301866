import type { Tokens } from 'marked';
import { renderAttrs, type WithAttrs } from './attr-list.js';
import type { SyntaxExtension } from './syntax-table.js';

/**
 * Icon and emoji shortcodes as MkDocs Material writes them: `:fontawesome-solid-paper-plane:`,
 * `:material-school:`, `:octicons-mark-github-16:` become inline SVG in
 * `<span class="twemoji">`, with an attribute list after them adding classes
 * (`:material-clock:{ .lg .middle }`); `:smile:` becomes the emoji itself in `<span class="emoji">`.
 * A shortcode that names nothing known stays as text; one that looks like an icon is reported.
 */
export interface ShortcodeResolver {
  /** SVG markup for an icon name without colons, or undefined. */
  icon(name: string): string | undefined;
  /** The emoji character(s) for a name without colons, or undefined. */
  emoji(name: string): string | undefined;
}

export interface ShortcodeToken extends Tokens.Generic {
  type: 'shortcode';
  name: string;
}

export const ICON_PREFIX = /^(?:fontawesome|material|octicons|simple)-/;
const SHORTCODE = /^:([a-z0-9_+-]+):/;

export function shortcodeExtension(
  resolver: ShortcodeResolver,
  trusted: { stash(html: string): string },
  onUnknownIcon: (token: ShortcodeToken) => void,
): SyntaxExtension {
  return {
    name: 'shortcode',
    level: 'inline',
    tokenizer(src) {
      if (src[0] !== ':') return undefined;
      const match = SHORTCODE.exec(src);
      if (!match) return undefined;
      const name = match[1]!;
      // Plain colons in prose ("ratio 1:2:3") stay text unless they name something.
      if (!ICON_PREFIX.test(name) && resolver.emoji(name) === undefined) return undefined;
      return { type: 'shortcode', raw: match[0], name } satisfies ShortcodeToken;
    },
    renderer(generic) {
      const token = generic as WithAttrs<ShortcodeToken>;
      const emoji = resolver.emoji(token.name);
      if (emoji !== undefined)
        return `<span title="${token.raw}"${renderAttrs(token.attrList, { tag: 'span', classes: ['emoji'], written: ['title'] })}>${emoji}</span>`;
      const svg = resolver.icon(token.name);
      if (svg === undefined) {
        onUnknownIcon(token);
        return token.raw + (token.attrList ? token.attrListRaw : '');
      }
      return `<span${renderAttrs(token.attrList, { tag: 'span', classes: ['twemoji'] })}>${trusted.stash(svg)}</span>`;
    },
  };
}
