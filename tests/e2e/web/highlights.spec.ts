import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { blockExternalRequests, startHost, type RunningHost } from '../support/host.js';
import { ReaderPage } from '../support/reader-page.js';

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

/** Selects a phrase in the section's text, as a student drags across it. */
async function selectText(page: Page, phrase: string): Promise<void> {
  await page.getByTestId('section-content').evaluate((root, wanted) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = (node as Text).data.indexOf(wanted);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      node.parentElement!.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      return;
    }
    throw new Error(`"${wanted}" is not in the section`);
  }, phrase);
}

test('a student highlights text, adds a note to it, and finds it in My notes and in search', async ({ page }) => {
  const userData = mkdtempSync(path.join(tmpdir(), 'carrel-e2e-'));
  const outside = await blockExternalRequests(page);
  host = await startHost({ userDataDir: userData });
  const reader = new ReaderPage(page);
  await page.goto(host.url);
  await reader.openSection('Overview');

  await selectText(page, 'very powerful autocomplete model');
  await page.getByRole('toolbar', { name: 'Highlight the selection' }).getByRole('button', { name: 'Note' }).click();
  const mark = reader.sectionContent.locator('mark.hl');
  await expect(mark).toHaveText('very powerful autocomplete model');
  await reader.noteEditor.fill('Language models as **autocomplete**');
  await expect(page.getByTestId('note-status')).toHaveText('Saved');
  await page.keyboard.press('Escape');
  const card = page.getByTestId('highlight-card');
  await expect(card.locator('blockquote')).toHaveText('very powerful autocomplete model');
  await expect(card.locator('strong')).toHaveText('autocomplete');

  // A second highlight in another colour; then recolour it and delete it with Undo.
  await selectText(page, 'transformer model');
  await page.getByRole('button', { name: 'Highlight blue' }).click();
  await expect(mark).toHaveCount(2);
  await page.getByTestId('highlight-card').nth(1).getByRole('radio', { name: 'Pink' }).click();
  await page.getByTestId('highlight-card').nth(1).getByRole('button', { name: 'Delete highlight' }).click();
  await expect(mark).toHaveCount(1);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(mark).toHaveCount(2);

  // Reaching the end of a section counts it as read; the sidebar and the progress bar show it.
  await reader.page.getByRole('navigation', { name: 'Previous and next section' }).scrollIntoViewIfNeeded();
  await expect(reader.page.getByRole('button', { name: 'Mark as read' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('progressbar', { name: 'Course progress' })).toHaveAttribute('aria-valuenow', '17');

  // My notes lists both highlights; filtering by colour narrows it; a row leads back to the text.
  await page.getByRole('button', { name: /My notes/ }).click();
  await expect(page.getByTestId('study-entry')).toHaveCount(2);
  await page.getByRole('radio', { name: 'Pink highlights' }).click();
  await expect(page.getByTestId('study-entry')).toHaveCount(1);
  await page.getByRole('radio', { name: 'All' }).click();
  await page.getByTestId('study-entry').filter({ hasText: 'autocomplete' }).click();
  await reader.expectSection('Overview');

  // Search finds the course text and the student's own note, labelled as theirs.
  await page.keyboard.press('Control+k');
  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.fill('autocomplete');
  const results = page.getByTestId('search-result');
  await expect(results.filter({ hasText: 'Your highlight' })).toHaveCount(1);
  await expect(results.filter({ hasText: 'Overview' }).first()).toBeVisible();
  await search.fill('transfomer');
  await expect(results.first()).toContainText('transformer');
  await page.keyboard.press('Enter');
  await reader.expectSection('Overview');
  await expect(reader.sectionContent.locator('mark.search-match').first()).toBeVisible();

  const stored = JSON.parse(readFileSync(path.join(userData, 'study', 'generative-ai.json'), 'utf8'));
  expect(stored.highlights.map((h: { quote: { exact: string }; color: string }) => [h.quote.exact, h.color])).toEqual([
    ['very powerful autocomplete model', 'yellow'],
    ['transformer model', 'pink'],
  ]);
  expect(outside).toEqual([]);
});

test('search finds a note written a moment ago, labelled as the student’s own', async ({ page }) => {
  host = await startHost({ userDataDir: mkdtempSync(path.join(tmpdir(), 'carrel-e2e-')) });
  const reader = new ReaderPage(page);
  await page.goto(host.url);
  await reader.openSection('More Resources');
  await reader.writeNote('Ask about the diffusion workshop dates');
  await page.keyboard.press('Escape');

  await page.keyboard.press('/');
  await page.getByRole('radio', { name: 'My notes' }).click();
  await page.getByRole('searchbox', { name: 'Search' }).fill('workshop dates');
  const result = page.getByTestId('search-result');
  await expect(result).toHaveCount(1);
  await expect(result).toContainText('Your note');
  await expect(result.locator('mark')).toHaveText(['workshop', 'dates']);
});

test('ten thousand notes from a backup load into My notes without drawing them all', async ({ page }) => {
  const userData = mkdtempSync(path.join(tmpdir(), 'carrel-e2e-'));
  host = await startHost({ userDataDir: userData });
  await page.goto(host.url);
  const stamp = '2026-01-01T00:00:00.000Z';
  const notes = Array.from({ length: 10_000 }, (_, i) => ({
    id: `n${i}`,
    sectionId: 'generative-ai.md#overview',
    body: `Note number ${i}`,
    createdAt: stamp,
    updatedAt: stamp,
  }));
  const backup = {
    format: 'carrel-study-backup',
    version: 1,
    exportedAt: stamp,
    courses: { 'generative-ai': { title: 'Generative AI', bookmarks: [], notes, highlights: [], readSections: [], lastLocation: null } },
  };
  await page.getByRole('button', { name: /My notes/ }).click();
  await page.getByTestId('import-backup-input').setInputFiles({
    name: 'backup.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(backup)),
  });
  const dialog = page.getByRole('dialog', { name: 'Import backup.json?' });
  await expect(dialog.getByRole('row', { name: /Notes/ })).toContainText('10000');
  await dialog.getByRole('button', { name: 'Import 10000 changes' }).click();
  await expect(page.getByText('10000 of 10000 shown')).toBeVisible();
  const drawn = await page.getByTestId('study-entry').count();
  expect(drawn).toBeGreaterThan(0);
  expect(drawn).toBeLessThan(60);
  await page.getByRole('list', { name: 'Notes and highlights' }).evaluate((list) => list.scrollTo(0, list.scrollHeight));
  await expect(page.getByTestId('study-entry').filter({ hasText: 'Note number 9999' })).toBeVisible();
});
