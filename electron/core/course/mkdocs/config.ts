import { CRITIC_MODES, type CriticMode } from '../markdown/critic.js';
import { dialectOf, type MarkdownDialect } from '../markdown/dialect.js';
import type { MacroValues } from '../macros.js';
import type { NotebookSettings } from '../notebooks.js';
import type { UnicodeSlugs } from '../slug.js';
import type { SnippetSettings } from '../snippets.js';
import type { Diagnostic } from '../source.js';
import { lineOfText } from './nav.js';
import { parseYaml } from './safe-yaml.js';
import { CourseSourceError } from './source-error.js';

/**
 * mkdocs.yml read into what Carrel uses: the course title, docs folder and nav, how the project's
 * Markdown reads, and the settings of the extensions and plugins Carrel follows. Python tags in
 * the YAML are read as nothing and never run; what Carrel does not follow is reported.
 */

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
