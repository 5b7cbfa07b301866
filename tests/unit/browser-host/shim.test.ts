import { chromium, type Browser, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { methodChannels, type CarrelBridge } from '../../../electron/contract.js';
import { blockExternalRequests, startHost, type RunningHost } from '../../e2e/support/host.js';

declare global {
  interface Window {
    carrel: CarrelBridge;
  }
}

const debianChromium = '/usr/bin/chromium';
const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'carrel-shim-test-'));

let browser: Browser;
let host: RunningHost;
let page: Page;
let external: string[];

beforeAll(async () => {
  host = await startHost({ userDataDir });
  browser = await chromium.launch({
    ...(existsSync(debianChromium) ? { executablePath: debianChromium } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
});

afterAll(async () => {
  await browser.close();
  await host.stop();
  rmSync(userDataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  page = await browser.newPage();
  external = await blockExternalRequests(page);
});

afterEach(async () => {
  await page.close();
  expect(external).toEqual([]);
});

describe('window.carrel in a page served by the browser host', () => {
  it('has exactly one method per channel of the contract, the menu listener, and cannot be replaced', async () => {
    await page.goto(host.url);
    const methods = await page.evaluate(() => Object.keys(window.carrel).sort());
    expect(methods).toEqual([...Object.keys(methodChannels), 'onMenuCommand'].sort());
    const frozen = await page.evaluate(() => {
      (window as unknown as { carrel: unknown }).carrel = {};
      return Object.isFrozen(window.carrel) && typeof window.carrel.listCourses === 'function';
    });
    expect(frozen).toBe(true);
  });

  it('adds nothing to window but carrel', async () => {
    // A same-origin page without the renderer, so only the shim can add globals.
    await page.goto(`${host.origin}/no-such-page`);
    const before = await page.evaluate(() => Object.getOwnPropertyNames(window));
    await page.addScriptTag({ url: '/carrel-shim.js' });
    const after = await page.evaluate(() => Object.getOwnPropertyNames(window));
    expect(after.filter((name) => !before.includes(name))).toEqual(['carrel']);
  });

  it('returns the host envelope for a call', async () => {
    await page.goto(host.url);
    const envelope = await page.evaluate(() => window.carrel.listCourses({}));
    expect(envelope).toMatchObject({ ok: true, result: [{ id: 'generative-ai', bundled: true }] });
    const refused = await page.evaluate(() => window.carrel.openCourse({ courseId: 'Not A Course' }));
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
  });

  it('keeps working after a reload without the token in the address', async () => {
    await page.goto(host.url);
    await page.goto(`${host.origin}/`);
    expect(await page.evaluate(() => window.carrel.listCourses({}))).toMatchObject({ ok: true });
  });

  it('is refused by the host in a tab that never had the token', async () => {
    await page.goto(`${host.origin}/`);
    const envelope = await page.evaluate(() => window.carrel.listCourses({}));
    expect(envelope).toMatchObject({ ok: false, error: { code: 'not-allowed' } });
  });

  it('says the host is not reachable once it has stopped', async () => {
    const ownDir = mkdtempSync(path.join(os.tmpdir(), 'carrel-shim-test-'));
    const ownHost = await startHost({ userDataDir: ownDir });
    try {
      await page.goto(ownHost.url);
      await ownHost.stop();
      const envelope = await page.evaluate(() => window.carrel.listCourses({}));
      expect(envelope).toMatchObject({ ok: false, error: { code: 'internal' } });
      expect(envelope.ok ? '' : envelope.error.message).toMatch(/^Carrel preview host is not reachable: /);
    } finally {
      await ownHost.stop();
      rmSync(ownDir, { recursive: true, force: true });
    }
  });
});
