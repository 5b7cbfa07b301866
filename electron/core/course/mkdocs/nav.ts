import path from 'node:path';
import type { Diagnostic, SourceNavItem } from '../source.js';

/** MkDocs' nav: as mkdocs.yml writes it, or MkDocs' own order of the docs folder when it has none. */

export function lineOfText(text: string, needle: string, from = 0): number | undefined {
  const at = text.indexOf(needle, from);
  return at === -1 ? undefined : text.slice(0, at).split('\n').length;
}

/** Finds nav entries in mkdocs.yml in order, so a page named twice points at its second mention. */
class TextCursor {
  private position = 0;
  private line = 1;

  constructor(private readonly text: string) {
    const nav = /^nav\s*:/m.exec(text);
    if (nav) this.advance(nav.index);
  }

  private advance(to: number): void {
    for (let i = this.text.indexOf('\n', this.position); i !== -1 && i < to; i = this.text.indexOf('\n', i + 1))
      this.line++;
    this.position = to;
  }

  lineOf(needle: string): number | undefined {
    const at = this.text.indexOf(needle, this.position);
    if (at === -1) return lineOfText(this.text, needle);
    this.advance(at);
    return this.line;
  }
}

/** The title MkDocs gives a folder in a nav it builds itself: `getting_started` -> `Getting started`. */
export function folderTitle(name: string): string {
  const words = name.replace(/[-_]/g, ' ');
  return words === words.toLowerCase() ? words.charAt(0).toUpperCase() + words.slice(1) : words;
}

/** index.md, or README.md, which MkDocs takes for a folder's index page. */
export const isIndex = (file: string) => /^(index|README)\.md$/i.test(path.posix.basename(file));
/** A nav entry that is a web address, not a page. */
export const isUrl = (text: string) => /^[a-z][a-z0-9+.-]*:/i.test(text) || text.startsWith('//');

/**
 * A folder's pages and the subfolders holding pages, by name, in MkDocs' order (or `compare`'s):
 * index.md opens the folder; README.md does when there is no index.md, and is dropped when there is.
 */
export function folderContents(
  pageFiles: readonly string[],
  dir: string,
  compare?: (a: string, b: string) => number,
): { pages: string[]; folders: string[] } {
  const prefix = dir ? `${dir}/` : '';
  const here = pageFiles.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length));
  const pages = here.filter((f) => !f.includes('/'));
  const index = pages.find((f) => f === 'index.md') ?? pages.find(isIndex);
  return {
    pages: [...(index ? [index] : []), ...pages.filter((f) => !isIndex(f)).sort(compare)],
    folders: [...new Set(here.filter((f) => f.includes('/')).map((f) => f.split('/')[0]!))].sort(compare),
  };
}

/** MkDocs' nav for a project without one: see the module comment. */
export function defaultNav(markdownFiles: string[], dir = ''): SourceNavItem[] {
  const prefix = dir ? `${dir}/` : '';
  const { pages, folders } = folderContents(markdownFiles, dir);
  return [
    ...pages.map((file): SourceNavItem => ({ kind: 'page', path: `${prefix}${file}` })),
    ...folders.map((folder): SourceNavItem => ({
      kind: 'group',
      title: folderTitle(folder),
      children: defaultNav(markdownFiles, prefix + folder),
    })),
  ];
}

/** Reads the `nav` setting; malformed entries are reported and left out. */
export function parseNav(
  nav: unknown,
  configText: string,
  configFile: string,
  diagnostics: Diagnostic[],
  cursor = new TextCursor(configText),
): SourceNavItem[] {
  if (!Array.isArray(nav)) {
    diagnostics.push({
      severity: 'error',
      file: configFile,
      line: lineOfText(configText, 'nav'),
      message: 'nav must be a list of pages, groups and links.',
    });
    return [];
  }
  return nav.flatMap((entry): SourceNavItem[] => {
    const item = (title: string | undefined, value: unknown): SourceNavItem[] => {
      if (typeof value === 'string') {
        if (isUrl(value)) return [{ kind: 'link', title: title ?? value, url: value }];
        const pagePath = path.posix.normalize(value.replace(/\\/g, '/').replace(/^\.\//, ''));
        return [
          { kind: 'page', path: pagePath, line: cursor.lineOf(value), ...(title !== undefined ? { title } : {}) },
        ];
      }
      if (Array.isArray(value) && title !== undefined)
        return [{ kind: 'group', title, children: parseNav(value, configText, configFile, diagnostics, cursor) }];
      diagnostics.push({
        severity: 'error',
        file: configFile,
        line: title ? cursor.lineOf(title) : undefined,
        message: `The nav entry ${JSON.stringify(title ?? value)} is neither a page, a group nor a link.`,
      });
      return [];
    };
    if (typeof entry === 'string') return item(undefined, entry);
    if (entry && typeof entry === 'object' && !Array.isArray(entry) && Object.keys(entry).length === 1) {
      const [title, value] = Object.entries(entry)[0]!;
      return item(String(title), value);
    }
    return item(undefined, entry);
  });
}
