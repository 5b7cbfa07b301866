import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { methodChannels } from '../../../electron/contract.js';
import { ReaderPage } from '../support/reader-page.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SECTIONS = [
  'Learning Objectives',
  'Overview',
  'Frontier/Foundation Models',
  'Inspiration',
  'More Resources',
  'Contact',
];

/**
 * The Electron binary, asked of the `electron` package exactly as `electron .` would: its
 * `require('electron')` returns the binary's path and throws where there is none (after trying to
 * download it). That runs in a child Node process so the attempt's output stays out of the report;
 * the answer is its last line. Nothing else is ever started: `_electron.launch` must only see Electron.
 */
const PROBE = `
let answer;
try { answer = { binary: require('electron') }; } catch (error) { answer = { error: error.message }; }
console.log(JSON.stringify(answer));`;

function findElectron(): { binary: string } | { reason: string } {
  const probe = spawnSync(process.execPath, ['-e', PROBE], { cwd: root, encoding: 'utf8' });
  const lastLine = probe.stdout.trim().split('\n').at(-1) ?? '';
  let answer: { binary?: string; error?: string };
  try {
    answer = JSON.parse(lastLine) as typeof answer;
  } catch {
    return { reason: `No Electron binary: asking the electron package for it failed (exit code ${probe.status}).` };
  }
  if (answer.error !== undefined || answer.binary === undefined) {
    return {
      reason: `No Electron binary on this machine: the electron package has none and could not fetch one ("${answer.error}").`,
    };
  }
  if (!existsSync(answer.binary)) {
    return {
      reason: `No Electron binary on this machine: require('electron') names ${answer.binary}, which does not exist.`,
    };
  }
  return { binary: answer.binary };
}

let electronLookup: ReturnType<typeof findElectron> | undefined;
const electronBinary = () => (electronLookup ??= findElectron());

function requireBuild(): void {
  for (const file of ['dist/main/index.js', 'dist/preload/index.cjs', 'dist/renderer/index.html']) {
    if (!existsSync(path.join(root, file))) throw new Error(`${file} is missing: run npm run build first.`);
  }
}

/**
 * Starts the app from the repository (`electron .`, main = dist/main/index.js). CARREL_USER_DATA
 * gives each run its own user-data folder (see electron/main/paths.ts), so a relaunch with the
 * same folder finds the same study data.
 */
function launch(binary: string, userData: string): Promise<ElectronApplication> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  delete env.ELECTRON_RUN_AS_NODE;
  // Chromium refuses to start its sandbox as root (containers); only then is it turned off.
  const sandboxArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  return electron.launch({
    executablePath: binary,
    args: [...sandboxArgs, '.'],
    cwd: root,
    env: { ...env, CARREL_USER_DATA: userData },
  });
}

let userData: string | undefined;
let app: ElectronApplication | undefined;

test.afterEach(async () => {
  await app?.close();
  app = undefined;
  if (userData) rmSync(userData, { recursive: true, force: true });
  userData = undefined;
});

test.beforeAll(() => {
  const found = electronBinary();
  if ('reason' in found) {
    // The list reporter does not print skip reasons; say once why these tests did not run.
    console.log(`Skipping the Electron end-to-end tests. ${found.reason}`);
    test.skip(true, found.reason);
  }
  requireBuild();
});

const binary = () => (electronBinary() as { binary: string }).binary;

test('a student bookmarks and takes notes in the desktop app, and finds them again after a restart', async () => {
  userData = mkdtempSync(path.join(tmpdir(), 'carrel-electron-e2e-'));
  app = await launch(binary(), userData);
  let reader = new ReaderPage(await app.firstWindow());

  await expect(reader.courseTitle).toHaveText('Generative AI');
  await expect(reader.contents.getByRole('link')).toHaveText(SECTIONS.map((title) => new RegExp(title)));

  await reader.openSection('Overview');
  await reader.bookmarkButton.click();
  await expect(reader.bookmarkButton).toHaveAttribute('aria-pressed', 'true');
  await reader.writeNote('Diffusion models start from **noise**');
  await reader.page.getByRole('button', { name: 'Done' }).click();
  await expect(reader.notes).toHaveText(/Diffusion models start from noise/);
  await reader.showTab('Bookmarks');
  await expect(reader.bookmarksPanel.getByRole('button', { name: /^Overview/ })).toBeVisible();

  await app.close();
  app = undefined;

  const stored = JSON.parse(readFileSync(path.join(userData, 'study', 'generative-ai.json'), 'utf8')) as {
    bookmarks: { sectionId: string }[];
    notes: { body: string }[];
  };
  expect(stored.bookmarks.map((bookmark) => bookmark.sectionId)).toEqual(['generative-ai.md#overview']);
  expect(stored.notes.map((note) => note.body)).toEqual(['Diffusion models start from **noise**']);

  app = await launch(binary(), userData);
  reader = new ReaderPage(await app.firstWindow());
  await reader.expectSection('Overview');
  await expect(reader.bookmarkButton).toHaveAttribute('aria-pressed', 'true');
  await expect(reader.notes).toHaveText(/Diffusion models start from noise/);
  await reader.showTab('Bookmarks');
  await expect(reader.bookmarksPanel.getByRole('button', { name: /^Overview/ })).toBeVisible();
});

test('the window reopens at the size it was closed at', async () => {
  userData = mkdtempSync(path.join(tmpdir(), 'carrel-electron-e2e-'));
  app = await launch(binary(), userData);
  await expect(new ReaderPage(await app.firstWindow()).courseTitle).toHaveText('Generative AI');
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.setSize(1000, 700));
  await app.close();
  app = undefined;

  app = await launch(binary(), userData);
  await expect(new ReaderPage(await app.firstWindow()).courseTitle).toHaveText('Generative AI');
  // The saved size is applied just before the window is first shown.
  const shown = app;
  await expect
    .poll(() =>
      shown.evaluate(({ BrowserWindow }) => {
        const window = BrowserWindow.getAllWindows()[0]!;
        return window.isVisible() ? window.getSize() : null;
      }),
    )
    .toEqual([1000, 700]);
});

test('the page is locked down: no Node, only the carrel bridge, served with a strict policy', async () => {
  userData = mkdtempSync(path.join(tmpdir(), 'carrel-electron-e2e-'));
  app = await launch(binary(), userData);
  const page = await app.firstWindow();
  await expect(new ReaderPage(page).courseTitle).toHaveText('Generative AI');

  expect(page.url()).toBe('carrel://app/index.html');
  const seen = await page.evaluate(async () => {
    const response = await fetch('/index.html');
    return {
      node: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      bridge: Object.keys((window as unknown as { carrel: object }).carrel).sort(),
      csp: response.headers.get('content-security-policy'),
      nosniff: response.headers.get('x-content-type-options'),
    };
  });
  expect(seen).toEqual({
    node: 'undefined',
    process: 'undefined',
    bridge: [...Object.keys(methodChannels), 'onMenuCommand'].sort(),
    csp: expect.stringContaining("default-src 'self'"),
    nosniff: 'nosniff',
  });
});
