import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportJob } from '../../../electron/contract.js';
import { compileCourse } from '../../../electron/core/course/compile-course.js';
import { loadMkDocsSource } from '../../../electron/core/course/mkdocs/mkdocs-source.js';
import { packFileBytes } from '../../../electron/core/course/pack-format.js';
import { loadShortcodes } from '../../../electron/core/course/shortcode-data.js';
import { startServices, type TestServices } from '../support/services.js';

const tour = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/courses/material-tour');
const COURSE = 'material-tour';

/** The tour course packed as an instructor hands it out, then imported as a student does. */
async function withTourImported(): Promise<TestServices> {
  const services = startServices();
  const data = packFileBytes(compileCourse(loadMkDocsSource(tour), { shortcodes: loadShortcodes() })).toString(
    'base64',
  );
  const started = await services.handlers['library:importPack']({ fileName: 'material-tour.carrel', data });
  if (!started.ok) throw new Error(started.error.message);
  let job: ImportJob = started.result;
  while (job.phase !== 'done' && job.phase !== 'failed') {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const answer = await services.handlers['library:importStatus']({ jobId: job.id });
    if (!answer.ok) throw new Error(answer.error.message);
    job = answer.result;
  }
  if (job.phase === 'failed') throw new Error(job.error?.message);
  return services;
}

describe('opening a course file with another app', () => {
  let services: TestServices;
  beforeAll(async () => {
    services = await withTourImported();
  });

  it('opens the file a carrel:file link of a page points to, from the installed pack', async () => {
    const page = await services.handlers['course:getPage']({ courseId: COURSE, pagePath: 'index.md' });
    if (!page.ok) throw new Error(page.error.message);
    const html = page.result.sections.map((section) => section.html).join('');
    const href = /href="carrel:file\/([^"]+)"/.exec(html)?.[1];
    expect(href).toBe('files/cheatsheet.pdf');

    expect(await services.handlers['shell:openCourseFile']({ courseId: COURSE, path: href })).toEqual({
      ok: true,
      result: null,
    });
    expect(services.openedFiles).toHaveLength(1);
    const opened = services.openedFiles[0]!;
    expect(opened.startsWith(path.join(services.userDataDir, 'courses'))).toBe(true);
    expect(readFileSync(opened).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses paths that leave the course files, folders, and files the course does not have', async () => {
    const before = services.openedFiles.length;
    for (const unsafe of [
      '../manifest.json',
      'files/%2e%2e/%2e%2e/manifest.json',
      'files%2fcheatsheet.pdf',
      '/etc/passwd',
      'files',
      'files/notes.pdf',
    ]) {
      const answer = await services.handlers['shell:openCourseFile']({ courseId: COURSE, path: unsafe });
      expect(answer, unsafe).toEqual({
        ok: false,
        error: { code: 'not-found', message: `The course "Material Tour" has no file ${unsafe}.` },
      });
    }
    expect(services.openedFiles).toHaveLength(before);
  });

  it('names what was wrong with a bad request', async () => {
    expect(
      await services.handlers['shell:openCourseFile']({ courseId: 'no-such-course', path: 'files/cheatsheet.pdf' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: expect.stringContaining('no-such-course') },
    });
    expect(await services.handlers['shell:openCourseFile']({ courseId: COURSE, path: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload', message: expect.stringContaining('payload.path') },
    });
  });
});
