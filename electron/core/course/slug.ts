const NON_ASCII = /[\u0080-\uffff]/;
const NON_ASCII_ALL = /[\u0080-\uffff]/g;

/**
 * Heading slugs as Python-Markdown's toc extension makes them (MkDocs' default), so that section
 * ids and anchors match the ones the course has on its MkDocs site: "Frontier/Foundation Models"
 * becomes "frontierfoundation-models".
 */
export function slugify(text: string): string {
  // Decomposing only matters for text beyond ASCII, and most headings are ASCII.
  return (NON_ASCII.test(text) ? text.normalize('NFKD').replace(NON_ASCII_ALL, '') : text)
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[-\s]+/g, '-');
}

/**
 * pymdownx.slugs.slugify, which a project names in mkdocs.yml (`toc: slugify:`) to keep letters
 * beyond ASCII: "Überblick" stays "überblick" (with `case: lower`), where Python-Markdown's own
 * slugify makes "uberblick". Each space becomes a dash; other characters than letters, digits,
 * `_` and `-` are dropped.
 */
export interface UnicodeSlugs {
  case: 'none' | 'lower' | 'lower-ascii' | 'fold';
  normalize: 'NFC' | 'NFD' | 'NFKC' | 'NFKD';
  percentEncode: boolean;
}

export function unicodeSlug(text: string, style: UnicodeSlugs): string {
  let slug = text.normalize(style.normalize).replace(/<\/?[^>]*>/g, '').trim();
  if (style.case === 'lower') slug = slug.toLowerCase();
  else if (style.case === 'lower-ascii') slug = slug.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
  // Unicode case folding is lowercasing for all but a few letters (ß stays ß when lowered).
  else if (style.case === 'fold') slug = slug.toLowerCase().replace(/ß/g, 'ss');
  slug = slug.replace(/[^\p{L}\p{N}_\- ]/gu, '').replace(/ /g, '-');
  return style.percentEncode ? encodeURIComponent(slug) : slug;
}

const NUMBERED = /^(.*)_(\d+)$/;

/**
 * Hands out unique slugs within one page as Python-Markdown's toc does: the second "Overview"
 * becomes "overview_1", the third "overview_2"; a heading with no letters to keep (all beyond
 * ASCII, say) gets "_1", then "_2".
 */
export class SlugRegistry {
  private readonly used = new Set<string>();

  /** `unicode`: the project's pymdownx.slugs settings; Python-Markdown's slugify without. */
  constructor(private readonly unicode?: UnicodeSlugs) {}

  claim(text: string): string {
    let slug = this.unicode ? unicodeSlug(text, this.unicode) : slugify(text);
    while (!slug || this.used.has(slug)) {
      const numbered = NUMBERED.exec(slug);
      slug = numbered ? `${numbered[1]}_${Number(numbered[2]) + 1}` : `${slug}_1`;
    }
    this.used.add(slug);
    return slug;
  }

  reserve(id: string): void {
    this.used.add(id);
  }
}
