import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CourseSource, SourceNavItem } from './source.js';

/**
 * The bundled course's own description, content/course.json:
 *   { "id", "title", "nav": [{ "title", "path" }], "mounts": { "imgs": "../imgs" } }
 * `mounts` maps a folder name used in the pages to a folder elsewhere in the repository, so the
 * course's images can live in the top-level imgs/ while the pages say `imgs/gen1.png`.
 */
interface ContentManifest {
  id: string;
  title: string;
  nav: { title: string; path: string }[];
  mounts?: Record<string, string>;
}

export function loadContentSource(contentDir: string): CourseSource {
  const manifestFile = path.join(contentDir, 'course.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as ContentManifest;
  const mounts = Object.entries(manifest.mounts ?? {}).map(([prefix, target]) => ({
    prefix: `${prefix}/`,
    root: path.resolve(contentDir, target),
  }));
  const repositoryRoot = path.dirname(contentDir);

  function locate(relativePath: string): string | undefined {
    const normalized = path.posix.normalize(relativePath);
    if (normalized.startsWith('../') || path.posix.isAbsolute(normalized)) return undefined;
    const mount = mounts.find((m) => normalized.startsWith(m.prefix));
    return mount ? path.join(mount.root, normalized.slice(mount.prefix.length)) : path.join(contentDir, normalized);
  }
  const isFile = (file: string | undefined): file is string =>
    Boolean(file && existsSync(file) && statSync(file).isFile());

  return {
    id: manifest.id,
    title: manifest.title,
    nav: manifest.nav.map((item): SourceNavItem => ({ kind: 'page', title: item.title, path: item.path })),
    diagnostics: [],
    configFile: path.relative(repositoryRoot, manifestFile),
    readFile(relativePath) {
      const file = locate(relativePath);
      return isFile(file) ? readFileSync(file) : undefined;
    },
    hasFile: (relativePath) => isFile(locate(relativePath)),
    markdownFiles: () =>
      readdirSync(contentDir)
        .filter((f) => f.endsWith('.md'))
        .sort(),
    displayPath(relativePath) {
      const file = locate(relativePath);
      return file ? path.relative(repositoryRoot, file).split(path.sep).join('/') : relativePath;
    },
  };
}
