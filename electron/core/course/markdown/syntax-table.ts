import type {
  RendererExtensionFunction,
  TokenizerAndRendererExtension,
  TokenizerExtension,
  TokenizerExtensionFunction,
  TokenizerStartFunction,
} from 'marked';
import { leadingSpaces } from './indented-block.js';

/**
 * marked tries every extension's tokenizer at every position of the text, one call (and one
 * context object) each, before its own rules. Pages are mostly plain prose, so the extensions are
 * registered as one tokenizer per level that looks at the first character and tries only the
 * syntaxes that can start with it, in their order.
 */
/** A syntax's tokenizer, and the renderer of its tokens when marked has none for them. */
export type SyntaxExtension = TokenizerExtension & { renderer?: RendererExtensionFunction };

export interface Syntax {
  extension: SyntaxExtension;
  /** Every character the syntax's tokens can start with; omitted when any character can. */
  startsWith?: string;
}

/**
 * The marked extensions for `syntaxes`, tried in the order given: one combined tokenizer per level
 * (`inlineStart` tells marked where plain inline text must stop) and each syntax's renderer.
 */
export function syntaxExtensions(
  syntaxes: readonly Syntax[],
  inlineStart: TokenizerStartFunction,
): TokenizerAndRendererExtension[] {
  const extensions: TokenizerAndRendererExtension[] = [];
  for (const level of ['block', 'inline'] as const) {
    const atLevel = syntaxes.filter((s) => s.extension.level === level);
    const tokenizers = (test: (s: Syntax) => boolean) => atLevel.filter(test).map((s) => s.extension.tokenizer);
    const anyStart = tokenizers((s) => s.startsWith === undefined);
    const byCode: TokenizerExtensionFunction[][] = [];
    for (let code = 0; code < 128; code++) {
      const character = String.fromCharCode(code);
      byCode.push(tokenizers((s) => s.startsWith === undefined || s.startsWith.includes(character)));
    }
    extensions.push({
      name: `carrel-${level}`,
      level,
      ...(level === 'inline' ? { start: inlineStart } : {}),
      tokenizer(src, tokens) {
        // A block may start after up to three spaces (inside list items, see leadingSpaces).
        const code = src.charCodeAt(level === 'block' ? leadingSpaces(src) : 0);
        const candidates = code < 128 ? byCode[code]! : anyStart;
        for (let i = 0; i < candidates.length; i++) {
          const token = candidates[i]!.call(this, src, tokens);
          if (token) return token;
        }
        return undefined;
      },
    });
  }
  for (const { extension } of syntaxes) {
    if (extension.renderer) extensions.push({ name: extension.name, renderer: extension.renderer });
  }
  return extensions;
}
