import { mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { uptime } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CarrelError } from '../../../electron/core/errors.js';
import { NoticeBoard } from '../../../electron/core/notices.js';
import { storeOpener } from '../../../electron/core/storage/store.js';
import { WRITER_LOCK_FILE } from '../../../electron/core/storage/writer-lock.js';
import { StudyRepository } from '../../../electron/core/study/study-repository.js';
import { NodeStore, tempDir } from '../support/services.js';
import { saveLoopScript, startChild } from './support/child.js';
import { FAULT_COURSE, FAULT_SECTION } from './support/fault-course.js';

const open = (userDataDir: string) => new StudyRepository(storeOpener(NodeStore), userDataDir, new NoticeBoard());

const snapshot = (dir: string) =>
  Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(path.join(dir, name)).toString('base64')]));

describe('one writer per store folder', () => {
  it('refuses to open study data another running process is writing, and changes none of it', async () => {
    const userDataDir = tempDir();
    const first = open(userDataDir);
    first.forCourse(FAULT_COURSE).saveNote(FAULT_SECTION, null, 'written by the first Carrel');
    first.close();

    const holder = startChild(await saveLoopScript(), [userDataDir, 'hold']);
    try {
      await holder.waitFor((line) => line === 'ready');
      const studyDir = path.join(userDataDir, 'study');
      const before = snapshot(studyDir);

      let refusal: unknown;
      try {
        open(userDataDir).forCourse('another-course');
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(CarrelError);
      expect((refusal as CarrelError).code).toBe('storage');
      expect((refusal as CarrelError).message).toContain(`Another running Carrel (process ${holder.process.pid})`);
      expect(snapshot(studyDir)).toEqual(before);
    } finally {
      holder.process.kill('SIGKILL');
      await holder.exited;
    }

    // The lock of a process that no longer runs is taken over.
    const after = open(userDataDir);
    expect(
      after
        .forCourse(FAULT_COURSE)
        .state()
        .notes.map((n) => n.body),
    ).toEqual(['written by the first Carrel']);
    after.close();
  });

  it('takes over a lock written before the computer last started, whatever now runs under its pid', () => {
    const userDataDir = tempDir();
    const lock = path.join(userDataDir, 'study', WRITER_LOCK_FILE);
    mkdirSync(path.dirname(lock));
    // The test runner's parent process is running; as the owner of a fresh lock it is respected.
    writeFileSync(lock, `${process.ppid}\n`);
    expect(() => open(userDataDir).forCourse(FAULT_COURSE)).toThrow(`Another running Carrel (process ${process.ppid})`);

    const beforeBoot = (Date.now() - uptime() * 1000 - 60_000) / 1000;
    utimesSync(lock, beforeBoot, beforeBoot);
    const study = open(userDataDir);
    study.forCourse(FAULT_COURSE).saveNote(FAULT_SECTION, null, 'after a reboot');
    expect(readFileSync(lock, 'utf8').trim()).toBe(String(process.pid));
    study.close();
  });

  it('takes over a lock whose process is gone and releases it on close', () => {
    const userDataDir = tempDir();
    const lock = path.join(userDataDir, 'study', WRITER_LOCK_FILE);
    const study = open(userDataDir);
    study.forCourse(FAULT_COURSE);
    expect(readFileSync(lock, 'utf8').trim()).toBe(String(process.pid));
    study.close();
    expect(readdirSync(path.join(userDataDir, 'study'))).not.toContain(WRITER_LOCK_FILE);

    // A pid far above any the system hands out.
    writeFileSync(lock, '4194999\n');
    const again = open(userDataDir);
    again.forCourse(FAULT_COURSE).saveNote(FAULT_SECTION, null, 'after a crash');
    expect(readFileSync(lock, 'utf8').trim()).toBe(String(process.pid));
    again.close();
  });
});
