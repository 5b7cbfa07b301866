import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectDocument } from '../../../electron/core/storage/document.js';
import { STUDY_SCHEMA_VERSION, studySchema } from '../../../electron/core/study/study-schema.js';
import { startServices, tempDir } from '../support/services.js';

const COURSE = 'generative-ai';
const OVERVIEW = 'generative-ai.md#overview';

/**
 * A study file as each earlier Carrel wrote it (conf writes tab-indented JSON). A new schema
 * version must add the file its predecessor wrote here; the test below insists on it.
 */
const WRITTEN_BY_VERSION: Record<number, { schemaVersion: number; notes: object[] } & Record<string, unknown>> = {
  1: {
    schemaVersion: 1,
    bookmarks: [{ id: 'b1', sectionId: OVERVIEW, createdAt: '2025-01-02T10:00:00.000Z' }],
    notes: [
      {
        id: 'n1',
        sectionId: OVERVIEW,
        body: 'Written before highlights existed',
        createdAt: '2025-01-02T10:01:00.000Z',
        updatedAt: '2025-01-02T10:02:00.000Z',
      },
    ],
    lastLocation: { sectionId: OVERVIEW, scrollRatio: 0.25 },
  },
};

const written = (version: number) => `${JSON.stringify(WRITTEN_BY_VERSION[version], undefined, '\t')}`;

describe('study files from earlier versions', () => {
  it('has a sample file for every earlier version', () => {
    const earlier = Array.from({ length: STUDY_SCHEMA_VERSION - 1 }, (_, i) => i + 1);
    expect(Object.keys(WRITTEN_BY_VERSION).map(Number)).toEqual(earlier);
  });

  it.each(Object.keys(WRITTEN_BY_VERSION).map(Number))(
    'brings a version %i file up to the current version',
    (version) => {
      const inspection = inspectDocument(Buffer.from(written(version)), studySchema, 'sample');
      expect(inspection).toMatchObject({
        kind: 'current',
        migratedFrom: version,
        value: { schemaVersion: STUDY_SCHEMA_VERSION },
      });
    },
  );

  it('opens a version 1 file with everything in it, rewrites it as version 2 and keeps the original as a backup', async () => {
    const userDataDir = tempDir();
    const studyDir = path.join(userDataDir, 'study');
    mkdirSync(studyDir);
    writeFileSync(path.join(studyDir, `${COURSE}.json`), written(1));

    const services = startServices(userDataDir);
    const state = await services.handlers['study:getState']({ courseId: COURSE });
    expect(state).toEqual({
      ok: true,
      result: {
        bookmarks: [{ id: 'b1', sectionId: OVERVIEW, headingId: null, createdAt: '2025-01-02T10:00:00.000Z' }],
        notes: [WRITTEN_BY_VERSION[1]!.notes[0]],
        highlights: [],
        readSections: [],
        lastLocation: { sectionId: OVERVIEW, scrollRatio: 0.25 },
      },
    });
    const info = await services.handlers['app:getInfo']({});
    expect(info).toMatchObject({ ok: true, result: { notices: [] } });

    const onDisk = JSON.parse(readFileSync(path.join(studyDir, `${COURSE}.json`), 'utf8')) as { schemaVersion: number };
    expect(onDisk.schemaVersion).toBe(2);
    // The first rotation kept the file as version 1 wrote it; the second, the upgraded file.
    expect(readFileSync(path.join(studyDir, `${COURSE}.backup-2.json`), 'utf8')).toBe(written(1));
    expect(JSON.parse(readFileSync(path.join(studyDir, `${COURSE}.backup-1.json`), 'utf8'))).toEqual(onDisk);
  });

  it('opens the settings file the first version wrote', async () => {
    const userDataDir = tempDir();
    writeFileSync(
      path.join(userDataDir, 'settings.json'),
      JSON.stringify(
        {
          schemaVersion: 1,
          theme: 'dark',
          lastCourseId: COURSE,
          windowBounds: { width: 900, height: 700, maximized: false },
        },
        undefined,
        '\t',
      ),
    );
    const info = await startServices(userDataDir).handlers['app:getInfo']({});
    expect(info).toMatchObject({
      ok: true,
      result: { theme: 'dark', reading: { textSize: 'normal', focus: false }, lastCourseId: COURSE, notices: [] },
    });
    // Rewritten as version 2 when something changes, with what version 1 held kept.
    await startServices(userDataDir).handlers['app:setReading']({ textSize: 'small', focus: false });
    expect(JSON.parse(readFileSync(path.join(userDataDir, 'settings.json'), 'utf8'))).toMatchObject({
      schemaVersion: 2,
      theme: 'dark',
      lastCourseId: COURSE,
      reading: { textSize: 'small', focus: false },
      windowBounds: { width: 900, height: 700, maximized: false },
    });
  });
});
