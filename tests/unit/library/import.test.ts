import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ImportJob } from '../../../electron/contract.js';
import { compileCourse } from '../../../electron/core/course/compile-course.js';
import { loadMkDocsSource } from '../../../electron/core/course/mkdocs/mkdocs-source.js';
import { packFileBytes } from '../../../electron/core/course/pack-format.js';
import { loadShortcodes } from '../../../electron/core/course/shortcode-data.js';
import type { HandlerTable } from '../../../electron/core/api.js';
import { startServices, tempDir } from '../support/services.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/courses');
const COURSE = 'feature-tour';

/** A copy of the feature-tour fixture the test may change, as an instructor edits a course. */
function courseCopy(): string {
  const dir = path.join(tempDir('carrel-course-'), 'feature-tour');
  cpSync(path.join(fixtures, 'features'), dir, { recursive: true });
  return dir;
}

const packOf = (projectDir: string) =>
  packFileBytes(compileCourse(loadMkDocsSource(projectDir), { shortcodes: loadShortcodes() })).toString('base64');

async function finished(handlers: HandlerTable, started: Awaited<ReturnType<HandlerTable['library:importPack']>>): Promise<ImportJob> {
  if (!started.ok) throw new Error(started.error.message);
  let job = started.result;
  while (job.phase !== 'done' && job.phase !== 'failed') {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const answer = await handlers['library:importStatus']({ jobId: job.id });
    if (!answer.ok) throw new Error(answer.error.message);
    job = answer.result;
  }
  return job;
}

function folderFiles(dir: string, prefix = ''): { path: string; data: string }[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory()
      ? folderFiles(dir, relative)
      : [{ path: relative, data: readFileSync(path.join(dir, relative)).toString('base64') }];
  });
}

describe('handing a course on', () => {
  it('saves an imported course as the very .carrel file it came in as, and the bundled one as a pack that imports', async () => {
    const data = packOf(courseCopy());
    const services = startServices();
    await finished(services.handlers, await services.handlers['library:importPack']({ fileName: 'tour.carrel', data }));
    const saved = await services.handlers['library:exportPack']({ courseId: COURSE });
    expect(saved).toMatchObject({ ok: true, result: { fileName: `${COURSE}.carrel`, encoding: 'base64' } });
    expect(saved.ok && saved.result.content).toBe(data);

    const bundled = await services.handlers['library:exportPack']({ courseId: 'generative-ai' });
    if (!bundled.ok) throw new Error(bundled.error.message);
    const neighbour = startServices();
    const job = await finished(
      neighbour.handlers,
      await neighbour.handlers['library:importPack']({ fileName: bundled.result.fileName, data: bundled.result.content }),
    );
    // The same course id as the one that comes with Carrel: the neighbour's copy takes its place.
    expect(job).toMatchObject({ phase: 'done', report: { courseId: 'generative-ai', title: 'Generative AI' } });
    expect(await services.handlers['library:exportPack']({ courseId: 'no-such-course' })).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: 'There is no course "no-such-course" in the library.' },
    });
  });
});

describe('importing courses into the library', () => {
  it('installs a .carrel pack, which then opens, lists and survives a restart', async () => {
    const services = startServices();
    const job = await finished(services.handlers, await services.handlers['library:importPack']({ fileName: 'tour.carrel', data: packOf(courseCopy()) }));
    expect(job).toMatchObject({ phase: 'done', progress: 1, report: { courseId: COURSE, title: 'Feature Tour', replaced: false } });

    const again = startServices(services.userDataDir);
    const listed = await again.handlers['library:list']({});
    expect(listed.ok && listed.result.map((c) => [c.id, c.bundled, c.importedAt !== null])).toEqual([
      ['generative-ai', true, false],
      [COURSE, false, true],
    ]);
    const page = await again.handlers['course:getPage']({ courseId: COURSE, pagePath: 'index.md' });
    expect(page.ok && page.result.sections.map((s) => s.title)).toContain('Getting started');
    expect(again.library.packFile(COURSE, 'assets', 'imgs/diagram.png')).toBeDefined();
    expect(again.library.packFile(COURSE, 'search', 'index.bin')).toBeDefined();
  });

  it('compiles and installs an MkDocs folder sent file by file, with what check warns about', async () => {
    const { handlers } = startServices();
    const files = folderFiles(courseCopy());
    const job = await finished(handlers, await handlers['library:importFolder']({ folderName: 'feature-tour', files }));
    expect(job.phase).toBe('done');
    expect(job.report).toMatchObject({ courseId: COURSE, pageCount: 5 });
    expect(job.report!.warnings.length).toBeGreaterThan(0);
    expect(job.report!.warnings.every((w) => w.file && w.message)).toBe(true);
  });

  it.each([
    ['a file that is not a zip', 'notes.carrel', Buffer.from('just some text').toString('base64'), /not a zip|Carrel course pack/i],
    ['a truncated pack', 'cut.carrel', Buffer.from(packOf(courseCopy()), 'base64').subarray(0, 4000).toString('base64'), /truncated|damaged|incomplete|not a zip/i],
  ])('refuses %s with a clear message and leaves the library as it was', async (_case, fileName, data, message) => {
    const { handlers, userDataDir } = startServices();
    const job = await finished(handlers, await handlers['library:importPack']({ fileName, data }));
    expect(job.phase).toBe('failed');
    expect(job.error).toMatchObject({ code: 'invalid-payload', message: expect.stringMatching(message) });
    const coursesDir = path.join(userDataDir, 'courses');
    expect(existsSync(coursesDir) ? readdirSync(coursesDir) : []).toEqual([]);
    const listed = await handlers['library:list']({});
    expect(listed.ok && listed.result.map((c) => c.id)).toEqual(['generative-ai']);
  });

  it('refuses a file that is not a pack, and a folder without mkdocs.yml, before doing anything', async () => {
    const { handlers } = startServices();
    expect(await handlers['library:importPack']({ fileName: 'slides.pdf', data: 'AAAA' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload', message: expect.stringContaining('is not a Carrel course pack') },
    });
    expect(await handlers['library:importFolder']({ folderName: 'stuff', files: [{ path: 'readme.md', data: '' }] })).toMatchObject({
      ok: false,
      error: { message: 'The folder stuff has no mkdocs.yml at its top level, so it is not an MkDocs project.' },
    });
  });

  it('refuses folder files whose paths leave the folder', async () => {
    const { handlers, userDataDir } = startServices();
    const files = [...folderFiles(courseCopy()), { path: '../../escape.md', data: Buffer.from('# out').toString('base64') }];
    const job = await finished(handlers, await handlers['library:importFolder']({ folderName: 'feature-tour', files }));
    expect(job).toMatchObject({ phase: 'failed', error: { message: expect.stringContaining('../../escape.md leaves the folder') } });
    expect(existsSync(path.join(userDataDir, 'courses', COURSE))).toBe(false);
  });

  it('a newer version replaces the course, keeps the study data and finds highlights again', async () => {
    const { handlers } = startServices();
    const project = courseCopy();
    await finished(handlers, await handlers['library:importPack']({ fileName: 'v1.carrel', data: packOf(project) }));

    const sectionId = 'index.md#getting-started';
    const page = await handlers['course:getPage']({ courseId: COURSE, pagePath: 'index.md' });
    if (!page.ok) throw new Error(page.error.message);
    const text = page.result.sections.find((s) => s.id === sectionId)!.html.replace(/<[^>]+>/g, '');
    const quote = 'then the';
    const start = text.indexOf(quote);
    const added = await handlers['study:addHighlight']({
      courseId: COURSE,
      sectionId,
      color: 'green',
      quote: { type: 'TextQuoteSelector', exact: quote, prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(start + quote.length, start + quote.length + 32) },
      position: { type: 'TextPositionSelector', start, end: start + quote.length },
      note: 'my note',
    });
    if (!added.ok) throw new Error(added.error.message);
    await handlers['study:saveNote']({ courseId: COURSE, sectionId, noteId: null, body: 'kept' });

    // The instructor adds a sentence before the highlighted words and ships version 2.
    const index = path.join(project, 'docs', 'index.md');
    writeFileSync(index, readFileSync(index, 'utf8').replace('Read the [guide]', 'A new first sentence. Read the [guide]'));
    const job = await finished(handlers, await handlers['library:importPack']({ fileName: 'v2.carrel', data: packOf(project) }));
    expect(job.report).toMatchObject({ replaced: true });

    const state = await handlers['study:getState']({ courseId: COURSE });
    if (!state.ok) throw new Error(state.error.message);
    expect(state.result.notes.map((n) => n.body)).toEqual(['kept']);
    const [moved] = state.result.highlights;
    expect(moved).toMatchObject({ note: 'my note', orphaned: false, quote: { exact: quote } });
    expect(moved!.position.start).toBe(start + 'A new first sentence. '.length);

    // Version 3 drops the sentence: the highlight is kept, as an orphan.
    writeFileSync(index, readFileSync(index, 'utf8').replace(/Read the \[guide\][^\n]*\n/, ''));
    await finished(handlers, await handlers['library:importPack']({ fileName: 'v3.carrel', data: packOf(project) }));
    const after = await handlers['study:getState']({ courseId: COURSE });
    expect(after.ok && after.result.highlights).toMatchObject([{ id: added.result.id, orphaned: true, note: 'my note' }]);
  });

  it('removes an imported course, keeping or deleting its study data as chosen', async () => {
    const { handlers, userDataDir } = startServices();
    await finished(handlers, await handlers['library:importPack']({ fileName: 'tour.carrel', data: packOf(courseCopy()) }));
    await handlers['study:saveNote']({ courseId: COURSE, sectionId: 'index.md#getting-started', noteId: null, body: 'x' });
    const shard = path.join(userDataDir, 'study', `${COURSE}.json`);

    expect(await handlers['library:remove']({ courseId: COURSE, deleteStudyData: false })).toEqual({ ok: true, result: null });
    expect(existsSync(path.join(userDataDir, 'courses', COURSE))).toBe(false);
    expect(existsSync(shard)).toBe(true);

    await finished(handlers, await handlers['library:importPack']({ fileName: 'tour.carrel', data: packOf(courseCopy()) }));
    const back = await handlers['study:getState']({ courseId: COURSE });
    expect(back.ok && back.result.notes.map((n) => n.body)).toEqual(['x']);

    await handlers['library:remove']({ courseId: COURSE, deleteStudyData: true });
    expect(readdirSync(path.join(userDataDir, 'study')).filter((f) => f.startsWith(`${COURSE}.`))).toEqual([]);
    expect(await handlers['library:remove']({ courseId: 'generative-ai', deleteStudyData: false })).toMatchObject({
      ok: false,
      error: { code: 'not-allowed' },
    });
  });
});
