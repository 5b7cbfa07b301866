import { createHash } from 'node:crypto';
import type { CompiledPage, CourseManifest, NavNode } from '../../contract.js';
import { compilePage, type AnchorLink, type PageInput } from './compile-page.js';
import type { CourseFiles } from './links.js';
import { PYTHON_MARKDOWN_DIALECT } from './markdown/dialect.js';
import { MathTypesetter } from './markdown/math.js';
import type { ShortcodeResolver } from './markdown/shortcodes.js';
import { emptyReport, relocateReport, reportMarks, sortDiagnostics, type CourseReport } from './report.js';
import { buildSearchDocuments, type SearchDocument } from './search-documents.js';
import { expandPage } from './page-expansion.js';
import { readPageMarkdown } from './page-source.js';
import { isPageFile, type CourseSource, type SourceNavItem } from './source.js';

/** The pack format this Carrel writes and the newest it reads. */
export const PACK_FORMAT = 1;

export interface CompiledCourse {
  manifest: CourseManifest;
  pages: CompiledPage[];
  assets: Map<string, Buffer>;
  searchDocuments: SearchDocument[];
  report: CourseReport;
}

export interface CompileOptions {
  shortcodes: ShortcodeResolver;
  /** Called after each page with the share of pages done, 0..1. */
  onProgress?: (fraction: number) => void;
  /** See PageInput's `sanitize`. */
  sanitize?: PageInput['sanitize'];
}

/**
 * Compiles a whole course. The same source always gives the same output, byte for byte. Pages
 * that cannot be read are reported as errors and left out; whether errors stop a pack or an
 * import is the caller's decision.
 */
export function compileCourse(source: CourseSource, options: CompileOptions): CompiledCourse {
  const report = emptyReport();
  report.diagnostics.push(...source.diagnostics);
  const configError = (message: string, line: number | undefined) =>
    report.diagnostics.push({ severity: 'error', file: source.configFile, ...(line ? { line } : {}), message });

  const notebooks = source.notebooks !== undefined;
  // The nav decides which pages exist: a page named twice or naming no file is an error.
  const navPages = new Set<string>();
  const navPageCount = { total: 0 };
  function checkNav(items: SourceNavItem[]): SourceNavItem[] {
    return items.flatMap((item): SourceNavItem[] => {
      if (item.kind === 'link') return [item];
      if (item.kind === 'group') return [{ ...item, children: checkNav(item.children) }];
      if (navPages.has(item.path)) {
        configError(`The nav names ${item.path} twice; a page can appear only once.`, item.line);
        return [];
      }
      if (!isPageFile(item.path, notebooks)) {
        configError(
          item.path.endsWith('.ipynb')
            ? `The nav entry ${item.path} is a notebook; list the mkdocs-jupyter plugin in ${source.configFile} to show notebooks as pages.`
            : `The nav entry ${item.path} is not a Markdown page.`,
          item.line,
        );
        return [];
      }
      if (!source.hasFile(item.path)) {
        configError(`The nav names ${item.path}, which does not exist in the docs folder.`, item.line);
        return [];
      }
      navPages.add(item.path);
      navPageCount.total++;
      return [item];
    });
  }
  const nav = checkNav(source.nav);

  // Every Markdown file is a page a link may lead to, in the nav or not (see below the nav's pages).
  // Pictures that notebooks' outputs became (notebooks.ts): course files that are in no folder.
  const generated = new Map<string, Buffer>();
  const files: CourseFiles = {
    isPage: (p) => isPageFile(p, notebooks) && source.hasFile(p),
    isFile: (p) => generated.has(p) || source.hasFile(p),
  };
  const services = {
    shortcodes: options.shortcodes,
    math: new MathTypesetter(),
    dialect: source.dialect ?? PYTHON_MARKDOWN_DIALECT,
  };
  const pages = new Map<string, CompiledPage>();
  const searchDocuments: SearchDocument[] = [];
  const pageIds = new Map<string, Set<string>>();
  const anchorLinks: (AnchorLink & { file: string })[] = [];
  const assetPaths = new Set<string>();

  let done = 0;
  function compileNav(items: SourceNavItem[]): NavNode[] {
    return items.flatMap((item): NavNode[] => {
      if (item.kind === 'link') return [{ kind: 'link', title: item.title, url: item.url }];
      if (item.kind === 'group') {
        const children = compileNav(item.children);
        return children.length ? [{ kind: 'group', title: item.title, children }] : [];
      }
      const text = readPageMarkdown(source, item.path);
      options.onProgress?.(Math.min(1, ++done / Math.max(1, navPageCount.total)));
      if (typeof text !== 'string') {
        report.diagnostics.push(text);
        return [];
      }
      const displayPath = source.displayPath(item.path);
      const expanded = expandPage(
        source,
        { text, pagePath: item.path, displayPath, navTitle: item.title },
        {
          diagnostic: (diagnostic) => report.diagnostics.push(diagnostic),
          generated: (file, bytes) => generated.set(file, bytes),
        },
      );
      if (!expanded) return [];
      const marks = reportMarks(report);
      const compiled = compilePage({
        pagePath: item.path,
        displayPath,
        ...(item.title ? { navTitle: item.title } : {}),
        markdown: expanded.markdown,
        files,
        services,
        report,
        sanitize: options.sanitize,
      });
      const { origins } = expanded;
      // Lines of a page put together from snippets are reported where they were written.
      const origin = (line: number) => origins?.[line - 1] ?? origins?.at(-1) ?? { file: displayPath, line };
      if (origins) relocateReport(report, marks, displayPath, origin);
      pages.set(item.path, compiled.page);
      searchDocuments.push(...buildSearchDocuments(compiled.page, compiled.texts));
      pageIds.set(item.path, compiled.ids);
      for (const link of compiled.anchorLinks) anchorLinks.push({ ...link, ...origin(link.line) });
      for (const asset of compiled.assets) assetPaths.add(asset);
      const { page } = compiled;
      return [
        {
          kind: 'page',
          title: page.title,
          path: page.path,
          sections: page.sections.map(({ id, title, toc, empty }) => ({ id, title, toc, empty })),
        },
      ];
    });
  }
  const compiledNav = compileNav(nav);

  // MkDocs builds the pages the nav leaves out too, and links to them work on the site: those that
  // pages link to (directly or through each other) join the course after the nav's pages.
  for (let index = 0; index < report.links.length; index++) {
    const link = report.links[index]!;
    if (link.kind !== 'page' || !link.target || navPages.has(link.target)) continue;
    navPages.add(link.target);
    const page: SourceNavItem = { kind: 'page', path: link.target };
    if (!source.meantOutsideNav?.(link.target))
      report.diagnostics.push({
        severity: 'warning',
        file: source.displayPath(link.target),
        message: `${source.displayPath(link.target)} is not in the nav, but ${link.file} links to it (line ${link.line}); it is added at the end of the course.`,
      });
    compiledNav.push(...compileNav([page]));
  }

  for (const link of anchorLinks) {
    const ids = pageIds.get(link.target);
    if (ids && !ids.has(link.anchor)) {
      report.diagnostics.push({
        severity: 'error',
        file: link.file,
        line: link.line,
        message: `The link ${link.href} points to #${link.anchor}, which is not on ${link.target}.`,
      });
    }
  }

  const assets = new Map<string, Buffer>();
  for (const assetPath of [...assetPaths].sort()) {
    const bytes = generated.get(assetPath) ?? source.readFile(assetPath);
    if (bytes) assets.set(assetPath, bytes);
    else
      report.diagnostics.push({
        severity: 'error',
        file: source.displayPath(assetPath),
        message: `${source.displayPath(assetPath)} could not be read.`,
      });
  }
  const sortedAssets = [...assets.keys()];
  const orderedPages = [...pages.values()];
  const manifest: CourseManifest = {
    format: PACK_FORMAT,
    id: source.id,
    title: source.title,
    version: contentHash(compiledNav, orderedPages, assets),
    nav: compiledNav,
    assets: sortedAssets,
  };
  report.diagnostics = sortDiagnostics(report.diagnostics);
  return { manifest, pages: orderedPages, assets, searchDocuments, report };
}

/**
 * A hash of everything a student sees. The nav holds every page's and section's title, contents
 * and place; the pages' HTML is most of the rest and is hashed as it is (quoting it into JSON
 * would cost more than hashing). Every part is length-prefixed, so no two different courses run
 * together into the same input.
 */
function contentHash(nav: NavNode[], pages: CompiledPage[], assets: Map<string, Buffer>): string {
  const hash = createHash('sha256');
  const part = (data: string | Buffer) => hash.update(`${data.length}:`).update(data);
  part(JSON.stringify(nav));
  for (const page of pages) for (const section of page.sections) part(section.html);
  for (const [assetPath, bytes] of assets) {
    part(assetPath);
    part(bytes);
  }
  return hash.digest('hex').slice(0, 16);
}
