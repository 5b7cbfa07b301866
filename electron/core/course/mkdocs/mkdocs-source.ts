import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';
import { slugify } from '../slug.js';
import type { ProjectFile } from '../snippets.js';
import { isPageFile, MAX_PAGE_BYTES, type CourseSource, type Diagnostic } from '../source.js';
import { awesomePagesNav, type PagesFile } from './awesome-pages.js';
import { parseMkDocsConfig } from './config.js';
import { literateNav, type NavFiles } from './literate-nav.js';
import { defaultNav, folderTitle, parseNav } from './nav.js';
import { CourseSourceError } from './source-error.js';

export { CourseSourceError };

/**
 * An MkDocs project (mkdocs.yml and its docs folder) as a course source.
 *   site_name    the course title; the course id is its slug (`Intro to ML` -> `intro-to-ml`), so
 *                a newer version of the same course replaces the older one when imported
 *   docs_dir     the folder of pages and files, `docs` unless set; it must be inside the project
 *   nav          nested groups, pages (`Title: page.md` or `page.md`) and external links; without
 *                it, MkDocs' own order: index.md (or README.md) first, then the other pages
 *                alphabetically, then each folder as a group in the same order
 * Every Markdown feature Carrel knows is always on, except the few that change how the same text
 * reads (markdown/dialect.ts) and snippets, which follow markdown_extensions; plugins and
 * extensions Carrel does not know are reported as warnings and the pages are compiled without them.
 */
export const MAX_COURSE_FILES = 20_000;

const CONFIG_NAMES = ['mkdocs.yml', 'mkdocs.yaml'];

interface DocsFiles {
  /** docs-relative path -> absolute path of the real file */
  files: Map<string, string>;
  /** The awesome-pages files, by the docs-relative folder they are in ('' for the docs folder). */
  pagesFiles: Map<string, string>;
  diagnostics: Diagnostic[];
}

/**
 * Which docs paths match gitignore-style patterns (MkDocs' exclude_docs and not_in_nav). A folder
 * is asked about with its trailing slash.
 */
function docsPatterns(patterns: string | undefined, always: string[] = []): (docsPath: string) => boolean {
  const matcher = ignore().add(always);
  if (patterns) matcher.add(patterns);
  return (docsPath) => matcher.ignores(docsPath);
}

/** What MkDocs leaves out of every build unless exclude_docs brings it back: dot files and /templates/. */
const ALWAYS_EXCLUDED = ['.*', '/templates/'];

/**
 * Every file of the docs folder that is part of the build; links that lead outside the folder
 * are reported and left out.
 */
function listDocsFiles(
  docsRoot: string,
  docsLabel: string,
  excluded: (docsPath: string) => boolean,
  pagesFileName: string | undefined,
): DocsFiles {
  const files = new Map<string, string>();
  const pagesFiles = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const realRoot = realpathSync(docsRoot);
  const walk = (dir: string, relative: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name === pagesFileName) pagesFiles.set(relative, path.join(dir, name));
      // Dot files stay out even if exclude_docs names them again: nothing of a course is hidden.
      if (name.startsWith('.')) continue;
      const full = path.join(dir, name);
      const rel = relative ? `${relative}/${name}` : name;
      let stats = lstatSync(full);
      let real = full;
      if (stats.isSymbolicLink()) {
        real = existsSync(full) ? realpathSync(full) : '';
        if (!real || (real !== realRoot && !real.startsWith(realRoot + path.sep))) {
          diagnostics.push({
            severity: 'error',
            file: `${docsLabel}/${rel}`,
            message: `${docsLabel}/${rel} is a link to something outside the course folder; it is left out.`,
          });
          continue;
        }
        stats = statSync(real);
      }
      if (stats.isDirectory()) {
        if (!excluded(`${rel}/`)) walk(real, rel);
      } else if (stats.isFile() && !excluded(rel)) {
        if (files.size >= MAX_COURSE_FILES)
          throw new CourseSourceError(
            `The course has more than ${MAX_COURSE_FILES} files; split it into smaller courses.`,
          );
        files.set(rel, real);
      }
    }
  };
  walk(docsRoot, '');
  return { files, pagesFiles, diagnostics };
}

export function loadMkDocsSource(projectDir: string): CourseSource {
  const root = path.resolve(projectDir);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new CourseSourceError(`${projectDir} is not a folder.`);
  const configName = CONFIG_NAMES.find((name) => existsSync(path.join(root, name)));
  if (!configName)
    throw new CourseSourceError(`${projectDir} has no mkdocs.yml: a course folder is an MkDocs project.`);
  const configText = readFileSync(path.join(root, configName), 'utf8').replace(/\r\n?/g, '\n');
  const config = parseMkDocsConfig(configText, configName);
  const docsRoot = path.resolve(root, config.docsDir);
  const docsLabel = path.relative(root, docsRoot).split(path.sep).join('/');
  if (!docsLabel || docsLabel.startsWith('..') || path.isAbsolute(docsLabel)) {
    throw new CourseSourceError(`docs_dir "${config.docsDir}" must be a folder inside the course folder.`);
  }
  if (!existsSync(docsRoot) || !statSync(docsRoot).isDirectory()) {
    throw new CourseSourceError(`The docs folder "${docsLabel}" named by docs_dir in ${configName} does not exist.`);
  }
  const {
    files,
    pagesFiles,
    diagnostics: fileDiagnostics,
  } = listDocsFiles(docsRoot, docsLabel, docsPatterns(config.excludeDocs, ALWAYS_EXCLUDED), config.awesomePages);
  const notInNav = docsPatterns(config.notInNav);
  const markdownFiles = [...files.keys()].filter((f) => isPageFile(f, config.notebooks !== undefined)).sort();
  const diagnostics = [...config.diagnostics, ...fileDiagnostics];
  const pagesFile = (dir: string): PagesFile | undefined => {
    const file = pagesFiles.get(dir);
    if (!file) return undefined;
    const label = `${docsLabel}/${dir ? `${dir}/` : ''}${config.awesomePages}`;
    try {
      return { label, text: readFileSync(file, 'utf8') };
    } catch {
      diagnostics.push({
        severity: 'warning',
        file: label,
        message: `${label} could not be read; the folder keeps MkDocs' order.`,
      });
      return undefined;
    }
  };
  const navFile = config.literateNav;
  const isNavFile = (file: string) => navFile !== undefined && path.posix.basename(file) === navFile;
  const navFiles: NavFiles = {
    read: (dir) => {
      const file = navFile && files.get(dir ? `${dir}/${navFile}` : navFile);
      return file ? readFileSync(file, 'utf8').replace(/\r\n?/g, '\n') : undefined;
    },
    label: (dir) => `${docsLabel}/${dir ? `${dir}/` : ''}${navFile}`,
  };
  const folderNav = (dir: string) =>
    defaultNav(
      markdownFiles.filter((f) => !isNavFile(f)),
      dir,
    );
  const nav =
    (navFile ? literateNav('', navFiles, markdownFiles, folderNav, diagnostics) : undefined) ??
    (config.nav !== undefined && config.nav !== null
      ? parseNav(config.nav, configText, configName, diagnostics)
      : config.awesomePages
        ? awesomePagesNav(markdownFiles, pagesFile, folderTitle, diagnostics)
        : defaultNav(markdownFiles));
  const title = config.siteName ?? folderTitle(path.basename(root));
  return {
    id: (slugify(title) || slugify(path.basename(root)) || 'course').replace(/^[-_]+/, '').slice(0, 100) || 'course',
    title,
    nav,
    diagnostics,
    configFile: configName,
    readFile(relativePath) {
      const file = files.get(relativePath);
      if (file === undefined) return undefined;
      try {
        return readFileSync(file);
      } catch {
        // Unreadable (permissions, removed meanwhile): the compiler reports it as an error.
        return undefined;
      }
    },
    hasFile: (relativePath) => files.has(relativePath),
    markdownFiles: () => markdownFiles,
    displayPath: (relativePath) => `${docsLabel}/${relativePath}`,
    dialect: config.dialect,
    meantOutsideNav: notInNav,
    ...(config.notebooks ? { notebooks: config.notebooks } : {}),
    ...(config.macros ? { macros: config.macros } : {}),
    ...(config.snippets
      ? {
          snippets: { settings: config.snippets, files: { read: (projectPath) => readProjectFile(root, projectPath) } },
        }
      : {}),
  };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A file of the project by its path relative to the project folder, for snippets: anything that
 * leads outside the folder (`..`, absolute paths, links) is refused, and so are files no page
 * could be made of.
 */
function readProjectFile(root: string, projectPath: string): ProjectFile {
  const full = path.resolve(root, projectPath);
  const inside = (file: string, folder: string) => file === folder || file.startsWith(folder + path.sep);
  if (!inside(full, root)) return { kind: 'outside' };
  if (!existsSync(full)) return { kind: 'missing' };
  try {
    if (!inside(realpathSync(full), realpathSync(root))) return { kind: 'outside' };
    const stats = statSync(full);
    if (!stats.isFile()) return { kind: 'missing' };
    if (stats.size > MAX_PAGE_BYTES)
      return { kind: 'unreadable', reason: `it is over ${MAX_PAGE_BYTES / 1024 / 1024} MB` };
    const bytes = readFileSync(full);
    if (bytes.subarray(0, 8000).includes(0)) return { kind: 'unreadable', reason: 'it is a binary file' };
    return { kind: 'found', text: strictUtf8.decode(bytes) };
  } catch (error) {
    return {
      kind: 'unreadable',
      reason: error instanceof TypeError ? 'it is not UTF-8 text' : (error as Error).message,
    };
  }
}
