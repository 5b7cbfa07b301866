import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../../electron/contract.js';
import { describeSelection } from '../../../electron/core/study/anchoring/index.js';
import {
  CLOSE_READING,
  DRAFTS,
  REVISING,
  SKIMMING,
  startStudyServices,
  STUDY_COURSE,
  WHEN_TO_SKIM,
} from '../study/support/study-course.js';
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
      result: [
        {
          id: COURSE,
          title: 'Generative AI',
          pageCount: 1,
          sectionCount: 6,
          bundled: true,
          sizeBytes: expect.any(Number),
          importedAt: null,
          version: expect.stringMatching(/^[0-9a-f]{16}$/),
        },
      ],
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
    const bookmark = await first.handlers['study:addBookmark']({
      courseId: COURSE,
      sectionId: OVERVIEW,
      headingId: null,
    });
    const note = await first.handlers['study:saveNote']({
      courseId: COURSE,
      sectionId: OVERVIEW,
      noteId: null,
      body: 'Read again',
    });
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
    [
      'a __proto__ key',
      JSON.parse(`{"courseId":"${COURSE}","sectionId":"${OVERVIEW}","__proto__":{"polluted":1}}`),
      'payload.__proto__ is not an expected field',
    ],
    ['a path as course id', { courseId: '../settings', sectionId: OVERVIEW }, 'payload.courseId must be a course id'],
    ['an array', [COURSE, OVERVIEW], 'payload must be an object'],
    ['nothing', undefined, 'payload must be an object'],
  ])('rejects %s with a clear message and writes nothing', async (_case, payload, message) => {
    const { handlers, userDataDir } = startServices();
    const answer = await handlers['study:addBookmark'](payload);
    expect(answer).toEqual({
      ok: false,
      error: { code: 'invalid-payload', message: expect.stringContaining(message) },
    });
    expect(existsSync(studyFile(userDataDir))).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses sections and courses that do not exist', async () => {
    const { handlers } = startServices();
    expect(
      await handlers['study:addBookmark']({ courseId: COURSE, sectionId: 'generative-ai.md#nope', headingId: null }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await handlers['course:open']({ courseId: 'no-such-course' })).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: 'There is no course "no-such-course" in the library.' },
    });
  });

  it('hands only web, email and phone links to the operating system', async () => {
    const { handlers, opened } = startServices();
    for (const url of ['mailto:accelerate-mle@cst.cam.ac.uk', 'tel:+441223763500']) {
      expect(await handlers['shell:openExternal']({ url })).toEqual({ ok: true, result: null });
    }
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'https://user:pw@example.org/',
    ]) {
      expect(await handlers['shell:openExternal']({ url })).toMatchObject({
        ok: false,
        error: { code: 'not-allowed' },
      });
    }
    expect(opened).toEqual(['mailto:accelerate-mle@cst.cam.ac.uk', 'tel:+441223763500']);
  });

  it('deletes a note and restores it exactly with Undo', async () => {
    const { handlers } = startServices();
    const saved = await handlers['study:saveNote']({
      courseId: COURSE,
      sectionId: OVERVIEW,
      noteId: null,
      body: 'Keep me',
    });
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

  it('remembers the text size and focus mode, and refuses a size it does not know, naming it', async () => {
    const first = startServices();
    expect(await first.handlers['app:getInfo']({})).toMatchObject({
      ok: true,
      result: { reading: { textSize: 'normal', focus: false } },
    });
    await first.handlers['app:setReading']({ textSize: 'large', focus: true });
    const refused = await first.handlers['app:setReading']({ textSize: 'huge', focus: false } as never);
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-payload', message: expect.stringContaining('textSize') } });
    const info = await startServices(first.userDataDir).handlers['app:getInfo']({});
    expect(info).toMatchObject({ ok: true, result: { reading: { textSize: 'large', focus: true } } });
  });
});

describe('the study channels', () => {
  const SKIMMING_TEXT =
    'Skimming\nSkimming means reading quickly for the gist.\nWhen to skim\nBefore a lecture, skim the chapter.';
  const quoted = (words: string) => {
    const start = SKIMMING_TEXT.indexOf(words);
    const anchor = describeSelection(SKIMMING_TEXT, start, start + words.length, SKIMMING);
    return { quote: anchor.quote, position: anchor.position };
  };
  const newHighlight = (overrides: Record<string, unknown> = {}) => ({
    courseId: STUDY_COURSE,
    sectionId: SKIMMING,
    color: 'yellow',
    ...quoted('reading quickly'),
    note: '',
    ...overrides,
  });

  async function ok<T>(answer: Promise<Envelope<T>>): Promise<T> {
    const settled = await answer;
    if (!settled.ok) throw new Error(`${settled.error.code}: ${settled.error.message}`);
    return settled.result;
  }

  it('bookmarks a section and a heading inside it, once each, and keeps both across a restart', async () => {
    const first = startStudyServices();
    const add = (headingId: string | null) =>
      ok(first.handlers['study:addBookmark']({ courseId: STUDY_COURSE, sectionId: SKIMMING, headingId }));
    const section = await add(null);
    const heading = await add(WHEN_TO_SKIM);
    expect(await add(WHEN_TO_SKIM)).toEqual(heading);
    expect(section).toMatchObject({ sectionId: SKIMMING, headingId: null });
    expect(heading).toMatchObject({ sectionId: SKIMMING, headingId: WHEN_TO_SKIM });

    const state = await ok(
      startStudyServices(first.userDataDir).handlers['study:getState']({ courseId: STUDY_COURSE }),
    );
    expect(state.bookmarks).toEqual([section, heading]);
  });

  it('refuses a bookmark on a heading the section does not have', async () => {
    const { handlers } = startStudyServices();
    expect(
      await handlers['study:addBookmark']({ courseId: STUDY_COURSE, sectionId: DRAFTS, headingId: WHEN_TO_SKIM }),
    ).toEqual({
      ok: false,
      error: { code: 'not-found', message: `The section "Drafts" has no heading ${WHEN_TO_SKIM}.` },
    });
  });

  it('adds, recolours, annotates, deletes and restores a highlight, all kept across a restart', async () => {
    const first = startStudyServices();
    const added = await ok(first.handlers['study:addHighlight'](newHighlight({ note: 'The *gist*' })));
    expect(added).toMatchObject({
      sectionId: SKIMMING,
      color: 'yellow',
      note: 'The *gist*',
      orphaned: false,
      quote: { exact: 'reading quickly' },
    });

    const updated = await ok(
      first.handlers['study:updateHighlight']({
        courseId: STUDY_COURSE,
        highlightId: added.id,
        color: 'green',
        note: 'The **gist**',
      }),
    );
    expect(updated).toEqual({ ...added, color: 'green', note: 'The **gist**', updatedAt: updated.updatedAt });
    expect(updated.updatedAt >= added.updatedAt).toBe(true);

    const deleted = await ok(
      first.handlers['study:deleteHighlight']({ courseId: STUDY_COURSE, highlightId: added.id }),
    );
    expect(deleted).toEqual(updated);
    expect((await ok(first.handlers['study:getState']({ courseId: STUDY_COURSE }))).highlights).toEqual([]);
    expect(
      await first.handlers['study:deleteHighlight']({ courseId: STUDY_COURSE, highlightId: added.id }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });

    await ok(first.handlers['study:restoreHighlight']({ courseId: STUDY_COURSE, highlight: deleted }));
    const state = await ok(
      startStudyServices(first.userDataDir).handlers['study:getState']({ courseId: STUDY_COURSE }),
    );
    expect(state.highlights).toEqual([updated]);
  });

  it.each([
    ['an unknown colour', { color: 'purple' }, 'payload.color must be one of yellow, green, blue, pink'],
    [
      'a quote of more than 5,000 characters',
      {
        quote: { type: 'TextQuoteSelector', exact: 'a'.repeat(5001), prefix: '', suffix: '' },
        position: { type: 'TextPositionSelector', start: 0, end: 5001 },
      },
      'payload.quote.exact must be at most 5000 characters',
    ],
    [
      'an empty quote',
      { quote: { type: 'TextQuoteSelector', exact: '', prefix: '', suffix: '' } },
      'payload.quote.exact must not be empty',
    ],
    [
      'a selector of the wrong type',
      { quote: { type: 'CssSelector', exact: 'x', prefix: '', suffix: '' } },
      'payload.quote.type must be "TextQuoteSelector"',
    ],
    [
      'a position with a fraction',
      { position: { type: 'TextPositionSelector', start: 1.5, end: 16.5 } },
      'payload.position.start must be a whole number',
    ],
    [
      'a position that does not span the quote',
      { position: { type: 'TextPositionSelector', start: 0, end: 3 } },
      'payload.position spans 3 characters, but the quote has 15',
    ],
    [
      'an extra selector field',
      { position: { type: 'TextPositionSelector', start: 0, end: 15, page: 2 } },
      'payload.position.page is not an expected field',
    ],
    ['a note over 1 MB', { note: 'x'.repeat(1_000_001) }, 'payload.note must be at most 1000000 characters'],
  ])('refuses a highlight with %s, and writes nothing', async (_case, overrides, message) => {
    const { handlers, userDataDir } = startStudyServices();
    expect(await handlers['study:addHighlight'](newHighlight(overrides))).toEqual({
      ok: false,
      error: { code: 'invalid-payload', message: expect.stringContaining(message) },
    });
    expect(existsSync(path.join(userDataDir, 'study'))).toBe(false);
  });

  it('refuses to restore a highlight that is not whole', async () => {
    const { handlers } = startStudyServices();
    const added = await ok(handlers['study:addHighlight'](newHighlight()));
    const { orphaned: _orphaned, ...partial } = added;
    expect(await handlers['study:restoreHighlight']({ courseId: STUDY_COURSE, highlight: partial })).toEqual({
      ok: false,
      error: { code: 'invalid-payload', message: 'payload.highlight.orphaned is missing.' },
    });
  });

  it('restores a highlight re-anchored to slightly changed text, but not one whose position runs backwards', async () => {
    const { handlers } = startStudyServices();
    const added = await ok(handlers['study:addHighlight'](newHighlight()));
    await ok(handlers['study:deleteHighlight']({ courseId: STUDY_COURSE, highlightId: added.id }));
    const wider = { ...added, position: { ...added.position, end: added.position.end + 3 } };
    expect(await ok(handlers['study:restoreHighlight']({ courseId: STUDY_COURSE, highlight: wider }))).toEqual(wider);
    const backwards = { ...added, position: { ...added.position, end: added.position.start - 1 } };
    expect(await handlers['study:restoreHighlight']({ courseId: STUDY_COURSE, highlight: backwards })).toEqual({
      ok: false,
      error: { code: 'invalid-payload', message: expect.stringContaining('payload.highlight.position ends') },
    });
  });

  it('marks sections read and unread, keeping when a section was first read', async () => {
    const first = startStudyServices();
    const mark = (sectionId: string, read: boolean) =>
      ok(first.handlers['study:setSectionRead']({ courseId: STUDY_COURSE, sectionId, read }));
    const [skimmed] = await mark(SKIMMING, true);
    expect(skimmed).toEqual({ sectionId: SKIMMING, readAt: expect.any(String) });
    expect(await mark(SKIMMING, true)).toEqual([skimmed]);
    const both = await mark(DRAFTS, true);
    expect(both.map((r) => r.sectionId)).toEqual([SKIMMING, DRAFTS]);
    expect(await mark(SKIMMING, false)).toEqual([both[1]]);
    expect(
      await first.handlers['study:setSectionRead']({
        courseId: STUDY_COURSE,
        sectionId: 'reading.md#nope',
        read: true,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    const state = await ok(
      startStudyServices(first.userDataDir).handlers['study:getState']({ courseId: STUDY_COURSE }),
    );
    expect(state.readSections).toEqual([both[1]]);
  });

  it('returns everything in study:getState', async () => {
    const services = startStudyServices();
    const { handlers } = services;
    const bookmark = await ok(
      handlers['study:addBookmark']({ courseId: STUDY_COURSE, sectionId: CLOSE_READING, headingId: null }),
    );
    const note = await ok(
      handlers['study:saveNote']({ courseId: STUDY_COURSE, sectionId: REVISING, noteId: null, body: 'Read aloud' }),
    );
    const highlight = await ok(handlers['study:addHighlight'](newHighlight()));
    const read = await ok(handlers['study:setSectionRead']({ courseId: STUDY_COURSE, sectionId: DRAFTS, read: true }));
    await ok(
      handlers['study:setLocation']({ courseId: STUDY_COURSE, location: { sectionId: REVISING, scrollRatio: 0.4 } }),
    );
    services.close();
    expect(
      await ok(startStudyServices(services.userDataDir).handlers['study:getState']({ courseId: STUDY_COURSE })),
    ).toEqual({
      bookmarks: [bookmark],
      notes: [note],
      highlights: [highlight],
      readSections: read,
      lastLocation: { sectionId: REVISING, scrollRatio: 0.4 },
    });
  });
});
