import path from 'node:path/posix';
import { Lexer, type Tokens } from 'marked';
import type { Diagnostic, SourceNavItem } from '../source.js';
import { isUrl } from './nav.js';

/**
 * The literate-nav plugin's nav: a Markdown list in the docs folder (`SUMMARY.md` unless
 * `nav_file` says otherwise) is the nav.
 *
 *   * [Welcome](index.md)            a page, titled by its link
 *   * Week 1                         a section (an item with a list under it)
 *       * [Reading](week1/read.md)
 *   * [Labs](labs/index.md)          a section whose own page opens it
 *       * [Lab 1](labs/one.md)
 *   * [Week 2](week2/)               a folder: its own nav file, or its pages in MkDocs' order
 *   * [Forum](https://…)             a link
 *
 * Paths are relative to the nav file's folder. A nav file that names a missing page is reported at
 * its line, and the page is left out.
 */

export interface NavFiles {
  /** The text of the nav file in `dir` (docs-relative, '' for the docs folder), if there is one. */
  read(dir: string): string | undefined;
  /** How to name the nav file of `dir` to the instructor. */
  label(dir: string): string;
}

/** The nav the nav file of `dir` describes; undefined when there is no such file. */
export function literateNav(
  dir: string,
  files: NavFiles,
  pageFiles: readonly string[],
  folderNav: (dir: string) => SourceNavItem[],
  diagnostics: Diagnostic[],
): SourceNavItem[] | undefined {
  const text = files.read(dir);
  if (text === undefined) return undefined;
  const list = new Lexer().lex(text).find((token): token is Tokens.List => token.type === 'list');
  if (!list) {
    diagnostics.push({
      severity: 'error',
      file: files.label(dir),
      message: `${files.label(dir)} holds no list to make the nav of.`,
    });
    return [];
  }
  const lineOf = (raw: string) => text.slice(0, Math.max(0, text.indexOf(raw))).split('\n').length;

  const items = (entries: Tokens.ListItem[]): SourceNavItem[] =>
    entries.flatMap((entry): SourceNavItem[] => {
      const head = entry.tokens.find((t) => t.type === 'text' || t.type === 'paragraph') as Tokens.Text | undefined;
      const link = head?.tokens?.find((t): t is Tokens.Link => t.type === 'link');
      const title = (link ? link.text : (head?.text ?? '')).trim();
      const sublist = entry.tokens.find((t): t is Tokens.List => t.type === 'list');
      const children = sublist ? items(sublist.items) : [];
      if (!link) {
        if (title && children.length) return [{ kind: 'group', title, children }];
        diagnostics.push({
          severity: 'warning',
          file: files.label(dir),
          line: lineOf(entry.raw),
          message: `"${title}" in ${files.label(dir)} is neither a link nor a section with entries under it (wildcards are not followed); it is left out of the nav.`,
        });
        return [];
      }
      if (isUrl(link.href)) return [{ kind: 'link', title, url: link.href }];
      const target = path.normalize(path.join(dir, decodeURI(link.href.split('#')[0]!)));
      const line = lineOf(entry.raw);
      // A folder: its own nav file, or its pages in MkDocs' order.
      if (link.href.endsWith('/')) {
        const folder = target.replace(/\/$/, '');
        const inside = literateNav(folder, files, pageFiles, folderNav, diagnostics) ?? folderNav(folder);
        return inside.length ? [{ kind: 'group', title, children: [...inside, ...children] }] : [];
      }
      if (!pageFiles.includes(target)) {
        diagnostics.push({
          severity: 'error',
          file: files.label(dir),
          line,
          message: `${files.label(dir)} names ${link.href}, which is not a page of the docs folder; it is left out of the nav.`,
        });
        return children.length ? [{ kind: 'group', title, children }] : [];
      }
      const page: SourceNavItem = { kind: 'page', path: target, title };
      return children.length ? [{ kind: 'group', title, children: [page, ...children] }] : [page];
    });
  return items(list.items);
}
