import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NoticeBoard } from '../../../electron/core/notices.js';
import { storeOpener } from '../../../electron/core/storage/store.js';
import { StudyRepository } from '../../../electron/core/study/study-repository.js';
import { NodeStore, tempDir } from '../support/services.js';

const COURSE = 'journal-course';
const SECTION = 'page.md#section';

/** Journaling from the first save: these tests look at the journal itself. */
const JOURNAL_ALWAYS = { writeThroughBytes: 0, transactions: 1000, bytes: 1024 * 1024 };

function openStudy(userDataDir: string, compaction = JOURNAL_ALWAYS) {
  const notices = new NoticeBoard();
  const repository = new StudyRepository(storeOpener(NodeStore), userDataDir, notices, { compaction });
  return { repository, notices, course: repository.forCourse(COURSE) };
}

const files = (userDataDir: string) => ({
  shard: path.join(userDataDir, 'study', `${COURSE}.json`),
  journal: path.join(userDataDir, 'study', `${COURSE}.journal.jsonl`),
});

/** The journal's lines, without the zero bytes reserved after them. */
const journalLines = (file: string) =>
  readFileSync(file, 'utf8')
    .replace(/\0+$/, '')
    .split('\n')
    .filter((line) => line !== '');

const bodies = (course: ReturnType<typeof openStudy>['course']) => course.state().notes.map((n) => n.body);

describe('the study journal', () => {
  it('has every save on disk when the call returns, before the shard file is rewritten', () => {
    const userDataDir = tempDir();
    const { course } = openStudy(userDataDir);
    const note = course.saveNote(SECTION, null, 'one');
    course.saveNote(SECTION, note.id, 'one, edited');
    course.addBookmark(SECTION, 'a-heading');

    const { shard, journal } = files(userDataDir);
    expect(existsSync(shard)).toBe(false);
    const lines = journalLines(journal).map(
      (line) => JSON.parse(line) as { v: number; ops: { op: string; kind: string }[] },
    );
    expect(lines.map((line) => [line.v, line.ops[0]!.op, line.ops[0]!.kind])).toEqual([
      [2, 'put', 'notes'],
      [2, 'put', 'notes'],
      [2, 'put', 'bookmarks'],
    ]);

    // A process that never closed its store (killed): the next start replays the journal and folds it in.
    const next = openStudy(userDataDir);
    expect(bodies(next.course)).toEqual(['one, edited']);
    expect(next.course.state().bookmarks).toMatchObject([{ sectionId: SECTION, headingId: 'a-heading' }]);
    expect(journalLines(journal)).toEqual([]);
    expect((JSON.parse(readFileSync(shard, 'utf8')) as { notes: unknown[] }).notes).toHaveLength(1);
    expect(next.notices.list()).toEqual([]);
  });

  it('drops a line cut off by a crash, which was never acknowledged, and keeps the rest', () => {
    const userDataDir = tempDir();
    const { course } = openStudy(userDataDir);
    course.saveNote(SECTION, null, 'kept');
    const { journal } = files(userDataDir);
    const lines = journalLines(journal);
    writeFileSync(journal, `${lines.join('\n')}\n{"v":2,"ops":[{"op":"put","kind":"notes","value":{"id":"torn","sec`);

    const next = openStudy(userDataDir);
    expect(bodies(next.course)).toEqual(['kept']);
    expect(next.notices.list()).toEqual([]);
    next.course.saveNote(SECTION, null, 'after the crash');
    expect(bodies(openStudy(userDataDir).course)).toEqual(['kept', 'after the crash']);
  });

  it('keeps a journal with a damaged line aside, applies the good lines, and says so', () => {
    const userDataDir = tempDir();
    const { course } = openStudy(userDataDir);
    course.saveNote(SECTION, null, 'before');
    course.saveNote(SECTION, null, 'after');
    const { journal } = files(userDataDir);
    const [before, after] = journalLines(journal);
    const damaged = `${before}\n{"v":2,"ops":[{"op":"put","kind":"notes","value":{"id":"x"}}]}\n${after}\n`;
    writeFileSync(journal, damaged);

    const next = openStudy(userDataDir);
    expect(bodies(next.course)).toEqual(['before', 'after']);
    const [notice] = next.notices.list();
    expect(notice!.title).toBe(
      `Some recent changes to your notes, highlights and bookmarks for "${COURSE}" could not be read`,
    );
    expect(notice!.message).toContain('line 2: change 1.value.sectionId is missing');
    const copy = readdirSync(path.join(userDataDir, 'study')).find((f) =>
      f.startsWith(`${COURSE}.journal.unreadable-`),
    );
    expect(readFileSync(path.join(userDataDir, 'study', copy!), 'utf8')).toBe(damaged);
    expect(notice!.message).toContain(copy);
  });

  it('folds the journal into the shard file once it grows, and on close', async () => {
    const userDataDir = tempDir();
    const { repository, course } = openStudy(userDataDir, { ...JOURNAL_ALWAYS, transactions: 5 });
    for (let i = 0; i < 5; i++) course.saveNote(SECTION, null, `note ${i}`);
    await new Promise((resolve) => setImmediate(resolve));
    const { shard, journal } = files(userDataDir);
    expect((JSON.parse(readFileSync(shard, 'utf8')) as { notes: unknown[] }).notes).toHaveLength(5);
    expect(journalLines(journal)).toEqual([]);

    course.saveNote(SECTION, null, 'note 5');
    repository.close();
    expect((JSON.parse(readFileSync(shard, 'utf8')) as { notes: unknown[] }).notes).toHaveLength(6);
    expect(statSync(journal).size).toBe(0);
  });

  it('rewrites a small study file on every save, so the file itself is always current', () => {
    const userDataDir = tempDir();
    const { course } = openStudy(userDataDir, { ...JOURNAL_ALWAYS, writeThroughBytes: 64 * 1024 });
    const { shard, journal } = files(userDataDir);
    const onDisk = () =>
      (JSON.parse(readFileSync(shard, 'utf8')) as { notes: { body: string }[] }).notes.map((n) => n.body);
    const note = course.saveNote(SECTION, null, 'first');
    expect(onDisk()).toEqual(['first']);
    course.saveNote(SECTION, note.id, 'first, edited');
    expect(onDisk()).toEqual(['first, edited']);
    expect(journalLines(journal)).toEqual([]);
  });

  it('ends in the same state when a crash left a journal that was already folded in', () => {
    const userDataDir = tempDir();
    const { repository, course } = openStudy(userDataDir);
    const kept = course.saveNote(SECTION, null, 'kept');
    const gone = course.saveNote(SECTION, null, 'deleted later');
    course.saveNote(SECTION, kept.id, 'kept, edited');
    course.deleteNote(gone.id);
    course.setSectionRead(SECTION, true);
    const { journal } = files(userDataDir);
    const folded = `${journal}.before-fold`;
    copyFileSync(journal, folded);
    const expected = course.state();
    repository.close();
    // The crash: the shard file was rewritten, but the journal was not emptied.
    copyFileSync(folded, journal);

    expect(openStudy(userDataDir).course.state()).toEqual(expected);
  });
});
