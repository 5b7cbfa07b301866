import type { UnicodeSlugs } from '../slug.js';
import type { CriticMode } from './critic.js';

/**
 * The switches in a project's mkdocs.yml that change how the same Markdown reads. Everything else
 * Carrel knows is always on; these differ from one MkDocs site to the next, so they follow the
 * project (a course with no mkdocs.yml reads as Python-Markdown does by default).
 */
export interface MarkdownDialect {
  /**
   * pymdownx.saneheaders: `#Heading` is a heading only with a space after the hashes. Without it,
   * Python-Markdown reads `#Heading` as a heading too.
   */
  saneHeaders: boolean;
  /** pymdownx.smartsymbols: `(c)` -> ©, `-->` -> →, `1/2` -> ½, `2nd` -> 2<sup>nd</sup>… */
  smartSymbols: boolean;
  /** nl2br: every line break inside a paragraph is kept, not only those after two spaces. */
  newlineBreaks: boolean;
  /** smarty: `--` and `---` become dashes, `...` an ellipsis, straight quotes curly ones. */
  smarty: boolean;
  /** toc's `slugify: pymdownx.slugs.slugify`: heading ids keep letters beyond ASCII. */
  unicodeSlugs?: UnicodeSlugs;
  /** pymdownx.critic's mode when the project lists it: `{++insert++}` and the other edit marks. */
  critic?: CriticMode;
  /** Material's `content.code.annotate` feature: every code block may hold annotation markers. */
  codeAnnotations?: boolean;
}

export const PYTHON_MARKDOWN_DIALECT: MarkdownDialect = {
  saneHeaders: false,
  smartSymbols: false,
  newlineBreaks: false,
  smarty: false,
};

/** The dialect of a project whose mkdocs.yml lists `extensions` under markdown_extensions. */
export function dialectOf(extensions: readonly string[]): MarkdownDialect {
  return {
    saneHeaders: extensions.includes('pymdownx.saneheaders'),
    smartSymbols: extensions.includes('pymdownx.smartsymbols'),
    newlineBreaks: extensions.includes('nl2br') || extensions.includes('markdown.extensions.nl2br'),
    smarty: extensions.includes('smarty') || extensions.includes('markdown.extensions.smarty'),
  };
}
