import { expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { blockExternalRequests, startHost, type RunningHost } from '../support/host.js';
import { ReaderPage } from '../support/reader-page.js';

const SECTIONS = ['Learning Objectives', 'Overview', 'Frontier/Foundation Models', 'Inspiration', 'More Resources', 'Contact'];

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

test('a student reads, bookmarks and takes notes, and finds them all again after a restart', async ({ browser }) => {
  const userData = mkdtempSync(path.join(tmpdir(), 'carrel-e2e-'));
  const context = await browser.newContext();
  const outside = await blockExternalRequests(context);
  host = await startHost({ userDataDir: userData });
  const reader = new ReaderPage(await context.newPage());
  await reader.page.goto(host.url);

  await expect(reader.courseTitle).toHaveText('Generative AI');
  await expect(reader.contents.getByRole('link')).toHaveText(SECTIONS.map((title) => new RegExp(title)));
  await reader.expectSection('Learning Objectives');

  // The centred figure is the course's own image, served offline.
  await reader.openSection('Overview');
  const figure = reader.sectionContent.locator('figure img');
  await expect(figure).toHaveAttribute('alt', 'Generative AI');
  await expect.poll(() => figure.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);

  // Keyboard and buttons move between sections.
  await reader.page.keyboard.press('ArrowRight');
  await reader.expectSection('Frontier/Foundation Models');
  await reader.page.keyboard.press('ArrowLeft');
  await reader.expectSection('Overview');
  await reader.page.getByRole('button', { name: /Next.*Frontier/ }).click();
  await reader.expectSection('Frontier/Foundation Models');
  await reader.page.getByRole('button', { name: /Previous.*Overview/ }).click();
  await reader.expectSection('Overview');

  await reader.bookmarkButton.click();
  await expect(reader.bookmarkButton).toHaveAttribute('aria-pressed', 'true');
  await reader.writeNote('Transformers **changed** NLP');
  await reader.page.getByRole('button', { name: 'Done' }).click();
  await expect(reader.notes).toHaveCount(1);
  await expect(reader.notes.locator('strong')).toHaveText('changed');

  await reader.showTab('Bookmarks');
  await expect(reader.bookmarksPanel.getByRole('button', { name: /^Overview/ })).toBeVisible();

  // The empty section stays in the nav and says so calmly.
  await reader.openSection('Inspiration');
  await expect(reader.page.getByTestId('empty-section')).toContainText('Nothing here yet');

  // The contact button goes to the operating system; the app stays where it is.
  await reader.openSection('Contact');
  const appUrl = reader.page.url();
  await reader.sectionContent.getByRole('link', { name: /CONTACT US/ }).click();
  await expect(reader.page.getByText('Opened in your email app.')).toBeVisible();
  expect(reader.page.url()).toBe(appUrl);
  await expect.poll(() => host!.output()).toContain('would open mailto:accelerate-mle@cst.cam.ac.uk');

  // Jump back through the bookmark, so that is where the app should reopen.
  await reader.showTab('Bookmarks');
  await reader.bookmarksPanel.getByRole('button', { name: /^Overview/ }).click();
  await reader.expectSection('Overview');
  await reader.page.close();
  await host.stop();

  const stored = JSON.parse(readFileSync(path.join(userData, 'study', 'generative-ai.json'), 'utf8'));
  expect(stored.bookmarks.map((b: { sectionId: string }) => b.sectionId)).toEqual(['generative-ai.md#overview']);
  expect(stored.notes.map((n: { body: string }) => n.body)).toEqual(['Transformers **changed** NLP']);
  expect(stored.lastLocation.sectionId).toBe('generative-ai.md#overview');

  host = await startHost({ userDataDir: userData });
  const again = new ReaderPage(await context.newPage());
  await again.page.goto(host.url);
  await again.expectSection('Overview');
  await expect(again.bookmarkButton).toHaveAttribute('aria-pressed', 'true');
  await expect(again.notes).toHaveText(/Transformers changed NLP/);
  await again.showTab('Bookmarks');
  await expect(again.bookmarksPanel.getByRole('button', { name: /^Overview/ })).toBeVisible();

  expect(outside).toEqual([]);
  await context.close();
});

test('notes are edited, deleted and brought back with Undo', async ({ page }) => {
  const userData = mkdtempSync(path.join(tmpdir(), 'carrel-e2e-'));
  const outside = await blockExternalRequests(page);
  host = await startHost({ userDataDir: userData });
  const reader = new ReaderPage(page);
  await page.goto(host.url);
  await reader.openSection('Frontier/Foundation Models');

  await reader.writeNote('First thought');
  await page.keyboard.press('Escape');
  await reader.notes.getByRole('button', { name: 'Edit note' }).click();
  await reader.noteEditor.fill('Second thought, with `code`');
  await expect(page.getByTestId('note-status')).toHaveText('Saved');
  await page.keyboard.press('Escape');
  await expect(reader.notes.locator('code')).toHaveText('code');

  await reader.notes.getByRole('button', { name: 'Delete note' }).click();
  await expect(reader.notes).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(reader.notes).toHaveText(/Second thought, with code/);

  const file = path.join(userData, 'study', 'generative-ai.json');
  const stored = JSON.parse(readFileSync(file, 'utf8'));
  expect(stored.notes.map((n: { body: string }) => n.body)).toEqual(['Second thought, with `code`']);
  expect(outside).toEqual([]);
});

test('a note typed just before the window closes is saved', async ({ page }) => {
  const userData = mkdtempSync(path.join(tmpdir(), 'carrel-e2e-'));
  host = await startHost({ userDataDir: userData });
  const reader = new ReaderPage(page);
  await page.goto(host.url);
  await reader.openSection('Overview');
  await reader.showTab('Notes');
  await page.getByRole('button', { name: 'New note' }).click();
  // Typed, then closed at once: the autosave delay has not passed yet.
  await reader.noteEditor.pressSequentially('last words');
  await page.close({ runBeforeUnload: true });

  const file = path.join(userData, 'study', 'generative-ai.json');
  await expect
    .poll(() => {
      try {
        return JSON.parse(readFileSync(file, 'utf8')).notes.map((n: { body: string }) => n.body);
      } catch {
        return [];
      }
    })
    .toEqual(['last words']);
});

test('a student on a projector reads in focus mode with larger text, and Carrel remembers both', async ({ page }) => {
  const userData = mkdtempSync(path.join(tmpdir(), 'carrel-e2e-'));
  host = await startHost({ userDataDir: userData });
  const reader = new ReaderPage(page);
  await page.goto(host.url);
  await reader.openSection('Overview');
  const paragraph = reader.sectionContent.locator('p').first();
  const normalSize = parseFloat(await paragraph.evaluate((p) => getComputedStyle(p).fontSize));

  await page.getByRole('button', { name: 'Larger text' }).click();
  await page.keyboard.press('+');
  await expect(page.getByRole('button', { name: 'Larger text' })).toBeDisabled();
  await expect.poll(async () => parseFloat(await paragraph.evaluate((p) => getComputedStyle(p).fontSize))).toBeGreaterThan(normalSize * 1.25);

  // Focus mode: the contents and the side panel make way for the text, which takes the room.
  const besidePanels = (await reader.sectionContent.boundingBox())!.width;
  await page.keyboard.press('f');
  await expect(reader.contents).toBeHidden();
  await expect(page.getByRole('button', { name: 'Focus mode' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await reader.sectionContent.boundingBox())!.width).toBeGreaterThan(besidePanels * 1.3);
  await page.keyboard.press('ArrowRight');
  await reader.expectSection('Frontier/Foundation Models');

  // Both are there after a restart, as the student left them.
  await page.reload();
  await expect(reader.courseTitle).toHaveText('Generative AI');
  await expect(reader.contents).toBeHidden();
  await expect(page.getByRole('button', { name: 'Larger text' })).toBeDisabled();
  const settings = JSON.parse(readFileSync(path.join(userData, 'settings.json'), 'utf8'));
  expect(settings.reading).toEqual({ textSize: 'larger', focus: true });

  // Writing a note needs the side panel: focus mode gives way to it.
  await page.keyboard.press('n');
  await expect(reader.noteEditor).toBeVisible();
  await expect(reader.contents).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Smaller text' }).click();
  await expect(page.getByRole('button', { name: 'Larger text' })).toBeEnabled();
});
