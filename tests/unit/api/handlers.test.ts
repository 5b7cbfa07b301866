import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServices } from '../support/services.js';

const COURSE = 'generative-ai';
const OVERVIEW = 'generative-ai.md#overview';
const studyFile = (userDataDir: string) => path.join(userDataDir, 'study', `${COURSE}.json`);

describe('the handler table', () => {
  it('lists the bundled course with its six sections', async () => {
    const { handlers } = startServices();
    const listed = await handlers['library:list']({});
    expect(listed).toEqual({
      ok: true,
      result: [{ id: COURSE, title: 'Generative AI', pageCount: 1, sectionCount: 6, bundled: true }],
    });
  });

  it('serves a page split into sections with their compiled HTML', async () => {
    const { handlers } = startServices();
    const answer = await handlers['course:getPage']({ courseId: COURSE, pagePath: 'generative-ai.md' });
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.result.sections.map((s) => s.title)).toEqual([
      'Learning Objectives',
      'Overview',
      'Frontier/Foundation Models',
      'Inspiration',
      'More Resources',
      'Contact',
    ]);
    const overview = answer.result.sections[1]!;
    expect(overview.html).toContain('<img src="assets/imgs/gen1.png" alt="Generative AI"');
    expect(answer.result.sections[3]!.empty).toBe(true);
  });

  it('keeps bookmarks and notes across a restart, in the course shard on disk', async () => {
    const first = startServices();
    const bookmark = await first.handlers['study:addBookmark']({ courseId: COURSE, sectionId: OVERVIEW });
    const note = await first.handlers['study:saveNote']({ courseId: COURSE, sectionId: OVERVIEW, noteId: null, body: 'Read again' });
    expect(bookmark.ok && note.ok).toBe(true);

    const second = startServices(first.userDataDir);
    const state = await second.handlers['study:getState']({ courseId: COURSE });
    if (!state.ok) throw new Error(state.error.message);
    expect(state.result.bookmarks.map((b) => b.sectionId)).toEqual([OVERVIEW]);
    expect(state.result.notes.map((n) => n.body)).toEqual(['Read again']);
    const onDisk = JSON.parse(readFileSync(studyFile(first.userDataDir), 'utf8'));
    expect(onDisk.notes[0].body).toBe('Read again');
  });

  it.each([
    ['a missing field', { courseId: COURSE }, 'payload.sectionId is missing'],
    ['a wrong type', { courseId: COURSE, sectionId: 42 }, 'payload.sectionId must be a string'],
    ['an extra key', { courseId: COURSE, sectionId: OVERVIEW, admin: true }, 'payload.admin is not an expected field'],
    ['a __proto__ key', JSON.parse(`{"courseId":"${COURSE}","sectionId":"${OVERVIEW}","__proto__":{"polluted":1}}`), 'payload.__proto__ is not an expected field'],
    ['a path as course id', { courseId: '../settings', sectionId: OVERVIEW }, 'payload.courseId must be a course id'],
    ['an array', [COURSE, OVERVIEW], 'payload must be an object'],
    ['nothing', undefined, 'payload must be an object'],
  ])('rejects %s with a clear message and writes nothing', async (_case, payload, message) => {
    const { handlers, userDataDir } = startServices();
    const answer = await handlers['study:addBookmark'](payload);
    expect(answer).toEqual({ ok: false, error: { code: 'invalid-payload', message: expect.stringContaining(message) } });
    expect(existsSync(studyFile(userDataDir))).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses sections and courses that do not exist', async () => {
    const { handlers } = startServices();
    expect(await handlers['study:addBookmark']({ courseId: COURSE, sectionId: 'generative-ai.md#nope' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await handlers['course:open']({ courseId: 'no-such-course' })).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: 'There is no course "no-such-course" in the library.' },
    });
  });

  it('hands only web and email links to the operating system', async () => {
    const { handlers, opened } = startServices();
    expect(await handlers['shell:openExternal']({ url: 'mailto:accelerate-mle@cst.cam.ac.uk' })).toEqual({ ok: true, result: null });
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://server/share', 'https://user:pw@example.org/']) {
      expect(await handlers['shell:openExternal']({ url })).toMatchObject({ ok: false, error: { code: 'not-allowed' } });
    }
    expect(opened).toEqual(['mailto:accelerate-mle@cst.cam.ac.uk']);
  });

  it('deletes a note and restores it exactly with Undo', async () => {
    const { handlers } = startServices();
    const saved = await handlers['study:saveNote']({ courseId: COURSE, sectionId: OVERVIEW, noteId: null, body: 'Keep me' });
    if (!saved.ok) throw new Error(saved.error.message);
    const deleted = await handlers['study:deleteNote']({ courseId: COURSE, noteId: saved.result.id });
    if (!deleted.ok) throw new Error(deleted.error.message);
    expect((await handlers['study:getState']({ courseId: COURSE })).ok && deleted.result).toEqual(saved.result);
    await handlers['study:restoreNote']({ courseId: COURSE, note: deleted.result });
    const state = await handlers['study:getState']({ courseId: COURSE });
    expect(state.ok && state.result.notes).toEqual([saved.result]);
  });

  it('remembers the theme and the last course in the settings file', async () => {
    const first = startServices();
    await first.handlers['app:setTheme']({ theme: 'dark' });
    await first.handlers['course:open']({ courseId: COURSE });
    const info = await startServices(first.userDataDir).handlers['app:getInfo']({});
    expect(info).toMatchObject({ ok: true, result: { theme: 'dark', lastCourseId: COURSE, notices: [] } });
  });
});
