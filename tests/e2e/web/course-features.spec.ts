import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compileCourse } from '../../../electron/core/course/compile-course.js';
import { loadMkDocsSource } from '../../../electron/core/course/mkdocs/mkdocs-source.js';
import { packEntries } from '../../../electron/core/course/pack-format.js';
import { writeZip } from '../../../electron/core/course/pack/zip-writer.js';
import { loadShortcodes } from '../../../electron/core/course/shortcode-data.js';
import { blockExternalRequests, repoRoot, startHost, type RunningHost } from '../support/host.js';
import { ReaderPage } from '../support/reader-page.js';

/** An MkDocs Material course with every kind of content the compiler knows (see its pages). */
const TOUR = path.join(repoRoot, 'tests/fixtures/courses/material-tour');

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

test('a student reads every kind of Material content offline, and it behaves as on the site', async ({ browser }) => {
  // The instructor packs the course with the CLI; the student imports the file.
  const work = mkdtempSync(path.join(tmpdir(), 'carrel-features-'));
  const pack = path.join(work, 'material-tour.carrel');
  execFileSync(process.execPath, [path.join(repoRoot, 'dist/cli/carrel.js'), 'pack', TOUR, '-o', pack], {
    stdio: 'pipe',
  });

  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const outside = await blockExternalRequests(context);
  host = await startHost({ userDataDir: path.join(work, 'user-data') });
  const reader = new ReaderPage(await context.newPage());
  const page = reader.page;
  const content = reader.sectionContent;
  await page.goto(host.url);
  await expect(reader.courseTitle).toHaveText('Generative AI');
  await page.getByTestId('import-pack-input').setInputFiles(pack);
  await page.getByTestId('import-report').getByRole('button', { name: 'Open the course' }).click();
  await expect(reader.courseTitle).toHaveText('Material Tour');

  await test.step('the course opens with its first page’s title and the text before its first section', async () => {
    await expect(content.getByRole('heading', { level: 1 })).toHaveText('Welcome');
    await expect(content.getByText('This tour shows every kind of content')).toBeVisible();
    await expect(reader.sectionLink('Introduction')).toHaveAttribute('aria-current', 'page');
    await reader.openSection('Finding your way');
  });

  await test.step('a link to a heading of another page opens the section that holds it', async () => {
    await content.getByRole('link', { name: 'keyboard keys' }).click();
    await reader.expectSection('Inline formatting');
    await expect(content.getByRole('heading', { name: 'Keyboard keys' })).toBeInViewport();
    await reader.openSection('Finding your way');
    await content.getByRole('link', { name: 'diagrams' }).click();
    await reader.expectSection('Diagrams');
  });

  await test.step('a mermaid diagram is drawn as a picture, its source out of sight', async () => {
    const diagram = content.locator('pre.mermaid .mermaid-diagram svg');
    await expect(diagram).toBeVisible();
    await expect(diagram.getByText('Take notes')).toBeVisible();
    await expect(content.locator('pre.mermaid > code')).toBeHidden();
  });

  await test.step('a course file opens with another app after the student confirms', async () => {
    await reader.openSection('Finding your way');
    await content.getByRole('link', { name: 'cheat sheet' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open cheatsheet.pdf with another app?' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Open file' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Opened cheatsheet.pdf in another app.')).toBeVisible();
    await expect.poll(() => host!.output()).toMatch(/would open file \S+[\\/]assets[\\/]files[\\/]cheatsheet\.pdf/);
    await reader.expectSection('Finding your way');
  });

  await test.step('a phone link is handed to the system, as web and email links are', async () => {
    await content.getByRole('link', { name: 'course office' }).click();
    await expect.poll(() => host!.output()).toContain('would open tel:+441223000000');
    await reader.expectSection('Finding your way');
  });

  await test.step('admonitions show their titles, nested ones included', async () => {
    await reader.openSection('Admonitions');
    await expect(content.locator('.admonition.note > .admonition-title')).toHaveText('Note');
    await expect(content.locator('.admonition.tip > .admonition-title')).toHaveText('Study tip');
    await expect(content.locator('.admonition.danger .admonition.info')).toContainText(
      'This one is inside the danger box.',
    );
    await expect(content.locator('.admonition.warning')).toHaveText('A warning without a title still stands out.');
  });

  await test.step('a collapsible block opens when its title is clicked', async () => {
    await reader.openSection('Collapsible blocks');
    const answer = content.getByText('Reviewing material at growing intervals');
    await expect(answer).toBeHidden();
    await content.getByText('What is spaced repetition?').click();
    await expect(answer).toBeVisible();
    await expect(content.getByText('This block starts open')).toBeVisible();
  });

  await test.step('an embedded video is an offline card that names where it lives', async () => {
    await reader.openSection('Embedded video');
    const card = content.locator('.carrel-embed');
    await expect(card.locator('.carrel-embed-title')).toHaveText('Course introduction');
    await expect(card.locator('.carrel-embed-host')).toHaveText('www.youtube.com');
    await expect(content.locator('iframe')).toHaveCount(0);
    await card.getByRole('link', { name: 'Open online' }).click();
    await expect.poll(() => host!.output()).toContain('would open https://www.youtube.com/watch?v=dQw4w9WgXcQ');
  });

  await test.step('code is highlighted and its Copy button puts it on the clipboard', async () => {
    await reader.openSection('Code blocks');
    const block = content.locator('.highlight').filter({ hasText: 'greet.py' });
    await expect(block.locator('.hljs-keyword').first()).toHaveText('def');
    // hl_lines="3" bands the line the instructor points at; linenums="1" numbers all five lines,
    // the numbers drawn by style, so they are not in the text copied below.
    await expect(block.locator('.hll')).toHaveText('    return f"Hello, {name}!"  # an f-string');
    await expect(block.locator('.hll')).toBeVisible();
    await expect(block.locator('.line')).toHaveCount(5);
    // linenums="12" on the shell command: its one line counts on from 12.
    const command = content.locator('.highlight').filter({ hasText: 'mkdocs serve' });
    await expect(command.locator('code')).toHaveAttribute('style', 'counter-reset: line 11');
    await expect(command.locator('.line')).toHaveCount(1);
    // Material's annotations: a marker opens its note beside the text; the notes are no list of their own.
    const annotated = content.locator('.highlight').filter({ hasText: 'model.fit' });
    await expect(annotated).not.toContainText('(1)');
    await expect(annotated).toContainText('# keeps the weights');
    await expect(content.locator('ol.annotation-list').first()).toBeHidden();
    const note = page.getByTestId('annotation');
    await annotated.getByRole('link', { name: 'Annotation 2' }).click();
    await expect(note).toHaveText('A single file, so the model can be loaded on another computer.');
    await expect(note).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(note).toBeHidden();
    await expect(annotated.getByRole('link', { name: 'Annotation 2' })).toBeFocused();
    const prose = content.locator('p', { hasText: 'The loss falls with every epoch' });
    await prose.getByRole('link', { name: 'Annotation 1' }).click();
    await expect(note).toHaveText('An epoch is one pass over the whole training set.');
    await content.locator('h2').click();
    await expect(note).toBeHidden();
    await block.getByRole('button', { name: 'Copy code' }).click();
    await expect(block.getByRole('button', { name: 'Copied' })).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await block.locator('code').textContent());
    expect(copied).toContain('def greet(name: str) -> str:\n    """Return a friendly greeting."""');
    // A same-page link to another section goes there, from a note as from the text.
    await annotated.getByRole('link', { name: 'Annotation 1' }).click();
    await note.getByRole('link', { name: 'the math section' }).click();
    await reader.expectSection('Math');
    await expect(note).toBeHidden();
  });

  await test.step('math is typeset, with no TeX left in the text', async () => {
    await expect(content.locator('.arithmatex .katex')).toHaveCount(4);
    await expect(content.locator('.katex-display')).toHaveCount(2);
    const formula = content.getByRole('img', { name: 'E = mc^2' });
    await expect(formula).toBeVisible();
    // KaTeX places glyphs with inline styles: the exponent sits above the letter it belongs to.
    const base = await formula.getByText('c', { exact: true }).boundingBox();
    const exponent = await formula.locator('.msupsub').getByText('2').boundingBox();
    expect(exponent!.y + exponent!.height).toBeLessThan(base!.y + base!.height);
    const text = await content.locator('p').first().innerText();
    expect(text).not.toMatch(/\$|\\\(|\\\)/);
  });

  await test.step('content tabs switch', async () => {
    await reader.openSection('Content tabs');
    const python = content.getByText('print("Hello from Python")');
    const javascript = content.getByText("console.log('Hello from JavaScript');");
    await expect(python).toBeVisible();
    await expect(javascript).toBeHidden();
    await content.getByText('JavaScript', { exact: true }).click();
    await expect(javascript).toBeVisible();
    await expect(python).toBeHidden();
    await content.getByText('Plain text', { exact: true }).click();
    await expect(content.getByText('Tabs can hold any content')).toBeVisible();
    await expect(javascript).toBeHidden();
  });

  await test.step('task lists, tables, definitions and a footnote in another section', async () => {
    await reader.openSection('Lists and tables');
    const boxes = content.getByRole('checkbox');
    await expect(boxes).toHaveCount(3);
    await expect(content.getByRole('checkbox', { checked: true })).toHaveCount(1);
    for (const box of await boxes.all()) await expect(box).toBeDisabled();
    await expect(content.getByRole('columnheader')).toHaveText(['Shortcut', 'Action', 'Where']);
    await expect(content.locator('dt')).toHaveText(['Markdown', 'MkDocs']);
    // The page's footnotes are listed at its end, in the next section.
    await content.locator('.footnote-ref').click();
    await reader.expectSection('Inline formatting');
    await expect(content.locator('[id="fn:tasks"]')).toBeInViewport();
    await expect(content.locator('[id="fn:tasks"]')).toContainText('only the author ticks the boxes');
  });

  await test.step('marks, keys and abbreviations read as on the site', async () => {
    await expect(content.locator('mark')).toHaveText('mark text');
    await expect(content.locator('ins')).toHaveText('insert text');
    await expect(content.locator('del')).toHaveText('delete text');
    await expect(content.locator('.keys').first().locator('kbd')).toHaveText(['Ctrl', 'Alt', 'Del']);
    await expect(content.locator('abbr', { hasText: 'HTML' })).toHaveAttribute('title', 'Hyper Text Markup Language');
  });

  await test.step('figures and cards show the course images and icons', async () => {
    await reader.openSection('Figures');
    const images = content.locator('figure img');
    await expect(images).toHaveCount(2);
    for (const image of await images.all()) {
      await expect
        .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
        .toBeGreaterThan(0);
    }
    await expect(content.locator('figcaption')).toHaveText([
      'Figure 1. Read, note, review: the loop this course is built around.',
      'The study loop: read, note, review.',
    ]);
    // A caption block numbers its figure, which links can reach by its id.
    await expect(content.locator('figure#__figure-caption_1 img')).toBeVisible();
    // Material's #only-light and #only-dark pictures follow the theme the student reads in.
    const forLight = content.getByRole('img', { name: 'The loop on a light page' });
    const forDark = content.getByRole('img', { name: 'The loop on a dark page' });
    await page.getByRole('radio', { name: 'Light theme' }).click();
    await expect(forLight).toBeVisible();
    await expect(forDark).toBeHidden();
    await page.getByRole('radio', { name: 'Dark theme' }).click();
    await expect(forDark).toBeVisible();
    await expect(forLight).toBeHidden();
    await expect.poll(() => forDark.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await page.getByRole('radio', { name: 'Light theme' }).click();
    await reader.openSection('Cards');
    await expect(content.locator('.grid.cards li')).toHaveCount(4);
    await expect(content.locator('.grid.cards .twemoji svg')).toHaveCount(6);
  });

  expect(outside).toEqual([]);
});

/** Markup no Carrel compiler writes, as a pack made elsewhere could carry it in a page. */
const HOSTILE = `<div id="hostile">
<img src="https://tracker.example/pixel.png" alt="remote pixel">
<img src="x" onerror="window.__hostile = 'image'" alt="broken">
<a href="javascript:window.__hostile='link'">script link</a>
<a href="file:///etc/passwd">local file link</a>
<span style="background-image:url(https://tracker.example/bg.png)">styled text</span>
<input type="text" value="typed">
<svg width="20" height="20"><image href="https://tracker.example/svg.png" width="10" height="10"></image><rect fill="url(https://tracker.example/paint.svg#p)" width="5" height="5"></rect></svg>
<video src="https://tracker.example/movie.mp4" poster="https://tracker.example/poster.png"></video>
<iframe src="https://tracker.example/frame"></iframe>
<link rel="stylesheet" href="https://tracker.example/style.css">
<script>window.__hostile = 'script'</script>
</div>
`;

test('a pack made elsewhere can neither reach the network nor run script in the reader', async ({ browser }) => {
  const work = mkdtempSync(path.join(tmpdir(), 'carrel-hostile-'));
  const entries = packEntries(compileCourse(loadMkDocsSource(TOUR), { shortcodes: loadShortcodes() }));
  const marker = '<section data-section-id="index.md#finding-your-way">\n';
  const page = entries.get('pages/index.html')!.toString('utf8');
  entries.set('pages/index.html', Buffer.from(page.replace(marker, marker + HOSTILE)));
  const pack = path.join(work, 'hostile.carrel');
  writeFileSync(pack, writeZip([...entries].map(([name, data]) => ({ name, data }))));

  const context = await browser.newContext();
  const outside = await blockExternalRequests(context);
  host = await startHost({ userDataDir: path.join(work, 'user-data') });
  const reader = new ReaderPage(await context.newPage());
  await reader.page.goto(host.url);
  await reader.page.getByTestId('import-pack-input').setInputFiles(pack);
  await reader.page.getByTestId('import-report').getByRole('button', { name: 'Open the course' }).click();
  await reader.openSection('Finding your way');

  const hostile = reader.sectionContent.locator('#hostile');
  await expect(hostile.getByText('script link')).toBeVisible();
  await expect(hostile.getByText('script link')).not.toHaveAttribute('href');
  await expect(hostile.getByText('local file link')).not.toHaveAttribute('href');
  await expect(hostile.getByText('styled text')).not.toHaveAttribute('style');
  await expect(hostile.locator('img[src], video[src], video[poster], iframe, link, script, image')).toHaveCount(0);
  await expect(hostile.locator('input')).toHaveCount(0);
  await expect(hostile.locator('rect')).not.toHaveAttribute('fill');
  // The course's own image on the next section still loads: only the foreign markup was dropped.
  await reader.openSection('Figures');
  const figure = reader.sectionContent.locator('figure img').first();
  await expect
    .poll(() => figure.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBeGreaterThan(0);
  expect(await reader.page.evaluate(() => (window as { __hostile?: string }).__hostile)).toBeUndefined();
  expect(outside).toEqual([]);
});
