import path from 'node:path/posix';
import type { Diagnostic } from './source.js';
import { MAX_PAGE_BYTES } from './source.js';

/**
 * pymdownx.snippets: lines that pull other files into a page before it is read as Markdown.
 *
 *   --8<-- "glossary.md"          the whole file, indented as the line is
 *   --8<-- "notes.md:intro"       the part between `--8<-- [start:intro]` and `--8<-- [end:intro]`
 *   --8<-- "script.py:3:8"        lines 3 to 8 (`:3` or `:3:` to the end, `::8` from the start)
 *   --8<--                        a block: one file per line (a blank line stays blank,
 *   a.md                          a line starting `; ` is left out)
 *   b.md
 *   --8<--
 *   ;--8<-- "a.md"                shown as written, without the `;`
 *
 * Paths are relative to the base paths (the project folder unless `base_path` says otherwise),
 * the first base path holding the file wins, and nothing outside the project folder is read. A
 * file already being included is not included again inside itself. Files from the web are never
 * fetched: Carrel compiles offline. What cannot be included is reported (an error when the
 * project sets `check_paths`, as MkDocs then stops), and the line is dropped, as MkDocs drops it.
 */
export interface SnippetSettings {
  /**
   * Folders (or single files) the paths are relative to, relative to the project folder; an
   * empty one is the folder of the page being compiled.
   */
  basePaths: string[];
  /** Whether a snippet that cannot be included is an error rather than a warning. */
  checkPaths: boolean;
  /** Files appended to every page. */
  autoAppend: string[];
}

export type ProjectFile =
  | { kind: 'found'; text: string }
  | { kind: 'missing' }
  | { kind: 'outside' }
  | { kind: 'unreadable'; reason: string };

export interface SnippetFiles {
  /** A file by its path relative to the project folder (forward slashes, normalized). */
  read(projectPath: string): ProjectFile;
}

/** Where a line of the expanded page was written: a file (as reports name files) and line. */
export interface LineOrigin {
  file: string;
  line: number;
}

export interface ExpandedPage {
  markdown: string;
  /** The origin of each line of `markdown`; undefined when the page names no snippet. */
  origins: LineOrigin[] | undefined;
}

const SCISSORS = /-{2,}8<-{2,}/.source;
/** A single-line snippet: indentation, scissors, a quoted path, nothing after. */
const INLINE_SNIPPET = new RegExp(`^([ \\t]*)(;?)${SCISSORS}[ \\t]+("(?:\\\\"|[^"\\n])+?"|'(?:\\\\'|[^'\\n])+?')$`);
/** The line that opens or closes a block of paths. */
const BLOCK_MARKER = new RegExp(`^([ \\t]*)(;?)${SCISSORS}$`);
/** `--8<-- [start:name]` and `--8<-- [end:name]`, possibly inside a comment of a code file. */
const SECTION_MARKER = new RegExp(`${SCISSORS}[ \\t]*\\[[ \\t]*(start|end)[ \\t]*:[ \\t]*([a-z][-_0-9a-z]*)[ \\t]*\\]`, 'i');
const LINE_RANGE = /^(.*?):(\d*)(?::(\d*))?$/;
const SECTION_NAME = /^(.*?):([a-z][-_0-9a-z]*)$/i;
const REMOTE = /^https?:\/\//i;
const TAB_WIDTH = 4;

const expandTabs = (space: string) => {
  let column = 0;
  for (const character of space) column = character === '\t' ? column + TAB_WIDTH - (column % TAB_WIDTH) : column + 1;
  return ' '.repeat(column);
};

interface Wanted {
  file: string;
  section?: string;
  from?: number;
  to?: number;
}

/** Splits `file.md:name` and `file.py:3:8` into the file and what part of it is wanted. */
function parseTarget(target: string): Wanted {
  const range = LINE_RANGE.exec(target);
  if (range && (range[2] || range[3])) {
    return {
      file: range[1]!,
      ...(range[2] ? { from: Number(range[2]) } : {}),
      ...(range[3] ? { to: Number(range[3]) } : {}),
    };
  }
  const section = SECTION_NAME.exec(target);
  if (section && section[1]) return { file: section[1], section: section[2]! };
  return { file: target };
}

/**
 * The lines of `text` that `wanted` asks for, section markers left out; undefined when the
 * section is not in the file.
 */
function pick(lines: string[], wanted: Wanted): { line: string; number: number }[] | undefined {
  const numbered = lines.map((line, index) => ({ line, number: index + 1 }));
  let picked = numbered;
  if (wanted.section) {
    const name = wanted.section.toLowerCase();
    const marker = (entry: { line: string }, kind: string) => {
      const found = SECTION_MARKER.exec(entry.line);
      return found !== null && found[1]!.toLowerCase() === kind && found[2]!.toLowerCase() === name;
    };
    const start = numbered.findIndex((entry) => marker(entry, 'start'));
    if (start === -1) return undefined;
    const end = numbered.findIndex((entry, index) => index > start && marker(entry, 'end'));
    picked = numbered.slice(start + 1, end === -1 ? undefined : end);
  } else if (wanted.from !== undefined || wanted.to !== undefined) {
    picked = numbered.slice(Math.max(0, (wanted.from ?? 1) - 1), wanted.to ?? undefined);
  }
  return picked.filter((entry) => !SECTION_MARKER.test(entry.line));
}

/** Where `file` is within the project for one base path; undefined when it would leave the project. */
function underBase(base: string, file: string): string | undefined {
  const joined = path.normalize(path.join(base, file));
  return joined === '..' || joined.startsWith('../') || path.isAbsolute(joined) ? undefined : joined;
}

/**
 * Expands the snippets of one page. `pageFile` names the page in reports; `report` receives what
 * could not be included.
 */
export function expandSnippets(
  markdown: string,
  pageFile: string,
  settings: SnippetSettings,
  files: SnippetFiles,
  report: (diagnostic: Diagnostic) => void,
): ExpandedPage {
  const appended = settings.autoAppend.length ? `\n\n--8<--\n${settings.autoAppend.join('\n\n')}\n--8<--\n` : '';
  const source = markdown + appended;
  if (!source.includes('8<-')) return { markdown, origins: undefined };

  const out: string[] = [];
  const origins: LineOrigin[] = [];
  let size = 0;
  let tooLarge = false;
  const problem = (origin: LineOrigin, message: string, severity: Diagnostic['severity'] = 'warning') =>
    report({ severity, file: origin.file, line: origin.line, message });
  const cannotInclude = (origin: LineOrigin, message: string) =>
    problem(origin, message, settings.checkPaths ? 'error' : 'warning');

  /** The line of the page being expanded, where a page that grows too large is reported. */
  let pageLine: LineOrigin = { file: pageFile, line: 1 };

  function emit(line: string, origin: LineOrigin): void {
    size += line.length + 1;
    if (size > MAX_PAGE_BYTES) {
      if (!tooLarge)
        problem(
          pageLine,
          `${pageFile} grows past ${MAX_PAGE_BYTES / 1024 / 1024} MB with its snippets; the rest is left out.`,
          'error',
        );
      tooLarge = true;
      return;
    }
    out.push(line);
    origins.push(origin);
  }

  function include(target: string, indent: string, origin: LineOrigin, stack: string[]): void {
    if (REMOTE.test(target)) {
      cannotInclude(origin, `The snippet ${target} is on the web; Carrel compiles offline, so it is left out.`);
      return;
    }
    const wanted = parseTarget(target);
    if (path.isAbsolute(wanted.file) || /^[a-z]:[\\/]/i.test(wanted.file)) {
      cannotInclude(origin, `The snippet ${wanted.file} is outside the course folder; it is left out.`);
      return;
    }
    let found: { projectPath: string; text: string } | undefined;
    let outside = false;
    for (const basePath of settings.basePaths) {
      // An empty base path is the page's own folder (MkDocs' `!relative`).
      const base = basePath === '' ? path.dirname(pageFile) : basePath;
      // A base path may name one file, which then answers to its own name only.
      const candidate =
        path.extname(base) && path.basename(base).toLowerCase() === wanted.file.toLowerCase()
          ? base
          : underBase(base, wanted.file);
      if (candidate === undefined) {
        outside = true;
        continue;
      }
      const read = files.read(candidate);
      if (read.kind === 'found') {
        found = { projectPath: candidate, text: read.text };
        break;
      }
      if (read.kind === 'outside') outside = true;
      if (read.kind === 'unreadable') {
        cannotInclude(origin, `The snippet ${wanted.file} could not be included: ${read.reason}.`);
        return;
      }
    }
    if (!found) {
      cannotInclude(
        origin,
        outside
          ? `The snippet ${wanted.file} is outside the course folder; it is left out.`
          : `The snippet ${wanted.file} was not found; nothing is included.`,
      );
      return;
    }
    // A file already being included is skipped inside itself, as pymdownx skips it.
    if (stack.includes(found.projectPath)) return;
    const lines = found.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
    const picked = pick(lines, wanted);
    if (!picked) {
      cannotInclude(origin, `The snippet ${wanted.file} has no section "${wanted.section}"; nothing is included.`);
      return;
    }
    expand(
      picked.map((entry) => entry.line),
      picked.map((entry) => ({ file: found.projectPath, line: entry.number })),
      indent,
      [...stack, found.projectPath],
    );
  }

  function expand(lines: string[], lineOrigins: LineOrigin[], indent: string, stack: string[]): void {
    let inBlock = false;
    lines.forEach((line, index) => {
      if (tooLarge) return;
      const origin = lineOrigins[index]!;
      if (stack.length === 0) pageLine = origin;
      const single = INLINE_SNIPPET.exec(line);
      const marker = single ? undefined : BLOCK_MARKER.exec(line);
      if (single?.[2] || marker?.[2]) {
        // `;--8<--` shows the line as written, less the `;`.
        emit(indent + line.replace(';', ''), origin);
        return;
      }
      if (marker) {
        inBlock = !inBlock;
        return;
      }
      if (single) {
        // A single-line snippet inside a block is not read.
        if (!inBlock) include(single[3]!.slice(1, -1).trim(), indent + expandTabs(single[1]!), origin, stack);
        return;
      }
      if (!inBlock) {
        emit(indent + line, origin);
        return;
      }
      // Inside a block every line names a file, indented as the content is to be.
      const target = line.trim();
      if (!target) emit('', origin);
      else if (!target.startsWith('; '))
        include(target, indent + expandTabs(/^[ \t]*/.exec(line)![0]), origin, stack);
    });
  }

  const pageLines = source.split('\n');
  const pageOrigins = pageLines.map((_, index) => ({ file: pageFile, line: index + 1 }));
  // auto_append's lines belong to no line of the page: they are reported at its last line.
  const lastLine = markdown.split('\n').length;
  for (let index = lastLine; index < pageOrigins.length; index++) pageOrigins[index] = { file: pageFile, line: lastLine };
  expand(pageLines, pageOrigins, '', []);
  return { markdown: out.join('\n'), origins };
}
