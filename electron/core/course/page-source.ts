import type { CourseSource, Diagnostic } from './source.js';
import { MAX_NOTEBOOK_BYTES, MAX_PAGE_BYTES } from './source.js';
import { firstInvalidUtf8, lineAtByte } from './utf8.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * A page's Markdown as the compiler reads it (UTF-8, byte order mark dropped, line ends made
 * `\n`), or the error that says why it cannot be compiled: unreadable, too large, binary, or not
 * UTF-8 (with the line of the first bad byte).
 */
export function readPageMarkdown(source: CourseSource, pagePath: string): string | Diagnostic {
  const file = source.displayPath(pagePath);
  const bytes = source.readFile(pagePath);
  const fail = (message: string, line?: number): Diagnostic => ({
    severity: 'error',
    file,
    ...(line ? { line } : {}),
    message,
  });
  if (!bytes) return fail(`${file} could not be read.`);
  const limit = pagePath.endsWith('.ipynb') ? MAX_NOTEBOOK_BYTES : MAX_PAGE_BYTES;
  if (bytes.length > limit) {
    return fail(
      `${file} is ${megabytes(bytes.length)}; ${pagePath.endsWith('.ipynb') ? 'notebooks' : 'pages'} over ${megabytes(limit)} are not compiled. Split it into smaller ${pagePath.endsWith('.ipynb') ? 'notebooks' : 'pages'}.`,
    );
  }
  if (bytes.subarray(0, 8000).includes(0)) return fail(`${file} is a binary file, not Markdown text.`);
  try {
    return utf8
      .decode(bytes)
      .replace(/^\uFEFF/, '')
      .replace(/\r\n?/g, '\n');
  } catch {
    const offset = firstInvalidUtf8(bytes);
    return fail(
      `${file} is not UTF-8 text (line ${lineAtByte(bytes, offset)}); save it as UTF-8.`,
      lineAtByte(bytes, offset),
    );
  }
}
