import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServices, tempDir } from '../support/services.js';

const COURSE = 'generative-ai';

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
  });

  it('a damaged settings file does not stop the app from starting', async () => {
    const userDataDir = tempDir();
    writeFileSync(path.join(userDataDir, 'settings.json'), 'not json at all');
    const { handlers } = startServices(userDataDir);
    const info = await handlers['app:getInfo']({});
    expect(info).toMatchObject({ ok: true, result: { theme: 'system', notices: [{ title: 'Your settings could not be read' }] } });
    expect(readdirSync(userDataDir).some((f) => f.startsWith('settings.unreadable-'))).toBe(true);
  });

  it('section ids with dots are kept as plain keys, not as nested paths', async () => {
    const { handlers, userDataDir } = startServices();
    await handlers['study:setLocation']({ courseId: COURSE, location: { sectionId: 'generative-ai.md#overview', scrollRatio: 0.5 } });
    const onDisk = JSON.parse(readFileSync(path.join(userDataDir, 'study', `${COURSE}.json`), 'utf8'));
    expect(onDisk.lastLocation).toEqual({ sectionId: 'generative-ai.md#overview', scrollRatio: 0.5 });
    expect(existsSync(path.join(userDataDir, 'settings.json'))).toBe(true);
  });
});
