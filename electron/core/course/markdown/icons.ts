import type { TokenizerAndRendererExtension, Tokens } from 'marked';

/**
 * MkDocs Material's icon shortcodes (`:fontawesome-solid-paper-plane:`, `:material-school:`,
 * `:octicons-mark-github-16:`), drawn as inline SVG so they work with no network.
 */
export interface IconResolver {
  /** The SVG markup for a shortcode name without colons, or undefined when there is no such icon. */
  resolve(name: string): string | undefined;
}

export interface IconToken extends Tokens.Generic {
  type: 'icon';
  raw: string;
  name: string;
}

const SHORTCODE = /^:((?:fontawesome|material|octicons|simple)-[a-z0-9-]+):/;

export function iconExtension(resolver: IconResolver, onUnknown: (name: string) => void): TokenizerAndRendererExtension {
  return {
    name: 'icon',
    level: 'inline',
    start: (src) => src.search(/:(?:fontawesome|material|octicons|simple)-/),
    tokenizer(src) {
      const match = SHORTCODE.exec(src);
      if (!match) return undefined;
      return { type: 'icon', raw: match[0], name: match[1]! } satisfies IconToken;
    },
    renderer(token) {
      const svg = resolver.resolve((token as IconToken).name);
      if (!svg) {
        onUnknown((token as IconToken).name);
        return token.raw;
      }
      return `<span class="twemoji">${svg}</span>`;
    },
  };
}
