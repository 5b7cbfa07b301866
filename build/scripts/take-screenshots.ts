/**
 * Screenshots for the README, taken from the real app in Chromium through the browser host:
 *   npx tsx build/scripts/take-screenshots.ts      (after npm run build)
 * Writes build/screenshots/reader-light.png and reader-dark.png.
 */
import { chromium } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHost } from '../../tests/e2e/support/host.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = path.join(root, 'build', 'screenshots');

async function main(): Promise<void> {
  const host = await startHost({ userDataDir: mkdtempSync(path.join(tmpdir(), 'carrel-shots-')) });
  const browser = await chromium.launch({
    ...(existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium' } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 840 }, deviceScaleFactor: 1 });
    await page.goto(host.url);
    const contents = page.getByRole('navigation', { name: 'Course contents' });
    await contents.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('button', { name: 'Bookmark this section' }).click();
    await page.getByRole('button', { name: 'New note' }).click();
    await page.getByRole('textbox', { name: 'Note' }).fill(
      'Key idea: **next-word prediction** needs no labelling.\n\n- transformers since 2017\n- fine-tune with little data',
    );
    await page.getByText('Saved', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(out, 'reader-light.png') });
    await page.getByRole('radio', { name: 'Dark theme' }).click();
    await contents.getByRole('link', { name: 'Contact' }).click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(out, 'reader-dark.png') });
  } finally {
    await browser.close();
    await host.stop();
  }
  console.log(`screenshots -> ${path.relative(root, out)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
