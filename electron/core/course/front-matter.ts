import { parseYaml } from './mkdocs/safe-yaml.js';

/**
 * MkDocs' page meta-data: a YAML block between `---` lines at the very top of a page. Only
 * `title` changes the compiled page; the block itself is never shown.
 */
export interface FrontMatter {
  body: string;
  /** The line of the page where `body` starts, so diagnostics point at the right place. */
  bodyLine: number;
  title: string | undefined;
  /** Every value of the block (mkdocs-macros reads them as variables); empty without one. */
  meta: Record<string, unknown>;
  problem: string | undefined;
}

const BLOCK = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;

export function parseFrontMatter(markdown: string): FrontMatter {
  const match = markdown.startsWith('---') ? BLOCK.exec(markdown) : null;
  if (!match) return { body: markdown, bodyLine: 1, title: undefined, meta: {}, problem: undefined };
  const bodyLine = match[0].split('\n').length - (match[0].endsWith('\n') ? 1 : 0) + 1;
  const parsed = parseYaml(match[1]!);
  const value = parsed.value;
  const meta = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const title = typeof meta.title === 'string' ? meta.title : undefined;
  return {
    body: markdown.slice(match[0].length),
    bodyLine,
    title,
    meta,
    problem: parsed.error ? `The page's meta-data block is not valid YAML and is ignored: ${parsed.error}` : undefined,
  };
}
