import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { studySchema } from '../../../electron/core/study/study-schema.js';
import { startServices, tempDir, type TestServices } from '../support/services.js';

const COURSE = 'generative-ai';
const OVERVIEW = 'generative-ai.md#overview';
const shardOf = (userDataDir: string, suffix = '.json') => path.join(userDataDir, 'study', `${COURSE}${suffix}`);

async function ok<T>(answer: Promise<{ ok: true; result: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const settled = await answer;
  if (!settled.ok) throw new Error(settled.error.message);
  return settled.result;
}

const saveNote = (services: TestServices, body: string) =>
  ok(services.handlers['study:saveNote']({ courseId: COURSE, sectionId: OVERVIEW, noteId: null, body }));
const noteBodies = async (services: TestServices) =>
  (await ok(services.handlers['study:getState']({ courseId: COURSE }))).notes.map((n) => n.body);
const notices = async (services: TestServices) => (await ok(services.handlers['app:getInfo']({}))).notices;

/** Two runs of the app: after them the shard holds "first" and "second", and backup-1 holds "first". */
async function twoSessions(): Promise<string> {
  const first = startServices();
  await saveNote(first, 'first');
  first.close();
  const second = startServices(first.userDataDir);
  await saveNote(second, 'second');
  second.close();
  return first.userDataDir;
}

const asideCopies = (userDataDir: string) =>
  readdirSync(path.join(userDataDir, 'study')).filter((f) => f.startsWith(`${COURSE}.unreadable-`));

describe('study files on disk', () => {
  it('a damaged study file is copied aside, never overwritten, and the student is told', async () => {
    const userDataDir = tempDir();
    const damaged = '{"schemaVersion":1,"notes":[{"id":"a","body":"half a no';
    mkdirSync(path.join(userDataDir, 'study'));
    writeFileSync(path.join(userDataDir, 'study', `${COURSE}.json`), damaged);

    const { handlers } = startServices(userDataDir);
    const state = await handlers['study:getState']({ courseId: COURSE });
    expect(state).toMatchObject({ ok: true, result: { notes: [], bookmarks: [] } });

    const copies = readdirSync(path.join(userDataDir, 'study')).filter((f) => f.includes('.unreadable-'));
    expect(copies).toHaveLength(1);
    expect(readFileSync(path.join(userDataDir, 'study', copies[0]!), 'utf8')).toBe(damaged);

    const info = await handlers['app:getInfo']({});
    if (!info.ok) throw new Error(info.error.message);
    expect(info.result.notices).toHaveLength(1);
    expect(info.result.notices[0]!.title).toContain('could not be read');
    expect(info.result.notices[0]!.message).toContain(copies[0]);
    expect(info.result.notices[0]!.message).toContain('started a fresh file');
  });

  it('a damaged settings file does not stop the app from starting', async () => {
    const userDataDir = tempDir();
    writeFileSync(path.join(userDataDir, 'settings.json'), 'not json at all');
    const { handlers } = startServices(userDataDir);
    const info = await handlers['app:getInfo']({});
    expect(info).toMatchObject({
      ok: true,
      result: { theme: 'system', notices: [{ title: 'Your settings could not be read' }] },
    });
    expect(readdirSync(userDataDir).some((f) => f.startsWith('settings.unreadable-'))).toBe(true);
  });

  it('section ids with dots are kept as plain keys, not as nested paths', async () => {
    const { handlers, userDataDir, close } = startServices();
    await handlers['study:setLocation']({
      courseId: COURSE,
      location: { sectionId: 'generative-ai.md#overview', scrollRatio: 0.5 },
    });
    close();
    const onDisk = JSON.parse(readFileSync(path.join(userDataDir, 'study', `${COURSE}.json`), 'utf8'));
    expect(onDisk.lastLocation).toEqual({ sectionId: 'generative-ai.md#overview', scrollRatio: 0.5 });
    expect(existsSync(path.join(userDataDir, 'settings.json'))).toBe(true);
  });

  it.each([
    ['empty', () => '', 'it is empty'],
    ['truncated', (text: string) => text.slice(0, Math.floor(text.length / 2)), 'it ends early'],
    ['not JSON', () => 'Carrel notes, version one', 'it is not valid JSON'],
    ['behind a byte-order mark', (text: string) => `\uFEFF${text}`, 'byte-order mark'],
    ['holding NUL bytes', (text: string) => text.slice(0, 20) + '\0'.repeat(64) + text.slice(84), 'NUL bytes'],
    ['failing its schema', (text: string) => text.replace('"second"', '42'), 'body must be a string'],
  ])(
    'a study file that is %s: copied aside, the newest good backup restored, the student told',
    async (_kind, damage, reason) => {
      const userDataDir = await twoSessions();
      const damaged = damage(readFileSync(shardOf(userDataDir), 'utf8'));
      writeFileSync(shardOf(userDataDir), damaged);

      const services = startServices(userDataDir);
      expect(await noteBodies(services)).toEqual(['first']);
      const [copy] = asideCopies(userDataDir);
      expect(readFileSync(path.join(userDataDir, 'study', copy!), 'utf8')).toBe(damaged);
      const [notice] = await notices(services);
      expect(notice).toMatchObject({
        level: 'warning',
        title: `Your notes, highlights and bookmarks for "${COURSE}" could not be read`,
      });
      expect(notice!.message).toContain(reason);
      expect(notice!.message).toContain(copy);
      expect(notice!.message).toContain(`restored the last good backup, saved `);
      expect(notice!.message).toContain(shardOf(userDataDir, '.backup-1.json'));

      // The restored file is whole again, and work goes on from it.
      studySchema.validate(JSON.parse(readFileSync(shardOf(userDataDir), 'utf8')), 'shard');
      await saveNote(services, 'third');
      services.close();
      expect(await noteBodies(startServices(userDataDir))).toEqual(['first', 'third']);
    },
  );

  it('skips a damaged backup and restores the next good one', async () => {
    const userDataDir = await twoSessions();
    const third = startServices(userDataDir);
    await saveNote(third, 'third');
    third.close();
    // Rotated when the course next opens: backup-1 holds first+second+third, backup-2 first+second, backup-3 first.
    const fourth = startServices(userDataDir);
    await noteBodies(fourth);
    fourth.close();
    writeFileSync(shardOf(userDataDir), '{');
    writeFileSync(shardOf(userDataDir, '.backup-1.json'), '');

    const services = startServices(userDataDir);
    expect(await noteBodies(services)).toEqual(['first', 'second']);
    expect((await notices(services))[0]!.message).toContain(shardOf(userDataDir, '.backup-2.json'));
  });

  it('keeps three rotating backups, and does not rotate when nothing changed', async () => {
    const userDataDir = tempDir();
    for (const body of ['one', 'two', 'three', 'four']) {
      const services = startServices(userDataDir);
      await saveNote(services, body);
      services.close();
    }
    for (let run = 0; run < 2; run++) {
      const unchanged = startServices(userDataDir);
      await noteBodies(unchanged);
      unchanged.close();
    }

    const backups = readdirSync(path.join(userDataDir, 'study'))
      .filter((f) => f.includes('.backup-'))
      .sort();
    expect(backups).toEqual([`${COURSE}.backup-1.json`, `${COURSE}.backup-2.json`, `${COURSE}.backup-3.json`]);
    const bodies = (index: number) =>
      (
        JSON.parse(readFileSync(shardOf(userDataDir, `.backup-${index}.json`), 'utf8')) as { notes: { body: string }[] }
      ).notes.map((n) => n.body);
    expect(bodies(1)).toEqual(['one', 'two', 'three', 'four']);
    expect(bodies(2)).toEqual(['one', 'two', 'three']);
    expect(bodies(3)).toEqual(['one', 'two']);
  });

  it('restores a study file that went missing from its backup, and says so', async () => {
    const userDataDir = await twoSessions();
    rmSync(shardOf(userDataDir));
    const services = startServices(userDataDir);
    expect(await noteBodies(services)).toEqual(['first']);
    expect((await notices(services))[0]).toMatchObject({
      title: `Your notes, highlights and bookmarks for "${COURSE}" were restored from a backup`,
    });
  });

  it('opens a file from a newer Carrel read-only: shows it, refuses changes, never rewrites it', async () => {
    const userDataDir = tempDir();
    mkdirSync(path.join(userDataDir, 'study'));
    const newer = JSON.stringify({
      schemaVersion: 7,
      bookmarks: [],
      notes: [
        {
          id: 'n1',
          sectionId: OVERVIEW,
          body: 'from the future',
          createdAt: '2031-01-01T00:00:00.000Z',
          updatedAt: '2031-01-01T00:00:00.000Z',
          mood: 'curious',
        },
      ],
      highlights: [],
      readSections: [],
      lastLocation: null,
      flashcards: [{ front: 'a', back: 'b' }],
    });
    writeFileSync(shardOf(userDataDir), newer);

    const services = startServices(userDataDir);
    expect(await noteBodies(services)).toEqual(['from the future']);
    const refused = await services.handlers['study:saveNote']({
      courseId: COURSE,
      sectionId: OVERVIEW,
      noteId: null,
      body: 'x',
    });
    expect(refused).toEqual({
      ok: false,
      error: { code: 'not-allowed', message: expect.stringContaining('saved by a newer version of Carrel') },
    });
    expect((await notices(services))[0]).toMatchObject({
      title: `Your notes, highlights and bookmarks for "${COURSE}" are open read-only`,
    });
    expect((await notices(services))[0]!.message).toContain('data format 7');
    services.close();
    expect(readFileSync(shardOf(userDataDir), 'utf8')).toBe(newer);
    expect(readdirSync(path.join(userDataDir, 'study'))).toEqual([`${COURSE}.json`]);
  });

  it('keeps a settings file from a newer Carrel as it is and still opens courses', async () => {
    const userDataDir = tempDir();
    const newer = JSON.stringify({
      schemaVersion: 3,
      theme: 'dark',
      lastCourseId: null,
      windowBounds: null,
      fontScale: 1.2,
    });
    writeFileSync(path.join(userDataDir, 'settings.json'), newer);
    const services = startServices(userDataDir);
    expect(await ok(services.handlers['app:getInfo']({}))).toMatchObject({
      theme: 'dark',
      notices: [{ title: 'Your settings are open read-only' }],
    });
    expect(await services.handlers['app:setTheme']({ theme: 'light' })).toMatchObject({
      ok: false,
      error: { code: 'not-allowed' },
    });
    expect(await services.handlers['course:open']({ courseId: COURSE })).toMatchObject({ ok: true });
    services.close();
    expect(readFileSync(path.join(userDataDir, 'settings.json'), 'utf8')).toBe(newer);
  });
});
