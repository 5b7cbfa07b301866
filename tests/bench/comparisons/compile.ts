import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { marked } from 'marked';
import { compileCourse } from '../../../electron/core/course/compile-course.js';
import { loadMkDocsSource } from '../../../electron/core/course/mkdocs/mkdocs-source.js';
import { packFileBytes } from '../../../electron/core/course/pack-format.js';
import { loadShortcodes } from '../../../electron/core/course/shortcode-data.js';
import { compare, elapsed, median, time, type BenchContext, type Comparison } from '../comparison.js';
import { writeMkdocsProject } from '../corpus.js';

/**
 * The course compiler on the generated corpus: Carrel's whole compile (parse, extensions,
 * highlighting, sanitizing, sections, search documents) against `marked.parse` alone over the
 * same Markdown, and compile plus pack against Debian's `mkdocs build` on the same project when
 * it is installed.
 */
const RUNS = 5;
const markedVersion = (
  JSON.parse(readFileSync(path.join(import.meta.dirname, '../../../node_modules/marked/package.json'), 'utf8')) as {
    version: string;
  }
).version;

export async function compileComparisons(context: BenchContext): Promise<Comparison[]> {
  const corpus = context.corpus();
  const project = mkdtempSync(path.join(tmpdir(), 'carrel-bench-course-'));
  try {
    writeMkdocsProject(corpus, project);
    // Debian's mkdocs-material has no `materialx` module; pymdownx's own emoji index stands in.
    const config = path.join(project, 'mkdocs.yml');
    writeFileSync(config, readFileSync(config, 'utf8').replaceAll('materialx.emoji', 'pymdownx.emoji'));
    const megabytes = corpus.markdownBytes / 1e6;
    const shortcodes = loadShortcodes();
    const compileOnce = () => compileCourse(loadMkDocsSource(project), { shortcodes });
    const course = compileOnce();
    const texts = corpus.pages.map((page) => page.markdown);
    const parseAll = () => {
      for (const text of texts) marked.parse(text, { async: false });
    };
    parseAll();
    // The two take turns, so a slow moment of the machine falls on both alike.
    const carrelRuns: number[] = [];
    const markedRuns: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      carrelRuns.push(time(compileOnce));
      markedRuns.push(time(parseAll));
    }
    const carrelMs = median(carrelRuns);
    const markedMs = median(markedRuns);
    const packMs = median(Array.from({ length: RUNS }, () => time(() => packFileBytes(course))));
    context.log(
      `carrel: compile of ${corpus.pages.length} pages in ${(carrelMs / 1000).toFixed(2)} s, pack file in ${(packMs / 1000).toFixed(2)} s`,
    );
    context.log(`marked ${markedVersion}: parse alone in ${(markedMs / 1000).toFixed(2)} s`);

    const comparisons = [
      compare(
        'compile: whole course vs Markdown parse alone',
        'MB/s',
        megabytes / (carrelMs / 1000),
        `marked ${markedVersion} (parse only)`,
        megabytes / (markedMs / 1000),
        '>= 0.5',
      ),
    ];

    const version = spawnSync('mkdocs', ['--version'], { encoding: 'utf8' });
    if (version.status === 0) {
      const site = mkdtempSync(path.join(tmpdir(), 'carrel-bench-site-'));
      const started = performance.now();
      const build = spawnSync('mkdocs', ['build', '--quiet', '-f', config, '-d', site], { encoding: 'utf8' });
      const mkdocsMs = performance.now() - started;
      rmSync(site, { recursive: true, force: true });
      if (build.status !== 0) throw new Error(`mkdocs build failed on the corpus:\n${build.stderr}`);
      context.log(`mkdocs build in ${elapsed(started)}`);
      const pages = corpus.pages.length;
      const peer = `mkdocs build (${version.stdout.trim().split(' from ')[0]})`;
      // mkdocs writes a site, so Carrel's figure includes writing the pack file.
      comparisons.push(
        compare(
          'compile: course to pack vs mkdocs build',
          'pages/s',
          pages / ((carrelMs + packMs) / 1000),
          peer,
          pages / (mkdocsMs / 1000),
          '>= 10',
        ),
      );
    } else context.log('mkdocs is not installed: the comparison with mkdocs build is left out');
    return comparisons;
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}
