import { spawnSync } from 'node:child_process';
import { WRITER_LOCK_FILE } from '../../../electron/core/storage/writer-lock.js';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourseManifest, Envelope, PageNode, StudyState } from '../../../electron/contract.js';
import { CONTENT_SECURITY_POLICY } from '../../../electron/core/protocol/app-requests.js';
import { HostStartError, hostScript, repoRoot, startHost, type RunningHost } from '../../e2e/support/host.js';

const COURSE = 'generative-ai';
const distCourse = path.join(repoRoot, 'dist', 'courses', COURSE);

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A request with the path exactly as given: Node's http client does not normalize it, browsers would. */
function request(
  origin: string,
  rawPath: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { hostname, port, path: rawPath, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function callApi(host: RunningHost, channel: string, body: string, token = host.token): Promise<RawResponse> {
  return request(host.origin, `/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Carrel-Token': token },
    body,
  });
}

async function call<T>(host: RunningHost, channel: string, payload: unknown): Promise<Envelope<T>> {
  const response = await callApi(host, channel, JSON.stringify(payload));
  return JSON.parse(response.body.toString('utf8')) as Envelope<T>;
}

function result<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.result;
}

async function firstSectionId(host: RunningHost): Promise<string> {
  const manifest = result(await call<CourseManifest>(host, 'course:open', { courseId: COURSE }));
  return (manifest.nav.find((node) => node.kind === 'page') as PageNode).sections[0]!.id;
}

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'carrel-host-test-'));
  tempDirs.push(dir);
  return dir;
}

beforeAll(() => {
  if (!existsSync(hostScript)) throw new Error(`${hostScript} is missing: run npm run build first.`);
});

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('browser host over HTTP', () => {
  let host: RunningHost;
  const userDataDir = tempDir();
  const studyFile = path.join(userDataDir, 'study', `${COURSE}.json`);

  beforeAll(async () => {
    host = await startHost({ userDataDir });
  });
  afterAll(async () => {
    await host.stop();
  });

  it('prints its address once, on 127.0.0.1 with a token', () => {
    const lines = host
      .output()
      .split('\n')
      .filter((line) => line.startsWith('Carrel preview: http'));
    expect(lines).toEqual([`Carrel preview: ${host.url}`]);
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{20,}$/);
  });

  it('serves index.html with the shim before the renderer script, under the app CSP', async () => {
    const response = await request(host.origin, '/');
    const html = response.body.toString('utf8');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('no-store');
    const shimTag = '<script src="/carrel-shim.js"></script>';
    expect(html.indexOf('<script')).toBe(html.indexOf(shimTag));
    expect(html.split(shimTag)[1]).toMatch(/<script\b/);
  });

  it('serves the shim as JavaScript', async () => {
    const response = await request(host.origin, '/carrel-shim.js');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.body.toString('utf8')).toContain('/api/');
  });

  it('serves course images with their type', async () => {
    const response = await request(host.origin, `/course/${COURSE}/assets/imgs/gen1.png`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.body.equals(readFileSync(path.join(distCourse, 'assets', 'imgs', 'gen1.png')))).toBe(true);
  });

  it('answers 404 for files that do not exist', async () => {
    expect((await request(host.origin, '/no-such-file.js')).status).toBe(404);
    expect((await request(host.origin, `/course/${COURSE}/assets/imgs/missing.png`)).status).toBe(404);
    expect((await request(host.origin, '/course/no-such-course/assets/imgs/gen1.png')).status).toBe(404);
  });

  const packageJson = readFileSync(path.join(repoRoot, 'package.json'), 'utf8');
  const manifestJson = () => readFileSync(path.join(distCourse, 'manifest.json'), 'utf8');
  const hostile: [string, () => string][] = [
    ['/../package.json', () => packageJson],
    ['/%2e%2e/package.json', () => packageJson],
    ['/%2E%2E/%2E%2E/package.json', () => packageJson],
    ['/..%2fpackage.json', () => packageJson],
    ['/..\\package.json', () => packageJson],
    ['/%5c..%5cpackage.json', () => packageJson],
    ['/assets/../../package.json', () => packageJson],
    ['/course/../package.json', () => packageJson],
    [`/course/${COURSE}/assets/../../manifest.json`, manifestJson],
    [`/course/${COURSE}/assets/..%2f..%2fmanifest.json`, manifestJson],
    [`/course/${COURSE}/assets/%2e%2e/%2e%2e/manifest.json`, manifestJson],
    [`/course/${COURSE}/assets/..\\..\\manifest.json`, manifestJson],
    [`/course/${COURSE}/assets/%5c..%5c..%5cmanifest.json`, manifestJson],
    [`/course/${COURSE}/assets/%252e%252e/%252e%252e/manifest.json`, manifestJson],
    ['//etc/passwd', () => readFileSync('/etc/passwd', 'utf8')],
    ['/%2fetc%2fpasswd', () => readFileSync('/etc/passwd', 'utf8')],
    [`/course/${COURSE}/assets//etc/passwd`, () => readFileSync('/etc/passwd', 'utf8')],
    [`/course/${COURSE}/assets/%2Fetc%2Fpasswd`, () => readFileSync('/etc/passwd', 'utf8')],
    [`/course/${COURSE}/assets/imgs/gen1.png%00.txt`, () => 'PNG'],
  ];

  it.each(hostile)('refuses %s without revealing the file', async (rawPath, content) => {
    const response = await request(host.origin, rawPath);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    const body = response.body.toString('utf8');
    expect(body).not.toContain(content().slice(0, 40));
    expect(body.length).toBeLessThan(200);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const { port } = new URL(host.origin);
    const response = await request(host.origin, '/', { headers: { Host: `attacker.example:${port}` } });
    expect(response.status).toBe(403);
    expect(response.body.toString('utf8')).toContain('unexpected Host header');
    const api = await request(host.origin, '/api/library:list', {
      method: 'POST',
      headers: { Host: `attacker.example:${port}`, 'X-Carrel-Token': host.token },
      body: '{}',
    });
    expect(api.status).toBe(403);
  });

  it('answers an API call with the handler envelope', async () => {
    const courses = result(await call<{ id: string; bundled: boolean }[]>(host, 'library:list', {}));
    expect(courses).toEqual([expect.objectContaining({ id: COURSE, bundled: true })]);
  });

  it('refuses API calls without the right token', async () => {
    for (const token of ['', 'wrong', `${host.token}x`]) {
      const response = await callApi(host, 'library:list', '{}', token);
      expect(response.status).toBe(403);
      expect(JSON.parse(response.body.toString('utf8'))).toMatchObject({ ok: false, error: { code: 'not-allowed' } });
    }
    const noHeader = await request(host.origin, '/api/library:list', { method: 'POST', body: '{}' });
    expect(noHeader.status).toBe(403);
  });

  it('refuses API calls from another origin even with the token', async () => {
    const response = await request(host.origin, '/api/library:list', {
      method: 'POST',
      headers: { Origin: 'http://attacker.example', 'X-Carrel-Token': host.token },
      body: '{}',
    });
    expect(response.status).toBe(403);
  });

  it('answers 404 for an unknown channel and 405 for a GET', async () => {
    const unknown = await callApi(host, 'study:dropEverything', '{}');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body.toString('utf8'))).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const inherited = await callApi(host, 'constructor', '{}');
    expect(inherited.status).toBe(404);
    expect((await request(host.origin, '/api/library:list')).status).toBe(405);
  });

  it('keeps a bookmark in the study file of the course', async () => {
    const sectionId = await firstSectionId(host);
    const bookmark = result(await call<{ id: string }>(host, 'study:addBookmark', { courseId: COURSE, sectionId, headingId: null }));
    const onDisk = JSON.parse(readFileSync(studyFile, 'utf8')) as StudyState;
    expect(onDisk.bookmarks).toEqual([expect.objectContaining({ id: bookmark.id, sectionId })]);
  });

  it('refuses malformed payloads with invalid-payload and leaves the study file as it was', async () => {
    const sectionId = await firstSectionId(host);
    result(await call(host, 'study:addBookmark', { courseId: COURSE, sectionId, headingId: null }));
    const before = readFileSync(studyFile);

    const malformed: [string, RegExp][] = [
      [JSON.stringify({ courseId: COURSE, sectionId, extra: true }), /payload\.extra is not an expected field/],
      [`{"courseId":"${COURSE}","sectionId":${JSON.stringify(sectionId)},"__proto__":{"polluted":true}}`, /__proto__/],
      [JSON.stringify({ courseId: COURSE, sectionId: 42 }), /payload\.sectionId must be a string/],
      [JSON.stringify({ courseId: COURSE }), /payload\.sectionId is missing/],
      [JSON.stringify([COURSE, sectionId]), /payload must be an object/],
    ];
    for (const [body, message] of malformed) {
      const response = await callApi(host, 'study:addBookmark', body);
      const envelope = JSON.parse(response.body.toString('utf8')) as Envelope<unknown>;
      expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
      expect(envelope.ok ? '' : envelope.error.message).toMatch(message);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(readFileSync(studyFile).equals(before)).toBe(true);
  });

  it('answers a body that is not JSON with 400 and an invalid-payload envelope', async () => {
    const before = readFileSync(studyFile);
    const response = await callApi(host, 'study:addBookmark', '{"courseId": "generative-ai",');
    expect(response.status).toBe(400);
    const envelope = JSON.parse(response.body.toString('utf8')) as Envelope<unknown>;
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(envelope.ok ? '' : envelope.error.message).toContain('not valid JSON');
    expect(readFileSync(studyFile).equals(before)).toBe(true);
  });

  it('refuses a body larger than any valid call with 413', async () => {
    const before = readFileSync(studyFile);
    const body = JSON.stringify({
      courseId: COURSE,
      sectionId: 'x#y',
      noteId: null,
      body: 'x'.repeat(5 * 1024 * 1024),
    });
    const response = await callApi(host, 'study:saveNote', body);
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body.toString('utf8'))).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(readFileSync(studyFile).equals(before)).toBe(true);
  });

  it('prints the link it would open instead of fetching it', async () => {
    result(await call(host, 'shell:openExternal', { url: 'https://example.org/reading' }));
    expect(host.output()).toContain('Carrel preview: would open https://example.org/reading');
  });
});

describe('one host per user-data folder', () => {
  it('refuses a second host on the same folder and hands the folder on once the first stops', async () => {
    const userDataDir = tempDir();
    const first = await startHost({ userDataDir });
    const sectionId = await firstSectionId(first);
    const bookmark = result(await call<{ id: string }>(first, 'study:addBookmark', { courseId: COURSE, sectionId, headingId: null }));

    const second = await startHost({ userDataDir }).catch((error: unknown) => error as HostStartError);
    expect(second).toBeInstanceOf(HostStartError);
    expect((second as HostStartError).exitCode).toBe(1);
    expect((second as HostStartError).output).toContain(`is already using ${userDataDir}`);

    expect(await first.stop()).toBe(0);
    expect(existsSync(path.join(userDataDir, WRITER_LOCK_FILE))).toBe(false);

    const third = await startHost({ userDataDir });
    try {
      const state = result(await call<StudyState>(third, 'study:getState', { courseId: COURSE }));
      expect(state.bookmarks.map((b) => b.id)).toEqual([bookmark.id]);
    } finally {
      await third.stop();
    }
  });

  it('takes over a lock left by a host that no longer runs', async () => {
    const userDataDir = tempDir();
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(path.join(userDataDir, WRITER_LOCK_FILE), `${gone}\n`);
    const host = await startHost({ userDataDir });
    try {
      expect(result(await call<unknown[]>(host, 'library:list', {}))).toHaveLength(1);
    } finally {
      await host.stop();
    }
  });
});

describe('command line', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [hostScript, ...args], { encoding: 'utf8' });

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--user-data'], /--user-data/],
    [['--port', 'eighty'], /--port must be a whole number from 0 to 65535/],
    [['--port', '70000'], /--port must be a whole number from 0 to 65535/],
    [['stray'], /stray/],
  ])('exits with 2 and says what was wrong for %j', (args, message) => {
    const { status, stderr } = run(...args);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('Usage:');
  });
});
