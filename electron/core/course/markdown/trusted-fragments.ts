/**
 * Markup the compiler generates from escaped input (icons, highlighted code, typeset math) is
 * large and safe by construction, so it is kept out of the sanitizer's way: it is replaced by a
 * placeholder made of private-use characters (removed from every page's source beforehand, so no
 * author can forge one) and put back after sanitizing.
 */
export class TrustedFragments {
  private readonly fragments: string[] = [];

  stash(html: string): string {
    this.fragments.push(html);
    return `\uE000${this.fragments.length - 1}\uE001`;
  }

  /** Puts each fragment (or what `as` makes of it) back in place of its placeholder. */
  restore(sanitized: string, as: (html: string) => string = (html) => html): string {
    return sanitized.replace(PLACEHOLDER, (_, index: string) => as(this.fragments[Number(index)] ?? ''));
  }
}

const PLACEHOLDER = /\uE000(\d+)\uE001/g;

/** The characters placeholders are made of, removed from every page's source. */
export const PLACEHOLDER_CHARACTERS = /[\uE000\uE001]/g;
