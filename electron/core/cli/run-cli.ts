import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { compileCourse, type CompiledCourse } from '../course/compile-course.js';
import { CourseSourceError, loadMkDocsSource } from '../course/mkdocs/mkdocs-source.js';
import { packFileBytes } from '../course/pack-format.js';
import { loadShortcodes } from '../course/shortcode-data.js';
import { checkReportJson, formatCheckReport, summaryLine } from './check-report.js';

/**
 * `carrel check DIR [--json]` and `carrel pack DIR -o FILE.carrel`, for instructors. Exit codes:
 * 0 when the course has no errors, 1 when it has (or cannot be read), 2 for a wrong command line.
 */
export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

const USAGE = `Usage:
  carrel check DIR [--json]       report problems in the MkDocs course in DIR
  carrel pack DIR -o FILE.carrel  compile the course in DIR into one course pack file

DIR is an MkDocs project: the folder with mkdocs.yml.`;

/** Courses with at least this many pages show progress while they compile. */
const PROGRESS_FROM_PAGES = 100;

class UsageError extends Error {}

function compile(dir: string, out: CliOutput, showProgress: boolean): CompiledCourse {
  const source = loadMkDocsSource(dir);
  let shown = -1;
  return compileCourse(source, {
    shortcodes: loadShortcodes(),
    onProgress: (fraction) => {
      const step = Math.floor(fraction * 10);
      if (!showProgress || step === shown) return;
      shown = step;
      out.stderr(`Compiling ${source.title}: ${step * 10}%\n`);
    },
  });
}

const countPages = (dir: string) => loadMkDocsSource(dir).markdownFiles().length;

function check(args: string[], out: CliOutput): number {
  const { values, positionals } = parseArgs({
    args,
    options: { json: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new UsageError('carrel check needs exactly one course folder.');
  const dir = positionals[0]!;
  const course = compile(dir, out, !values.json && countPages(dir) >= PROGRESS_FROM_PAGES);
  if (values.json) out.stdout(`${JSON.stringify(checkReportJson(course), null, 2)}\n`);
  else out.stdout(formatCheckReport(course));
  return course.report.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

function pack(args: string[], out: CliOutput): number {
  const { values, positionals } = parseArgs({
    args,
    options: { output: { type: 'string', short: 'o' } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new UsageError('carrel pack needs exactly one course folder.');
  if (!values.output) throw new UsageError('carrel pack needs -o FILE.carrel, the pack file to write.');
  if (!values.output.endsWith('.carrel'))
    throw new UsageError(`The pack file should end in .carrel (got ${values.output}).`);
  const dir = positionals[0]!;
  const course = compile(dir, out, countPages(dir) >= PROGRESS_FROM_PAGES);
  if (course.report.diagnostics.some((d) => d.severity === 'error')) {
    out.stderr(formatCheckReport(course));
    out.stderr('No pack was written: fix the errors above first.\n');
    return 1;
  }
  const bytes = packFileBytes(course);
  const target = path.resolve(values.output);
  // Written beside the target and renamed, so an interrupted pack never leaves half a file.
  const partial = `${target}.partial`;
  writeFileSync(partial, bytes);
  renameSync(partial, target);
  const warnings = course.report.diagnostics.filter((d) => d.severity === 'warning');
  if (warnings.length) out.stderr(formatCheckReport(course));
  out.stdout(
    `Packed "${course.manifest.title}" into ${values.output} (${(bytes.length / 1024).toFixed(0)} KB): ${summaryLine(course)}.\n`,
  );
  return 0;
}

export function runCli(argv: string[], out: CliOutput): number {
  const [command, ...rest] = argv;
  try {
    if (command === 'check') return check(rest, out);
    if (command === 'pack') return pack(rest, out);
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      out.stdout(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    throw new UsageError(`Unknown command "${command}".`);
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      out.stderr(`${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof CourseSourceError) {
      out.stderr(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
