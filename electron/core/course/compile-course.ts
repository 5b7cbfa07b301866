import { createHash } from 'node:crypto';
import type { CompiledPage, CourseManifest, NavNode } from '../../contract.js';
import { compilePage } from './compile-page.js';
import type { IconResolver } from './markdown/icons.js';
import type { CourseSource, Diagnostic, SourceNavItem } from './source.js';

export const PACK_FORMAT = 1;

export interface CompiledCourse {
  manifest: CourseManifest;
  pages: CompiledPage[];
  assets: Map<string, Buffer>;
  diagnostics: Diagnostic[];
}

/** Compiles a whole course. The same source always gives the same output, byte for byte. */
export function compileCourse(source: CourseSource, icons: IconResolver): CompiledCourse {
  const diagnostics: Diagnostic[] = [];
  const pages: CompiledPage[] = [];
  const assets = new Map<string, Buffer>();
  const hasFile = (relativePath: string) => source.readFile(relativePath) !== undefined;

  function compileNav(items: SourceNavItem[]): NavNode[] {
    return items.flatMap((item): NavNode[] => {
      if (item.kind === 'link') return [item];
      if (item.kind === 'group') return [{ kind: 'group', title: item.title, children: compileNav(item.children) }];
      const bytes = source.readFile(item.path);
      if (!bytes) {
        diagnostics.push({ severity: 'error', file: item.path, message: `The nav names ${item.path}, which does not exist.` });
        return [];
      }
      const { page, assets: used } = compilePage({
        pagePath: item.path,
        markdown: bytes.toString('utf8'),
        icons,
        hasFile,
        diagnostics,
      });
      if (item.title) page.title = item.title;
      pages.push(page);
      for (const asset of used) assets.set(asset, source.readFile(asset)!);
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

  const nav = compileNav(source.nav);
  const sortedAssets = [...assets.keys()].sort();
  const manifest: CourseManifest = {
    format: PACK_FORMAT,
    id: source.id,
    title: source.title,
    version: contentHash(nav, pages, sortedAssets, assets),
    nav,
    assets: sortedAssets,
  };
  return { manifest, pages, assets, diagnostics };
}

function contentHash(nav: NavNode[], pages: CompiledPage[], assetPaths: string[], assets: Map<string, Buffer>): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(nav));
  for (const page of pages) hash.update(JSON.stringify(page));
  for (const assetPath of assetPaths) hash.update(assetPath).update(assets.get(assetPath)!);
  return hash.digest('hex').slice(0, 16);
}
