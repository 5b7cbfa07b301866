import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Envelope, Note } from '../../../electron/contract.js';
import { SKIMMING, DRAFTS, startStudyServices, STUDY_COURSE } from './support/study-course.js';
import type { TestServices } from '../support/services.js';

const BUNDLED = 'generative-ai';
const OVERVIEW = 'generative-ai.md#overview';
const T0 = '2025-02-01T09:00:00.000Z';
const T1 = '2025-02-02T09:00:00.000Z';
const T2 = '2025-02-03T09:00:00.000Z';

async function ok<T>(answer: Promise<Envelope<T>>): Promise<T> {
  const settled = await answer;
  if (!settled.ok) throw new Error(`${settled.error.code}: ${settled.error.message}`);
  return settled.result;
}

const note = (id: string, body: string, updatedAt = T0, sectionId = SKIMMING): Note => ({
  id,
  sectionId,
  body,
  createdAt: T0,
  updatedAt,
});

function backup(
  courses: Record<string, Partial<Record<'notes' | 'bookmarks' | 'highlights' | 'readSections', unknown[]>>>,
): string {
  const full = Object.fromEntries(
    Object.entries(courses).map(([id, course]) => [
      id,
      { title: null, bookmarks: [], notes: [], highlights: [], readSections: [], lastLocation: null, ...course },
    ]),
  );
  return JSON.stringify({ format: 'carrel-study-backup', version: 1, exportedAt: T2, courses: full });
}

/** Every byte of the user-data folder, to show an import that failed changed nothing. */
function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder)) {
      const file = path.join(folder, entry);
      if (statSync(file).isDirectory()) walk(file);
      else out[path.relative(dir, file)] = readFileSync(file).toString('base64');
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** A student with some study data in both courses, their shards open as in a running app. */
async function studentWithData(): Promise<TestServices> {
  const services = startStudyServices();
  await ok(services.handlers['study:restoreNote']({ courseId: STUDY_COURSE, note: note('n-kept', 'Mine', T1) }));
  await ok(
    services.handlers['study:saveNote']({ courseId: BUNDLED, sectionId: OVERVIEW, noteId: null, body: 'Bundled note' }),
  );
  await ok(services.handlers['study:addBookmark']({ courseId: STUDY_COURSE, sectionId: DRAFTS, headingId: null }));
  return services;
}

describe('the JSON backup', () => {
  it('holds all study data of all courses, and restores it into a fresh Carrel exactly', async () => {
    const source = await studentWithData();
    await ok(source.handlers['study:setSectionRead']({ courseId: STUDY_COURSE, sectionId: SKIMMING, read: true }));
    await ok(
      source.handlers['study:addHighlight']({
        courseId: STUDY_COURSE,
        sectionId: SKIMMING,
        color: 'green',
        quote: { type: 'TextQuoteSelector', exact: 'gist', prefix: 'for the ', suffix: '.' },
        position: { type: 'TextPositionSelector', start: 40, end: 44 },
        note: 'Key word',
      }),
    );
    await ok(
      source.handlers['study:setLocation']({
        courseId: STUDY_COURSE,
        location: { sectionId: DRAFTS, scrollRatio: 0.5 },
      }),
    );

    const file = await ok(source.handlers['study:exportBackup']({}));
    expect(file.fileName).toMatch(/^carrel-study-backup-\d{4}-\d\d-\d\d\.json$/);
    expect(file.mimeType).toBe('application/json');
    const parsed = JSON.parse(file.content) as {
      format: string;
      version: number;
      exportedAt: string;
      courses: Record<string, { title: string }>;
    };
    expect(parsed).toMatchObject({ format: 'carrel-study-backup', version: 1 });
    expect(Object.keys(parsed.courses)).toEqual([BUNDLED, STUDY_COURSE]);
    expect(parsed.courses[STUDY_COURSE]!.title).toBe('Study Skills');

    const target = startStudyServices();
    const preview = await ok(target.handlers['study:previewImport']({ content: file.content }));
    expect(preview.courses.find((c) => c.courseId === STUDY_COURSE)).toEqual({
      courseId: STUDY_COURSE,
      title: 'Study Skills',
      notes: { added: 1, updated: 0, unchanged: 0 },
      bookmarks: { added: 1, updated: 0, unchanged: 0 },
      highlights: { added: 1, updated: 0, unchanged: 0 },
      readSections: { added: 1, updated: 0, unchanged: 0 },
    });
    expect(await ok(target.handlers['study:importBackup']({ content: file.content }))).toEqual(preview);
    for (const courseId of [BUNDLED, STUDY_COURSE]) {
      const restored = await ok(startStudyServices(target.userDataDir).handlers['study:getState']({ courseId }));
      expect(restored).toEqual(await ok(source.handlers['study:getState']({ courseId })));
    }

    // Importing the same backup again changes nothing and says so.
    const again = await ok(target.handlers['study:importBackup']({ content: file.content }));
    expect(
      again.courses.every((c) => c.notes.added + c.notes.updated + c.highlights.added + c.bookmarks.added === 0),
    ).toBe(true);
  });

  it('previews without writing anything', async () => {
    const services = await studentWithData();
    const before = filesOf(services.userDataDir);
    const summary = await ok(
      services.handlers['study:previewImport']({
        content: backup({ [STUDY_COURSE]: { notes: [note('n-new', 'New')] } }),
      }),
    );
    expect(summary.courses[0]!.notes).toEqual({ added: 1, updated: 0, unchanged: 0 });
    expect(filesOf(services.userDataDir)).toEqual(before);
  });

  it('merges by id: the newer record wins, an older or identical one leaves what is here', async () => {
    const services = await studentWithData();
    const here = (await ok(services.handlers['study:getState']({ courseId: STUDY_COURSE }))).bookmarks[0]!;
    const content = backup({
      [STUDY_COURSE]: {
        notes: [note('n-kept', 'Different text, written later', T2), note('n-new', 'Brand new')],
        // The same place bookmarked under another id is the same bookmark.
        bookmarks: [{ ...here, id: 'another-id' }],
      },
    });
    const summary = await ok(services.handlers['study:importBackup']({ content }));
    expect(summary.courses[0]).toMatchObject({
      notes: { added: 1, updated: 1, unchanged: 0 },
      bookmarks: { added: 0, updated: 0, unchanged: 1 },
    });
    const state = await ok(services.handlers['study:getState']({ courseId: STUDY_COURSE }));
    expect(state.notes.map((n) => n.body).sort()).toEqual(['Brand new', 'Different text, written later']);
    expect(state.bookmarks).toEqual([here]);

    const older = await ok(
      services.handlers['study:importBackup']({
        content: backup({ [STUDY_COURSE]: { notes: [note('n-kept', 'Stale', T0)] } }),
      }),
    );
    expect(older.courses[0]!.notes).toEqual({ added: 0, updated: 0, unchanged: 1 });
    const after = await ok(services.handlers['study:getState']({ courseId: STUDY_COURSE }));
    expect(after.notes.find((n) => n.id === 'n-kept')!.body).toBe('Different text, written later');
  });

  it('imports 50,000 notes in one go', async () => {
    const services = startStudyServices();
    const notes = Array.from({ length: 50_000 }, (_, i) => note(`bulk-${i}`, `Note number ${i}`));
    const summary = await ok(
      services.handlers['study:importBackup']({ content: backup({ [STUDY_COURSE]: { notes } }) }),
    );
    expect(summary.courses[0]!.notes).toEqual({ added: 50_000, updated: 0, unchanged: 0 });
    services.close();
    const state = await ok(
      startStudyServices(services.userDataDir).handlers['study:getState']({ courseId: STUDY_COURSE }),
    );
    expect(state.notes).toHaveLength(50_000);
    expect(state.notes.find((n) => n.id === 'bulk-49999')!.body).toBe('Note number 49999');
  });

  const bad: [string, () => string, string][] = [
    [
      'a file that is not JSON',
      () => 'Dear Carrel, here are my notes',
      'This file is not a Carrel backup: it is not valid JSON',
    ],
    [
      'JSON that is not a backup',
      () => JSON.stringify({ notes: [] }),
      'This file is not a Carrel backup: it has no "format": "carrel-study-backup".',
    ],
    [
      'a backup from a newer format',
      () => JSON.stringify({ format: 'carrel-study-backup', version: 2, exportedAt: T2, courses: {} }),
      'This backup was made by a newer version of Carrel (backup format 2); this version reads format 1. Update Carrel to import it.',
    ],
    [
      'a backup for a course not in the library',
      () => backup({ 'organic-chemistry': { notes: [note('n1', 'x', T0, 'alkanes.md#naming')] } }),
      'This backup holds study data for a course not in your library: "organic-chemistry" (organic-chemistry). Add it to Carrel first, then import the backup again. Nothing was imported.',
    ],
    [
      'notes with unknown fields',
      () => backup({ [STUDY_COURSE]: { notes: [{ ...note('n1', 'x'), pinned: true }] } }),
      'backup.courses.study-skills.notes[0].pinned is not an expected field.',
    ],
    [
      'a note body of 5 MB',
      () => backup({ [STUDY_COURSE]: { notes: [note('n1', 'x'.repeat(5_000_000))] } }),
      'backup.courses.study-skills.notes[0].body must be at most 1000000 characters.',
    ],
    [
      'more notes than Carrel keeps for a course',
      () => backup({ [STUDY_COURSE]: { notes: Array.from({ length: 100_001 }, (_, i) => note(`n${i}`, '')) } }),
      'backup.courses.study-skills.notes holds 100,001 notes; Carrel accepts at most 100,000.',
    ],
    [
      'the same id twice',
      () => backup({ [STUDY_COURSE]: { notes: [note('twin', 'a'), note('twin', 'b')] } }),
      'backup.courses.study-skills.notes[1].id repeats notes[0] (twin).',
    ],
    [
      'a __proto__ course',
      () => backup({ [STUDY_COURSE]: {} }).replace('"courses":{', '"courses":{"__proto__":{"polluted":true},'),
      'backup.courses key "__proto__" must be a course id',
    ],
    [
      'a __proto__ key in a note',
      () =>
        backup({ [STUDY_COURSE]: { notes: [note('n1', 'x')] } }).replace(
          '"id":"n1"',
          '"__proto__":{"polluted":true},"id":"n1"',
        ),
      'backup.courses.study-skills.notes[0].__proto__ is not an expected field.',
    ],
    [
      'a __proto__ key at the top',
      () => backup({}).replace('{"format"', '{"__proto__":{"polluted":true},"format"'),
      'backup.__proto__ is not an expected field.',
    ],
    [
      'one bad record after good ones, in another course',
      () =>
        backup({
          [BUNDLED]: { notes: [note('fine', 'fine', T2, OVERVIEW)] },
          [STUDY_COURSE]: { highlights: [{ id: 'h' }] },
        }),
      'backup.courses.study-skills.highlights[0].sectionId is missing.',
    ],
    [
      'a backup larger than Carrel imports',
      () => 'x'.repeat(32_000_001),
      'This backup is 32.0 million characters long; Carrel imports backups of up to 32 million.',
    ],
  ];

  it.each(bad)(
    'refuses %s with a clear message and changes no byte of the study data',
    async (_case, content, message) => {
      const services = await studentWithData();
      const text = content();
      const before = filesOf(services.userDataDir);
      for (const channel of ['study:previewImport', 'study:importBackup'] as const) {
        const answer = await services.handlers[channel]({ content: text });
        expect(answer.ok).toBe(false);
        if (!answer.ok) expect(answer.error.message).toContain(message);
      }
      expect(filesOf(services.userDataDir)).toEqual(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it('refuses to import into study data a newer Carrel wrote, and changes nothing', async () => {
    const services = startStudyServices();
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(path.join(services.userDataDir, 'study'));
    writeFileSync(
      path.join(services.userDataDir, 'study', `${STUDY_COURSE}.json`),
      JSON.stringify({
        schemaVersion: 9,
        bookmarks: [],
        notes: [],
        highlights: [],
        readSections: [],
        lastLocation: null,
      }),
    );
    await ok(services.handlers['study:getState']({ courseId: STUDY_COURSE }));
    const before = filesOf(services.userDataDir);
    const answer = await services.handlers['study:importBackup']({
      content: backup({ [STUDY_COURSE]: { notes: [note('n1', 'x')] } }),
    });
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'not-allowed',
        message: expect.stringContaining('saved by a newer version of Carrel and is read-only here'),
      },
    });
    expect(filesOf(services.userDataDir)).toEqual(before);
  });
});
