import { expect, test, type Locator, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { blockExternalRequests, repoRoot, startHost, type RunningHost } from '../support/host.js';
import { ReaderPage } from '../support/reader-page.js';

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

const fixture = path.join(repoRoot, 'tests', 'fixtures', 'courses', 'features');

/** A course pack made the way an instructor makes one: `carrel pack`. */
function packFixture(): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'carrel-pack-')), 'feature-tour.carrel');
  execFileSync(process.execPath, [path.join(repoRoot, 'dist', 'cli', 'carrel.js'), 'pack', fixture, '-o', file], {
    stdio: 'pipe',
  });
  return file;
}

test('a student imports a course pack, opens it, and removes it again', async ({ page }) => {
  const outside = await blockExternalRequests(page);
  host = await startHost({ userDataDir: mkdtempSync(path.join(tmpdir(), 'carrel-e2e-')) });
  const reader = new ReaderPage(page);
  await page.goto(host.url);
  await expect(page.getByTestId('section-content')).toBeVisible();
  await page.getByRole('button', { name: 'Library' }).click();
  await expect(page.getByTestId('library-course')).toHaveCount(1);

  const pack = packFixture();
  await page.getByTestId('import-pack-input').setInputFiles(pack);
  const report = page.getByTestId('import-report');
  await expect(report.getByRole('heading')).toHaveText('“Feature Tour” is in your library');
  await expect(report).toContainText('5 pages');
  await report.getByRole('button', { name: 'Open the course' }).click();

  await expect(reader.courseTitle).toHaveText('Feature Tour');
  await expect(reader.contents.getByRole('link', { name: /Getting started/ })).toBeVisible();
  await reader.openSection('Getting started');

  await page.getByRole('button', { name: 'Library' }).click();
  await expect(page.getByTestId('library-course')).toHaveCount(2);
  // Handed on to a classmate: saved as the same .carrel file the instructor made.
  const saving = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save Feature Tour as a .carrel file' }).click();
  const saved = await saving;
  expect(saved.suggestedFilename()).toBe('feature-tour.carrel');
  expect(readFileSync(await saved.path())).toEqual(readFileSync(pack));
  await expect(page.getByText('Saved “Feature Tour” as feature-tour.carrel')).toBeVisible();

  await page.getByRole('button', { name: 'Remove Feature Tour' }).click();
  const dialog = page.getByRole('dialog', { name: /Remove “Feature Tour”/ });
  await expect(dialog).toContainText('Your study data is kept');
  await dialog.getByRole('button', { name: 'Remove course' }).click();
  await expect(page.getByTestId('library-course')).toHaveCount(1);
  await expect(page.getByText('Removed “Feature Tour”. Your notes for it are kept.')).toBeVisible();
  expect(outside).toEqual([]);
});

/** Starts Carrel on new user data and imports a fixture course's MkDocs folder from the library; the import report. */
async function importFixtureFolder(page: Page, name: string): Promise<Locator> {
  host = await startHost({ userDataDir: mkdtempSync(path.join(tmpdir(), 'carrel-e2e-')) });
  await page.goto(host.url);
  await expect(page.getByTestId('section-content')).toBeVisible();
  await page.getByRole('button', { name: 'Library' }).click();
  await page.getByTestId('import-folder-input').setInputFiles(path.join(repoRoot, 'tests', 'fixtures', 'courses', name));
  return page.getByTestId('import-report');
}

test('a student imports an MkDocs folder and sees what could not be shown offline', async ({ page }) => {
  const report = await importFixtureFolder(page, 'features');
  await expect(report.getByRole('heading', { level: 2 })).toHaveText('“Feature Tour” is in your library');
  await expect(report.getByRole('listitem').first()).toBeVisible();
});

test('an MkDocs folder that shares parts between pages through snippets imports whole', async ({ page }) => {
  const report = await importFixtureFolder(page, 'snippets');
  await expect(report.getByRole('heading', { level: 2 })).toHaveText('“Shared Parts” is in your library');
  // The one snippet that names a missing file is in the report, with where it was named.
  await expect(report.getByRole('listitem')).toHaveText([
    /docs\/guide\/setup\.md:15.*not-written-yet\.md was not found/,
  ]);
  await report.getByRole('button', { name: 'Open the course' }).click();

  const reader = new ReaderPage(page);
  await expect(reader.courseTitle).toHaveText('Shared Parts');
  // The page opens on its introduction, the shared safety note (from outside the docs folder) in it.
  await expect(reader.sectionContent.locator('.admonition.warning .admonition-title')).toHaveText('Before you start');
  // The abbreviations appended to every page explain the term where it appears.
  await expect(reader.sectionContent.locator('abbr', { hasText: 'GPU' })).toHaveAttribute(
    'title',
    'Graphics Processing Unit',
  );
  await reader.openSection('Requirements');
  await expect(reader.sectionContent.getByRole('table')).toContainText('Python');
  await expect(reader.sectionContent.getByRole('heading', { name: 'Getting help' })).toBeVisible();
  await reader.openSection('Training');
  await expect(reader.sectionContent.locator('code')).toContainText('def train(model, data):');
});

test('a course with a reviewer’s edits shows what was added, removed and commented', async ({ page }) => {
  const report = await importFixtureFolder(page, 'critic');
  await report.getByRole('button', { name: 'Open the course' }).click();

  const reader = new ReaderPage(page);
  await expect(reader.courseTitle).toHaveText('Peer Review');
  const content = reader.sectionContent;
  await expect(content.locator('ins.critic')).toHaveText(['its weights', 'more']);
  await expect(content.locator('del.critic')).toHaveText(['not from rules', 'fewer']);
  await expect(content.locator('.critic.comment')).toHaveText('Say which error: training or validation?');
  // Deleted words are struck through; nothing of the marks' syntax is left.
  await expect(content.locator('del.critic').first()).toHaveCSS('text-decoration-line', 'line-through');
  await expect(content).not.toContainText('{++');
  await reader.openSection('Whole paragraphs');
  await expect(content.locator('ins.critic.block p')).toHaveText([
    'A paragraph the reviewer added.',
    'It has two paragraphs.',
    'The new closing paragraph.',
  ]);
  await expect(content.locator('del.critic.block li')).toHaveCount(2);
  await expect(content.locator('del.critic.block p')).toHaveText('The old closing paragraph.');
});

test('a course with Jupyter notebooks shows their code and saved outputs, pictures and tables included', async ({ page }) => {
  const report = await importFixtureFolder(page, 'notebooks');
  await expect(report.getByRole('heading', { level: 2 })).toHaveText('“Notebook Lab” is in your library');
  await report.getByRole('button', { name: 'Open the course' }).click();

  const reader = new ReaderPage(page);
  await expect(reader.courseTitle).toHaveText('Notebook Lab');
  // A link from a Markdown page leads into the notebook, at the place it names.
  await reader.sectionContent.getByRole('link', { name: 'its results' }).click();
  await reader.expectSection('Results');
  const content = reader.sectionContent;
  await expect(content.locator('table.dataframe td')).toHaveText(['1', '0.52', '2', '0.31']);
  const plot = content.getByRole('img', { name: 'Output 1 of cell 5' });
  await expect.poll(() => plot.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(48);
  await expect(content.locator('pre.nb-error')).toContainText('ZeroDivisionError: division by zero');
  // The notebook's opening, headed by its H1.
  await reader.sectionLink('Introduction').click();
  await expect(content.getByRole('heading', { level: 1 })).toHaveText('Training lab');
  await expect(content.locator('pre.nb-output').first()).toHaveText('epoch 1: loss 0.52\nepoch 2: loss 0.31');
  await expect(content.locator('code.language-python').first()).toContainText('for epoch in range(1, 3):');
});

test('a file that is not a course pack is refused with a clear message', async ({ page }) => {
  host = await startHost({ userDataDir: mkdtempSync(path.join(tmpdir(), 'carrel-e2e-')) });
  await page.goto(host.url);
  await expect(page.getByTestId('section-content')).toBeVisible();
  await page.getByRole('button', { name: 'Library' }).click();
  await page.getByTestId('import-pack-input').setInputFiles({
    name: 'broken.carrel',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('not a zip at all'),
  });
  await expect(page.getByRole('alert').filter({ hasText: 'broken.carrel' })).toBeVisible();
  await expect(page.getByTestId('library-course')).toHaveCount(1);
});
