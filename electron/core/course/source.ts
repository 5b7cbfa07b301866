/**
 * A course before compilation: where its files are and how its pages are arranged. The bundled
 * course describes itself with content/course.json; MkDocs projects are read from mkdocs.yml.
 */
export interface SourceNavPage {
  kind: 'page';
  title?: string;
  path: string;
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
  /** Reads a file of the course by its path relative to the docs folder (forward slashes). */
  readFile(relativePath: string): Buffer | undefined;
}

/** Where a diagnostic points: a file of the course and, when known, a line in it. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  file: string;
  line?: number;
  message: string;
}
