import type { MarkdownDialect } from './markdown/dialect.js';
import type { MacroValues } from './macros.js';
import type { NotebookSettings } from './notebooks.js';
import type { SnippetFiles, SnippetSettings } from './snippets.js';

/**
 * A course before compilation: where its files are and how its pages are arranged. The bundled
 * course describes itself with content/course.json; MkDocs projects are read from mkdocs.yml.
 */
export interface SourceNavPage {
  kind: 'page';
  title?: string;
  path: string;
  /** Where the nav names the page, for diagnostics. */
  line?: number;
}

export interface SourceNavGroup {
  kind: 'group';
  title: string;
  children: SourceNavItem[];
}

export interface SourceNavLink {
  kind: 'link';
  title: string;
  url: string;
}

export type SourceNavItem = SourceNavPage | SourceNavGroup | SourceNavLink;

export interface CourseSource {
  id: string;
  title: string;
  nav: SourceNavItem[];
  /** What reading the project itself found (mkdocs.yml), before any page is compiled. */
  diagnostics: Diagnostic[];
  /** Reads a file of the course by its path relative to the docs folder (forward slashes). */
  readFile(relativePath: string): Buffer | undefined;
  hasFile(relativePath: string): boolean;
  /** Every page file of the docs folder (.md, and .ipynb with notebooks), including those the nav leaves out. */
  markdownFiles(): string[];
  /** How to name a docs file to the instructor: its path relative to the course folder. */
  displayPath(relativePath: string): string;
  /** The file that describes the course (mkdocs.yml), as displayPath names files. */
  configFile: string;
  /**
   * When the project uses pymdownx.snippets: its settings, and the project's files by their path
   * relative to the course folder (which is how displayPath names them too).
   */
  snippets?: { settings: SnippetSettings; files: SnippetFiles };
  /** When the project uses the mkdocs-macros plugin: the values its `{{ variables }}` take. */
  macros?: MacroValues;
  /** When the project shows Jupyter notebooks as pages (the mkdocs-jupyter plugin): how. */
  notebooks?: NotebookSettings;
  /** How the project's Markdown reads; Python-Markdown's defaults when absent. */
  dialect?: MarkdownDialect;
  /** Pages the project keeps out of its nav on purpose (MkDocs' not_in_nav): no warning for those. */
  meantOutsideNav?(docsPath: string): boolean;
}

/** Where a diagnostic points: a file of the course (relative to the course folder) and, when known, a line in it. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  file: string;
  line?: number;
  message: string;
}

/** Pages larger than this are refused: no course page needs it, and it keeps imports bounded. */
export const MAX_PAGE_BYTES = 5 * 1024 * 1024;
/**
 * Notebooks carry their outputs' pictures inside them (a plot is a few hundred KB of base64), so
 * they may be larger; what becomes the page's text is small.
 */
export const MAX_NOTEBOOK_BYTES = 50 * 1024 * 1024;

/** Whether a docs file is a page: Markdown, and notebooks where the course shows them. */
export const isPageFile = (docsPath: string, notebooks: boolean) =>
  docsPath.endsWith('.md') || (notebooks && docsPath.endsWith('.ipynb'));
