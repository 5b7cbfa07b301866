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

/** Hands out unique slugs within one page: the second "Overview" becomes "overview_1". */
export class SlugRegistry {
  private readonly used = new Set<string>();

  claim(text: string): string {
    const base = slugify(text) || 'section';
    let slug = base;
    for (let n = 1; this.used.has(slug); n++) slug = `${base}_${n}`;
    this.used.add(slug);
    return slug;
  }

  reserve(id: string): void {
    this.used.add(id);
  }
}
