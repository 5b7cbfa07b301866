import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';
import { CRITIC_MODES, type CriticMode } from '../markdown/critic.js';
import { dialectOf, type MarkdownDialect } from '../markdown/dialect.js';
import { slugify, type UnicodeSlugs } from '../slug.js';
import type { MacroValues } from '../macros.js';
import type { NotebookSettings } from '../notebooks.js';
import type { ProjectFile, SnippetSettings } from '../snippets.js';
import { isPageFile, MAX_PAGE_BYTES, type CourseSource, type Diagnostic, type SourceNavItem } from '../source.js';
import { awesomePagesNav, type PagesFile } from './awesome-pages.js';
import { literateNav, type NavFiles } from './literate-nav.js';
import { parseYaml } from './safe-yaml.js';

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
export class CourseSourceError extends Error {}

export const MAX_COURSE_FILES = 20_000;

const CONFIG_NAMES = ['mkdocs.yml', 'mkdocs.yaml'];

/** Extensions whose syntax Carrel compiles (or that only change styling MkDocs-side). */
const KNOWN_EXTENSIONS = new Set([
  'abbr',
  'admonition',
  'attr_list',
  'def_list',
  'footnotes',
  'md_in_html',
  'meta',
  'tables',
  'toc',
  'sane_lists',
  'fenced_code',
  'codehilite',
  'nl2br',
  'markdown.extensions.nl2br',
  'smarty',
  'markdown.extensions.smarty',
  'extra',
  'markdown.extensions.abbr',
  'markdown.extensions.admonition',
  'markdown.extensions.attr_list',
  'markdown.extensions.def_list',
  'markdown.extensions.footnotes',
  'markdown.extensions.md_in_html',
  'markdown.extensions.meta',
  'markdown.extensions.tables',
  'markdown.extensions.toc',
  'pymdownx.arithmatex',
  'pymdownx.betterem',
  'pymdownx.blocks.admonition',
  'pymdownx.blocks.caption',
  'pymdownx.blocks.definition',
  'pymdownx.blocks.details',
  'pymdownx.blocks.html',
  'pymdownx.blocks.tab',
  'pymdownx.caret',
  'pymdownx.critic',
  'pymdownx.details',
  'pymdownx.emoji',
  'pymdownx.highlight',
  'pymdownx.inlinehilite',
  'pymdownx.keys',
  'pymdownx.mark',
  'pymdownx.smartsymbols',
  'pymdownx.superfences',
  'pymdownx.tabbed',
  'pymdownx.tasklist',
  'pymdownx.tilde',
  'pymdownx.magiclink',
  'pymdownx.saneheaders',
  'pymdownx.snippets',
  'material.extensions.emoji',
  // Lists nested by two spaces, which Carrel reads already.
  'mdx_truly_sane_lists',
  // Ways of writing the site's files that change nothing a student reads.
  'pymdownx.b64',
  'pymdownx.pathconverter',
]);
/** Plugins that change nothing a student reads offline. */
const KNOWN_PLUGINS = new Set([
  'search',
  'offline',
  'privacy',
  'tags',
  'minify',
  'git-revision-date-localized',
  'git-revision-date',
  'social',
  'glightbox',
  'redirects',
  'rss',
  'mkdocs-jupyter',
  'macros',
  'awesome-pages',
  'literate-nav',
]);

export interface MkDocsConfig {
  siteName: string | undefined;
  docsDir: string;
  nav: unknown;
  /** pymdownx.snippets' settings when the project lists it. */
  snippets: SnippetSettings | undefined;
  /** The mkdocs-jupyter plugin's settings when the project lists it. */
  notebooks: NotebookSettings | undefined;
  /** The values of the mkdocs-macros plugin's variables when the project lists it. */
  macros: MacroValues | undefined;
  /** The name of the awesome-pages plugin's folder files (`.pages`) when the project lists it. */
  awesomePages: string | undefined;
  /** The name of the literate-nav plugin's nav files (`SUMMARY.md`) when the project lists it. */
  literateNav: string | undefined;
  dialect: MarkdownDialect;
  /**
   * exclude_docs (with draft_docs, which `mkdocs build` leaves out too) and not_in_nav:
   * gitignore-style patterns, one per line, relative to docs_dir.
   */
  excludeDocs: string | undefined;
  notInNav: string | undefined;
  diagnostics: Diagnostic[];
}

/** The entries of a plugins or markdown_extensions setting: names, each with its options. */
const namesOf = (list: unknown): { name: string; options: unknown }[] =>
  Array.isArray(list)
    ? list.flatMap((entry) =>
        typeof entry === 'string'
          ? [{ name: entry, options: undefined }]
          : entry && typeof entry === 'object'
            ? Object.entries(entry as Record<string, unknown>).map(([name, options]) => ({ name, options }))
            : [],
      )
    : list && typeof list === 'object'
      ? Object.entries(list as Record<string, unknown>).map(([name, options]) => ({ name, options }))
      : [];

const listOfStrings = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]).filter(
    (item): item is string => typeof item === 'string',
  );

/**
 * pymdownx.snippets' options. Base paths are relative to the project folder, where `mkdocs build`
 * runs; MkDocs' `!relative` reads as the page's own folder (an empty base path here),
 * `!relative $config_dir` as the project folder and `!relative $docs_dir` as the docs folder.
 */
function snippetSettings(options: unknown, docsDir: string): SnippetSettings {
  const settings = options && typeof options === 'object' ? (options as Record<string, unknown>) : {};
  const basePaths = listOfStrings(settings.base_path ?? ['.']).map((base) =>
    base === '$config_dir' ? '.' : base === '$docs_dir' ? docsDir : base.replace(/\\/g, '/'),
  );
  return {
    basePaths,
    checkPaths: settings.check_paths === true,
    autoAppend: listOfStrings(settings.auto_append),
  };
}

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

const SLUGIFY = /^([ \t]*)slugify:[ \t]*!!python\/(?:name|object\/apply):pymdownx\.slugs\.(\w+)(.*(?:\n\1[ \t]+.*)*)/m;

/**
 * toc's `slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}` (or one of
 * the older `uslugify`, `gfm`… names). YAML reads Python tags as nothing, so the setting is read
 * from the text: the function's name and the options written with it.
 */
export function unicodeSlugsOf(configText: string): { unicodeSlugs?: UnicodeSlugs } {
  const found = SLUGIFY.exec(configText);
  if (!found) return {};
  const [, , name, rest = ''] = found;
  const option = (key: string) => new RegExp(`\\b${key}[ \\t]*:[ \\t]*['"]?([\\w-]+)`).exec(rest)?.[1];
  const named: Record<string, Partial<UnicodeSlugs>> = {
    uslugify: { case: 'lower' },
    uslugify_encoded: { case: 'lower', percentEncode: true },
    uslugify_cased: {},
    uslugify_cased_encoded: { percentEncode: true },
    gfm: { case: 'lower-ascii' },
    gfm_encoded: { case: 'lower-ascii', percentEncode: true },
  };
  const preset = named[name!];
  if (name !== 'slugify' && !preset) return {};
  const caseOption = option('case');
  const normalize = option('normalize');
  return {
    unicodeSlugs: {
      case: (['none', 'lower', 'lower-ascii', 'fold'] as const).find((c) => c === caseOption) ?? preset?.case ?? 'none',
      normalize: (['NFC', 'NFD', 'NFKC', 'NFKD'] as const).find((n) => n === normalize) ?? 'NFC',
      percentEncode: preset?.percentEncode ?? /^(?:true|yes|on)$/i.test(option('percent_encode') ?? ''),
    },
  };
}

/** A setting that lists something (entries may be names or, in newer MkDocs, mappings). */
const isListed = (value: unknown) =>
  Array.isArray(value) ? value.length > 0 : typeof value === 'string' && value !== '';

/**
 * The name of the file a plugin reads in docs folders (awesome-pages' `.pages`, literate-nav's
 * `SUMMARY.md`): its option `option` when that is a plain file name `valid` accepts, else
 * `fallback`; undefined when the plugin is not listed.
 */
function pluginFileName(
  plugin: { options: unknown } | undefined,
  option: string,
  valid: RegExp,
  fallback: string,
): string | undefined {
  if (!plugin) return undefined;
  const name =
    plugin.options && typeof plugin.options === 'object'
      ? (plugin.options as Record<string, unknown>)[option]
      : undefined;
  return typeof name === 'string' && valid.test(name) ? name : fallback;
}

/** What mkdocs-macros' variables read: `extra:`, and the settings `config.<name>` reaches. */
function macroValues(settings: Record<string, unknown>): MacroValues {
  const extra =
    settings.extra && typeof settings.extra === 'object' && !Array.isArray(settings.extra) ? settings.extra : {};
  const config = Object.fromEntries(
    ['site_name', 'site_url', 'site_description', 'site_author', 'repo_url', 'repo_name', 'copyright']
      .filter((key) => typeof settings[key] === 'string')
      .map((key) => [key, settings[key]]),
  );
  return { extra: extra as Record<string, unknown>, config };
}

/** mkdocs-jupyter's options that change what a notebook page shows; it is never run. */
function notebookSettings(options: unknown, warn: (message: string, needle: string) => void): NotebookSettings {
  const settings = options && typeof options === 'object' ? (options as Record<string, unknown>) : {};
  if (settings.execute === true)
    warn(
      "mkdocs-jupyter's execute is not done: notebooks show the outputs saved in them; Carrel never runs code.",
      'execute',
    );
  return { hideInput: settings.no_input === true || settings.show_input === false };
}

/** The features mkdocs.yml's `theme:` switches on (Material's `features:` list). */
const themeFeatures = (theme: unknown): string[] =>
  theme && typeof theme === 'object' ? listOfStrings((theme as Record<string, unknown>).features) : [];

/** pymdownx.critic's mode: `view` (its default) shows the edits; `accept` and `reject` apply them. */
function criticMode(options: unknown, warn: (message: string, needle: string) => void): CriticMode {
  const mode = options && typeof options === 'object' ? (options as Record<string, unknown>).mode : undefined;
  if (mode === undefined) return 'view';
  if (CRITIC_MODES.includes(mode as CriticMode)) return mode as CriticMode;
  warn(
    `pymdownx.critic's mode must be view, accept or reject (it is ${JSON.stringify(mode)}); the edits are shown as in view.`,
    'pymdownx.critic',
  );
  return 'view';
}
/** Reads mkdocs.yml's text into the settings Carrel uses, with warnings for what it ignores. */
export function parseMkDocsConfig(text: string, configFile: string): MkDocsConfig {
  const parsed = parseYaml(text);
  if (parsed.error) throw new CourseSourceError(`${configFile} is not valid YAML: ${parsed.error}.`);
  const config = parsed.value;
  if (!config || typeof config !== 'object' || Array.isArray(config)) {
    throw new CourseSourceError(`${configFile} must be a YAML mapping with at least site_name.`);
  }
  const settings = config as Record<string, unknown>;
  const diagnostics: Diagnostic[] = [];
  const warn = (message: string, needle: string) =>
    diagnostics.push({ severity: 'warning', file: configFile, line: lineOfText(text, needle), message });
  for (const { name } of namesOf(settings.plugins)) {
    if (!KNOWN_PLUGINS.has(name)) warn(`The plugin "${name}" is not supported; pages are compiled without it.`, name);
  }
  for (const { name } of namesOf(settings.markdown_extensions)) {
    if (!KNOWN_EXTENSIONS.has(name))
      warn(`The Markdown extension "${name}" is not supported; its syntax shows as plain text.`, name);
  }
  // The site's own styles and scripts are not part of what Carrel shows: say so, once each.
  if (isListed(settings.extra_css))
    warn(
      "extra_css is not applied: pages show in Carrel's own style (custom colours and icons from it are missing).",
      'extra_css',
    );
  if (isListed(settings.extra_javascript))
    warn('extra_javascript is not run: course pages never run scripts.', 'extra_javascript');
  const siteName =
    typeof settings.site_name === 'string' && settings.site_name.trim() ? settings.site_name.trim() : undefined;
  if (!siteName) warn('mkdocs.yml has no site_name; the folder name is used as the course title.', 'site_name');
  const docsDir = settings.docs_dir === undefined || settings.docs_dir === null ? 'docs' : settings.docs_dir;
  if (typeof docsDir !== 'string' || !docsDir.trim())
    throw new CourseSourceError(`docs_dir in ${configFile} must be a folder name.`);
  const snippets = namesOf(settings.markdown_extensions).find((entry) => entry.name === 'pymdownx.snippets');
  const critic = namesOf(settings.markdown_extensions).find((entry) => entry.name === 'pymdownx.critic');
  const plugin = (name: string) => namesOf(settings.plugins).find((entry) => entry.name === name);
  const jupyter = plugin('mkdocs-jupyter');
  return {
    siteName,
    docsDir,
    nav: settings.nav,
    snippets: snippets ? snippetSettings(snippets.options, docsDir) : undefined,
    notebooks: jupyter ? notebookSettings(jupyter.options, warn) : undefined,
    macros: plugin('macros') ? macroValues(settings) : undefined,
    awesomePages: pluginFileName(plugin('awesome-pages'), 'filename', /^[^/\\]+$/, '.pages'),
    literateNav: pluginFileName(plugin('literate-nav'), 'nav_file', /^[^/\\]+\.md$/, 'SUMMARY.md'),
    dialect: {
      ...dialectOf(namesOf(settings.markdown_extensions).map((entry) => entry.name)),
      ...(critic ? { critic: criticMode(critic.options, warn) } : {}),
      ...(themeFeatures(settings.theme).includes('content.code.annotate') ? { codeAnnotations: true } : {}),
      ...unicodeSlugsOf(text),
    },
    excludeDocs:
      [settings.exclude_docs, settings.draft_docs].filter((patterns) => typeof patterns === 'string').join('\n') ||
      undefined,
    notInNav: typeof settings.not_in_nav === 'string' ? settings.not_in_nav : undefined,
    diagnostics,
  };
}

/** The title MkDocs gives a folder in a nav it builds itself: `getting_started` -> `Getting started`. */
export function folderTitle(name: string): string {
  const words = name.replace(/[-_]/g, ' ');
  return words === words.toLowerCase() ? words.charAt(0).toUpperCase() + words.slice(1) : words;
}

const isIndex = (file: string) => /^(index|README)\.md$/i.test(path.posix.basename(file));
const isUrl = (text: string) => /^[a-z][a-z0-9+.-]*:/i.test(text) || text.startsWith('//');

/** MkDocs' nav for a project without one: see the module comment. */
export function defaultNav(markdownFiles: string[], dir = ''): SourceNavItem[] {
  const prefix = dir ? `${dir}/` : '';
  const here = markdownFiles.filter((f) => f.startsWith(prefix) && !f.slice(prefix.length).includes('/'));
  // index.md opens its folder; README.md does when there is no index.md, and is dropped when there is.
  const index = here.find((f) => path.posix.basename(f) === 'index.md') ?? here.find(isIndex);
  const sorted = [...(index ? [index] : []), ...here.filter((f) => !isIndex(f)).sort()];
  const folders = [
    ...new Set(
      markdownFiles
        .filter((f) => f.startsWith(prefix) && f.slice(prefix.length).includes('/'))
        .map((f) => f.slice(prefix.length).split('/')[0]!),
    ),
  ].sort();
  return [
    ...sorted.map((file): SourceNavItem => ({ kind: 'page', path: file })),
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
