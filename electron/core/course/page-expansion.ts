import { renderMacros } from './macros.js';
import { NotebookError, notebookPage } from './notebooks.js';
import { expandSnippets, type ExpandedPage } from './snippets.js';
import type { CourseSource, Diagnostic } from './source.js';

export interface PageText {
  text: string;
  pagePath: string;
  displayPath: string;
  /** The nav's title for the page, which mkdocs-macros' `page.title` reads. */
  navTitle: string | undefined;
}

export interface ExpansionSink {
  diagnostic(diagnostic: Diagnostic): void;
  /** A course file made while the page was read (a notebook output's picture). */
  generated(docsPath: string, bytes: Buffer): void;
}

/**
 * A page's Markdown with everything the project draws into it, in the order MkDocs does: a
 * notebook turned into Markdown (notebooks.ts), or mkdocs-macros' variables filled in and then
 * pymdownx.snippets included. Undefined when the page cannot be read at all (reported).
 */
export function expandPage(source: CourseSource, page: PageText, sink: ExpansionSink): ExpandedPage | undefined {
  const { text, pagePath, displayPath } = page;
  if (source.notebooks && pagePath.endsWith('.ipynb')) {
    try {
      const notebook = notebookPage(text, pagePath, source.notebooks);
      for (const [file, bytes] of notebook.outputs) sink.generated(file, bytes);
      return { markdown: notebook.markdown, origins: notebook.origins.map((line) => ({ file: displayPath, line })) };
    } catch (error) {
      if (!(error instanceof NotebookError)) throw error;
      sink.diagnostic({ severity: 'error', file: displayPath, message: `${displayPath} ${error.message}.` });
      return undefined;
    }
  }
  const markdown = source.macros
    ? renderMacros(text, source.macros, page.navTitle, ({ line, message }) =>
        sink.diagnostic({ severity: 'warning', file: displayPath, line, message }),
      )
    : text;
  if (!source.snippets) return { markdown, origins: undefined };
  return expandSnippets(markdown, displayPath, source.snippets.settings, source.snippets.files, sink.diagnostic);
}
