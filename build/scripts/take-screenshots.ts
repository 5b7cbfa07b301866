/**
 * Screenshots for the README, taken from the real app in Chromium through the browser host:
 *   npx tsx build/scripts/take-screenshots.ts      (after npm run build)
 * Writes build/screenshots/reader-light.png, reader-dark.png and search.png.
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
    // A highlight, selected the way a student drags across words.
    await page.getByTestId('section-content').evaluate((root) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = (node as Text).data;
        const at = text.indexOf('orders of magnitude more data');
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 'orders of magnitude more data'.length);
        window.getSelection()!.removeAllRanges();
        window.getSelection()!.addRange(range);
        node.parentElement!.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
        return;
      }
    });
    await page.getByRole('button', { name: 'Highlight green' }).click();
    await page.getByTestId('section-content').evaluate((root) => root.closest('.scroller')?.scrollTo(0, 90));
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(out, 'reader-light.png') });
    await page.keyboard.press('Control+k');
    await page.getByRole('searchbox', { name: 'Search' }).fill('foundation modls');
    await page.getByTestId('search-result').first().waitFor();
    await page.screenshot({ path: path.join(out, 'search.png') });
    await page.keyboard.press('Escape');
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
