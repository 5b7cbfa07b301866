import { decodeHTMLStrict } from 'entities/decode';
import { Tokenizer, type Tokens } from 'marked';

/**
 * Plain inline text as marked reads it, with character references decoded (`&nbsp;`, `&copy;`,
 * `&#169;`), as Python-Markdown and CommonMark decode them: marked itself decodes only numeric
 * ones. The renderer escapes the text again, so `&amp;lt;` still shows as `&lt;`.
 *
 * marked leaves a bare `&` next to a numeric reference escaped (`&#65; & b` is `A &amp; b`) and
 * decodes `&#38;` to `&amp;`, so decoding once more gives each character exactly once.
 */
export function inlineText(this: Tokenizer, src: string): Tokens.Text | undefined {
  const token = Tokenizer.prototype.inlineText.call(this, src);
  if (token && !token.escaped && token.text.includes('&')) token.text = decodeHTMLStrict(token.text);
  return token;
}
