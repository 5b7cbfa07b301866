import path from 'node:path/posix';
import type { Diagnostic, SourceNavItem } from '../source.js';
import { folderContents, isUrl } from './nav.js';
import { parseYaml } from './safe-yaml.js';

/**
 * The awesome-pages plugin's nav: with no `nav` in mkdocs.yml, a `.pages` file in a docs folder
 * says how that folder shows in the nav, starting from MkDocs' own order:
 *
 *   title: Week 1            the folder's title
 *   nav:                     its entries, in this order; `...` stands for every entry not named,
 *     - intro.md             in MkDocs' order. Without `...`, unnamed entries are left out.
 *     - Setup: setup.md      a title of its own for a page or a subfolder
 *     - ...
 *     - labs                 a subfolder (its own .pages applies)
 *     - Forum: https://…     a link
 *     - Extras:              a section made here, its entries named as above
 *         - extra.md
 *   order: desc              MkDocs' order reversed (`order_by: title` is not followed)
 *   sort_type: natural       numbers in names in numeric order: lab-2 before lab-10
 *   hide: true               the folder is left out of the nav
 *
 * `arrange` (the plugin's older name for nav) is read too. Pages the nav leaves out are still
 * built and reachable by links, as on the site.
 */

export interface PagesFile {
  /** The .pages file as the instructor knows it, for diagnostics. */
  label: string;
  text: string;
}

const REST = /^\.\.\.(?:\s*\|.*)?$/;

/**
 * The nav of `dir` (docs-relative, '' for the docs folder): `defaultEntries` gives MkDocs' order of
 * a folder's pages and subfolders; `pagesFile` the folder's .pages file, if it has one.
 */
export function awesomePagesNav(
  pageFiles: string[],
  pagesFile: (dir: string) => PagesFile | undefined,
  folderTitle: (name: string) => string,
  diagnostics: Diagnostic[],
  dir = '',
): SourceNavItem[] {
  const prefix = dir ? `${dir}/` : '';
  const file = pagesFile(dir);
  const config = file ? readPagesFile(file, diagnostics) : {};
  const entries = folderContents(pageFiles, dir, config.sort_type === 'natural' ? naturalOrder : undefined);
  const order = config.order === 'desc' ? -1 : 1;
  const pages = order === 1 ? entries.pages : [...entries.pages].reverse();
  const folders = order === 1 ? entries.folders : [...entries.folders].reverse();

  const folderItem = (name: string, title?: string): SourceNavItem[] => {
    const sub = pagesFile(`${prefix}${name}`);
    const subConfig = sub ? readPagesFile(sub, []) : {};
    if (subConfig.hide === true) return [];
    const children = awesomePagesNav(pageFiles, pagesFile, folderTitle, diagnostics, `${prefix}${name}`);
    if (!children.length) return [];
    const named = typeof subConfig.title === 'string' ? subConfig.title : folderTitle(name);
    return [{ kind: 'group', title: title ?? named, children }];
  };
  const defaultItems = (exclude: Set<string>): SourceNavItem[] => [
    ...pages.filter((p) => !exclude.has(p)).map((p): SourceNavItem => ({ kind: 'page', path: `${prefix}${p}` })),
    ...folders.filter((f) => !exclude.has(f)).flatMap((f) => folderItem(f)),
  ];

  const listed = Array.isArray(config.nav) ? config.nav : Array.isArray(config.arrange) ? config.arrange : undefined;
  if (!listed) return defaultItems(new Set());

  // Entries named anywhere in the list are not repeated where `...` stands.
  const named = new Set<string>();
  const collect = (list: unknown[]) => {
    for (const entry of list) {
      const value =
        typeof entry === 'string' ? entry : entry && typeof entry === 'object' ? Object.values(entry)[0] : undefined;
      if (typeof value === 'string') named.add(value.replace(/\/$/, ''));
      else if (Array.isArray(value)) collect(value);
    }
  };
  collect(listed);

  const item = (title: string | undefined, value: unknown): SourceNavItem[] => {
    if (typeof value === 'string') {
      if (REST.test(value.trim())) return defaultItems(named);
      if (isUrl(value)) return [{ kind: 'link', title: title ?? value, url: value }];
      const name = value.replace(/\/$/, '');
      if (folders.includes(name)) return folderItem(name, title);
      const pagePath = path.normalize(`${prefix}${name}`);
      if (!pageFiles.includes(pagePath)) {
        // As on the site, where the plugin stops the build.
        diagnostics.push({
          severity: 'error',
          file: file!.label,
          message: `${file!.label} names ${name}, which is not a page or folder in ${dir || 'the docs folder'}.`,
        });
        return [];
      }
      return [{ kind: 'page', path: pagePath, ...(title !== undefined ? { title } : {}) }];
    }
    if (Array.isArray(value) && title !== undefined) return [{ kind: 'group', title, children: value.flatMap(entry) }];
    diagnostics.push({
      severity: 'warning',
      file: file!.label,
      message: `The entry ${JSON.stringify(title ?? value)} in ${file!.label} is neither a page, a folder, a section nor a link; it is left out.`,
    });
    return [];
  };
  const entry = (value: unknown): SourceNavItem[] => {
    if (typeof value === 'string') return item(undefined, value);
    if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1) {
      const [title, inner] = Object.entries(value)[0]!;
      return item(title, inner);
    }
    return item(undefined, value);
  };
  return listed.flatMap(entry);
}

/**
 * `sort_type: natural`: numbers in names compare as numbers, so `lab-2` comes before `lab-10`;
 * the rest compares as MkDocs compares names.
 */
function naturalOrder(a: string, b: string): number {
  const parts = (name: string) => name.match(/\d+|\D+/g) ?? [];
  const [left, right] = [parts(a), parts(b)];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const [x, y] = [left[i]!, right[i]!];
    const numbers = /^\d/.test(x) && /^\d/.test(y);
    const order = numbers ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
    if (order) return order;
  }
  return left.length - right.length;
}

function readPagesFile(file: PagesFile, diagnostics: Diagnostic[]): Record<string, unknown> {
  const parsed = parseYaml(file.text);
  if (parsed.error || !parsed.value || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
    diagnostics.push({
      severity: 'warning',
      file: file.label,
      message: `${file.label} is not a YAML mapping${parsed.error ? ` (${parsed.error})` : ''}; the folder keeps MkDocs' order.`,
    });
    return {};
  }
  return parsed.value as Record<string, unknown>;
}
