import path from 'node:path/posix';
import { escapeText } from './markup-escape.js';

/**
 * Jupyter notebooks as pages, as the mkdocs-jupyter plugin shows them: a notebook's Markdown cells
 * are its text, its code cells highlighted code, and each cell's saved outputs follow it: printed
 * text, tables (the HTML a library like pandas writes), pictures, formulas and errors. Nothing is
 * ever run: a notebook shows what it held when it was saved.
 *
 * A notebook is turned into Markdown that the page compiler reads like any page. Pictures in
 * outputs and cell attachments become course files of their own under `<notebook>-outputs/`, so
 * they are packed and shown like any picture; what a check reports is pointed back at the line of
 * the notebook file where the cell's source is written.
 */

export interface NotebookSettings {
  /** mkdocs-jupyter's `no_input` (or `show_input: false`): only the outputs are shown. */
  hideInput: boolean;
}

export interface NotebookPage {
  markdown: string;
  /** The files the outputs became, by their path relative to the docs folder. */
  outputs: Map<string, Buffer>;
  /** For each line of `markdown`, the line of the notebook file it comes from. */
  origins: number[];
}

type Multiline = string | string[];
interface Cell {
  cell_type?: unknown;
  source?: Multiline;
  outputs?: Output[];
  attachments?: Record<string, Record<string, Multiline>>;
}
interface Output {
  output_type?: unknown;
  name?: unknown;
  text?: Multiline;
  data?: Record<string, Multiline>;
  ename?: unknown;
  evalue?: unknown;
  traceback?: unknown;
}

export class NotebookError extends Error {}

const joined = (value: Multiline | undefined) =>
  Array.isArray(value) ? value.join('') : typeof value === 'string' ? value : '';

const IMAGE_TYPES: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/svg+xml': 'svg',
};

/** Terminal colour codes in tracebacks, which a page cannot show. */
const ANSI = new RegExp(`${String.fromCharCode(0x1b)}\\[[0-9;]*[A-Za-z]`, 'g');

/** A fence longer than any run of backticks in the code it holds. */
function fenceFor(code: string): string {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((run) => run[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/**
 * Preformatted output, as raw HTML the Markdown reader leaves alone: a `<pre>` block runs to its
 * closing tag, blank lines included.
 */
const preformatted = (text: string, kind: string) =>
  `<pre class="nb-output${kind ? ` ${kind}` : ''}"><code>${escapeText(text.replace(/\n$/, ''))}</code></pre>`;

/**
 * An HTML output as one HTML block: a blank line would end the block and leave the rest to be
 * read as Markdown, so blank lines hold an empty comment instead.
 */
const htmlBlock = (html: string) =>
  `<div class="nb-output nb-html">\n${html.trim().replace(/\n[ \t]*(?=\n)/g, '\n<!-- -->')}\n</div>`;

/** The line of the notebook file where each cell's `"source"` is written (nbformat writes one key per line). */
function sourceLines(text: string, cells: number): number[] {
  const lines: number[] = [];
  let line = 1;
  let from = 0;
  for (let cell = 0; cell < cells; cell++) {
    const at = text.indexOf('"source"', from);
    if (at === -1) break;
    for (let i = text.indexOf('\n', from); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) line++;
    lines.push(line);
    from = at + 1;
  }
  return lines;
}

/** The notebook `text` (the file `pagePath`) as Markdown, with its outputs as files. */
export function notebookPage(text: string, pagePath: string, settings: NotebookSettings): NotebookPage {
  let notebook: {
    cells?: unknown;
    metadata?: { kernelspec?: { language?: unknown }; language_info?: { name?: unknown } };
  };
  try {
    notebook = JSON.parse(text) as typeof notebook;
  } catch (error) {
    throw new NotebookError(`is not a notebook: its JSON does not parse (${(error as Error).message})`);
  }
  if (!notebook || typeof notebook !== 'object' || !Array.isArray(notebook.cells))
    throw new NotebookError('is not a notebook: it has no list of cells');
  const cells = notebook.cells as Cell[];
  const spec = notebook.metadata?.kernelspec?.language ?? notebook.metadata?.language_info?.name;
  const language = typeof spec === 'string' && /^[\w+#.-]+$/.test(spec) ? spec.toLowerCase() : 'python';
  const cellLines = sourceLines(text, cells.length);
  const outputDir = `${path.basename(pagePath)}-outputs`;
  const outputs = new Map<string, Buffer>();
  const parts: { text: string; line: number; perLine: boolean }[] = [];

  /** Stores a picture; the Markdown that shows it, relative to the page. */
  const picture = (name: string, mime: string, data: Multiline, alt: string): string | undefined => {
    const extension = IMAGE_TYPES[mime];
    if (!extension) return undefined;
    const file = `${outputDir}/${name}.${extension}`;
    const bytes =
      mime === 'image/svg+xml'
        ? Buffer.from(joined(data), 'utf8')
        : Buffer.from(joined(data).replace(/\s+/g, ''), 'base64');
    outputs.set(path.join(path.dirname(pagePath), file), bytes);
    return `![${alt}](${file.split('/').map(encodeURIComponent).join('/')})`;
  };

  cells.forEach((cell, index) => {
    const line = cellLines[index] ?? 1;
    const source = joined(cell.source);
    if (cell.cell_type === 'markdown') {
      // Attached pictures (`attachment:plot.png`) are files of their own, like outputs.
      const markdown = source.replace(/\(attachment:([^)\s]+)\)/g, (whole, name: string) => {
        const attachment = cell.attachments?.[decodeURIComponent(name)];
        const mime = attachment && Object.keys(attachment).find((type) => type in IMAGE_TYPES);
        const base = name.replace(/\.[^.]*$/, '').replace(/[^\w-]/g, '_');
        const shown = mime && picture(`cell-${index + 1}-${base}`, mime, attachment[mime]!, '');
        return shown ? shown.slice(shown.indexOf('(')) : whole;
      });
      // The cell's first line is written on the line after its "source" key.
      parts.push({ text: markdown, line: line + 1, perLine: true });
      return;
    }
    if (cell.cell_type !== 'code') return;
    if (!settings.hideInput && source.trim()) {
      const fence = fenceFor(source);
      // The fence stands for the "source" key's line; the code's lines follow it, as in the file.
      parts.push({ text: `${fence}${language}\n${source.replace(/\n$/, '')}\n${fence}`, line, perLine: true });
    }
    (cell.outputs ?? []).forEach((output, number) => {
      const shown = outputMarkdown(output, (mime, data) =>
        picture(`cell-${index + 1}-output-${number + 1}`, mime, data, `Output ${number + 1} of cell ${index + 1}`),
      );
      if (shown) parts.push({ text: shown, line, perLine: false });
    });
  });

  let markdown = '';
  const origins: number[] = [];
  for (const part of parts) {
    const lines = part.text.split('\n');
    lines.forEach((_, i) => origins.push(part.perLine ? part.line + i : part.line));
    origins.push(part.line + (part.perLine ? lines.length - 1 : 0));
    markdown += `${part.text}\n\n`;
  }
  return { markdown, outputs, origins };
}

/** One output as Markdown: the richest representation a page can show. */
function outputMarkdown(
  output: Output,
  picture: (mime: string, data: Multiline) => string | undefined,
): string | undefined {
  if (output.output_type === 'stream') {
    const text = joined(output.text);
    return text ? preformatted(text, output.name === 'stderr' ? 'nb-stderr' : '') : undefined;
  }
  if (output.output_type === 'error') {
    const traceback = Array.isArray(output.traceback)
      ? output.traceback.filter((l) => typeof l === 'string').join('\n')
      : '';
    const text = (traceback || `${String(output.ename ?? 'Error')}: ${String(output.evalue ?? '')}`).replace(ANSI, '');
    return preformatted(text, 'nb-error');
  }
  const data = output.data;
  if (!data || typeof data !== 'object') return undefined;
  for (const mime of Object.keys(IMAGE_TYPES)) if (data[mime] !== undefined) return picture(mime, data[mime]!);
  const html = data['text/html'] === undefined ? undefined : joined(data['text/html']);
  // Interactive widgets are script: what they would draw is not there offline, their text is.
  if (html && !/<script\b/i.test(html)) return htmlBlock(html);
  if (data['text/markdown'] !== undefined) return joined(data['text/markdown']);
  if (data['text/latex'] !== undefined) return joined(data['text/latex']);
  if (data['text/plain'] !== undefined) return preformatted(joined(data['text/plain']), '');
  return html ? htmlBlock(html) : undefined;
}
