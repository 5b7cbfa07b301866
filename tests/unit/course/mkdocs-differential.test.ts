import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path/posix';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { pagesOf } from '../../../electron/core/library/library.js';
import { compileFolder, fixture, pageHtml, tempDir } from './support.js';

/**
 * Builds a fixture course with Debian's MkDocs (mkdocs, mkdocs-material, python3-pymdownx) and
 * with Carrel, and compares each page's structure: what MkDocs shows, Carrel must show too.
 */
const mkdocsAvailable = spawnSync('mkdocs', ['--version'], { encoding: 'utf8' }).status === 0;

interface Structure {
  headings: string[];
  admonitions: string[];
  images: string[];
  pageLinks: string[];
  externalLinks: string[];
  tables: string[];
  codeBlocks: number;
  footnotes: string[];
  /** pymdownx.critic's edits: each mark's element, classes and text. */
  edits: string[];
  /** Left empty for courses with icons: Debian's Material has no icon set, so it shows their shortcodes. */
  paragraphs: string[];
}

const classes = (el: Element | null) => (el?.attribs?.class ?? '').split(/\s+/).filter(Boolean);
const text = (el: Element) => DomUtils.textContent(el).replace(/¶/g, '').replace(/\s+/g, ' ').trim();

function inFootnote(el: Element): boolean {
  for (let parent = el.parent as Element | null; parent; parent = parent.parent as Element | null)
    if (parent.name === 'li' && (parent.attribs?.id ?? '').startsWith('fn:')) return true;
  return false;
}

/** The parts both sides must agree on, read from an element holding a page's content. */
function structure(
  compareText: boolean,
  root: Element[],
  resolveImage: (src: string) => string | undefined,
  resolvePage: (href: string) => string | undefined,
): Structure {
  const all = (test: (el: Element) => boolean) => DomUtils.findAll(test, root);
  const links = all(
    (el) =>
      el.name === 'a' &&
      el.attribs.href !== undefined &&
      !classes(el).some((c) => c === 'headerlink' || c.startsWith('footnote')),
  );
  return {
    headings: all((el) => /^h[2-6]$/.test(el.name)).map((h) => `${h.name} #${h.attribs.id} ${text(h)}`),
    admonitions: [
      ...all((el) => el.name === 'div' && classes(el).includes('admonition')).map((d) =>
        classes(d)
          .filter((c) => c !== 'admonition')
          .join(' '),
      ),
      ...all((el) => el.name === 'details').map((d) => `details ${classes(d).join(' ')}`),
    ],
    images: all((el) => el.name === 'img').flatMap((img) => resolveImage(img.attribs.src ?? '') ?? []),
    pageLinks: links.flatMap((a) => resolvePage(a.attribs.href!) ?? []),
    externalLinks: links
      .map((a) => a.attribs.href!)
      .filter((href) => /^https?:/.test(href) && !href.includes('youtube') && !href.includes('example.')),
    // Pygments lays out line numbers as a table of its own: layout, not content.
    tables: all((el) => el.name === 'table' && !classes(el).includes('highlighttable')).map((t) => {
      const inTable = (el: Element) => DomUtils.findOne((p) => p === el, t.children, true) !== null;
      const rows = all((el) => el.name === 'tr' && inTable(el)).length;
      const cellClasses = all((el) => (el.name === 'td' || el.name === 'th') && inTable(el) && classes(el).length > 0);
      return [`${rows} rows`, ...cellClasses.map((cell) => `${cell.name}.${classes(cell).join('.')}`)].join(', ');
    }),
    codeBlocks: all((el) => el.name === 'pre' && !classes(el.parent as Element).includes('linenodiv')).length,
    // The text of every paragraph outside admonition titles and footnotes: typed symbols,
    // abbreviations and inline markup must leave the same words.
    paragraphs: compareText
      ? all((el) => el.name === 'p' && !classes(el).includes('admonition-title') && !inFootnote(el))
          .map(text)
          .filter(Boolean)
      : [],
    edits: all((el) => classes(el).includes('critic')).map((el) => `${el.name}.${classes(el).join('.')} ${text(el)}`),
    footnotes: [
      ...all((el) => el.name === 'sup' && (el.attribs.id ?? '').startsWith('fnref')).map(
        (s) => `${s.attribs.id!} ${text(s)}`,
      ),
      ...all((el) => el.name === 'li' && (el.attribs.id ?? '').startsWith('fn:')).map((li) => li.attribs.id!),
    ],
  };
}

/** Where MkDocs writes a page with directory URLs: guide/code.md -> guide/code/index.html. */
const siteDir = (pagePath: string) =>
  path.basename(pagePath) === 'index.md' ? path.dirname(pagePath) : pagePath.replace(/\.md$/, '');

const title = mkdocsAvailable
  ? 'Carrel against MkDocs (Debian mkdocs-material)'
  : 'Carrel against MkDocs: skipped because mkdocs is not on PATH (apt-get install -y mkdocs mkdocs-material python3-pymdownx)';

/** Each fixture course and the pages compared; MkDocs runs in the project folder, as authors run it. */
const COMPARED = [
  {
    name: 'features',
    pages: ['index.md', 'guide/index.md', 'guide/admonitions.md', 'guide/code.md', 'extras.md'],
    compareText: false,
  },
  { name: 'snippets', pages: ['index.md', 'guide/setup.md'], compareText: true },
  { name: 'dialect', pages: ['index.md', 'plain.md'], compareText: true },
  { name: 'authoring', pages: ['index.md'], compareText: true },
  { name: 'critic', pages: ['index.md'], compareText: true },
];

describe.skipIf(!mkdocsAvailable).each(COMPARED)(`${title}: $name`, ({ name, pages: compared, compareText }) => {
  const project = fixture(name);
  const site = tempDir('carrel-mkdocs-site-');
  if (mkdocsAvailable)
    execFileSync('mkdocs', ['build', '--quiet', '-f', path.join(project, 'mkdocs.yml'), '-d', site], {
      cwd: project,
      stdio: 'pipe',
    });
  const course = compileFolder(project);
  const pages = pagesOf(course.manifest.nav);

  it('builds the same pages', () => {
    expect(pages.length).toBe(compared.length);
    for (const page of pages) expect(existsSync(path.join(site, siteDir(page.path), 'index.html'))).toBe(true);
  });

  for (const pagePath of compared) {
    it(`has what MkDocs has on ${pagePath}`, () => {
      const dir = siteDir(pagePath);
      const mkdocsHtml = readFileSync(path.join(site, dir, 'index.html'), 'utf8');
      const article = DomUtils.findOne((el) => el.name === 'article', parseDocument(mkdocsHtml).children, true)!;
      const mkdocs = structure(
        compareText,
        article.children as Element[],
        (src) => (/^https?:/.test(src) ? undefined : path.basename(src)),
        (href) => {
          if (/^[a-z]+:/.test(href) || href.startsWith('#')) return undefined;
          const [target = '', anchor] = href.split('#');
          const resolved = path.normalize(path.join(dir, target)).replace(/\/$/, '');
          const page =
            pages.find((p) => siteDir(p.path) === (resolved === '.' ? '' : resolved))?.path ??
            (resolved.endsWith('.pdf') ? resolved : `? ${resolved}`);
          return anchor ? `${page}#${anchor}` : page;
        },
      );
      const carrelHtml = pageHtml(course.pages.find((p) => p.path === pagePath)!);
      const carrel = structure(
        compareText,
        parseDocument(carrelHtml).children as Element[],
        (src) => (src.startsWith('assets/') ? path.basename(decodeURIComponent(src)) : undefined),
        (href) =>
          href.startsWith('carrel:') ? decodeURIComponent(href.replace(/^carrel:(page|file)\//, '')) : undefined,
      );
      expect(carrel).toEqual(mkdocs);
    });
  }
});
