import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { notebookPage } from '../../../electron/core/course/notebooks.js';
import type { CourseManifest } from '../../../electron/contract.js';
import { packFileBytes, pageFileName, parsePage } from '../../../electron/core/course/pack-format.js';
import { installPack } from '../../../electron/core/course/pack/install.js';
import { pagesOf } from '../../../electron/core/library/library.js';
import { compileFolder, fixture, fixtureCopy, pageOf, query, tempDir } from './support.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

describe('Jupyter notebooks (mkdocs-jupyter)', () => {
  const course = compileFolder(fixture('notebooks'));
  const lab = pageOf(course, 'lab.ipynb');
  const html = lab.sections.map((s) => s.html).join('');
  const q = query(html);

  it('is a page of the course: its Markdown cells the text, split into sections at its H2s', () => {
    expect(lab.title).toBe('Training lab');
    expect(lab.sections.map((s) => [s.id, s.title])).toEqual([
      ['lab.ipynb', 'Introduction'],
      ['lab.ipynb#results', 'Results'],
    ]);
    expect(q.one('span', 'arithmatex').attribs['aria-label']).toBe('L = (y - \\hat{y})^2');
    expect(course.report.diagnostics).toEqual([]);
  });

  it('shows code cells highlighted in the kernel’s language, and their saved outputs after them', () => {
    expect(q.all('code', 'language-python').map(q.text)).toEqual([
      'for epoch in range(1, 3):\n    loss = train(model, data)\n    print(f"epoch {epoch}: loss {loss:.2f}")',
      'history',
      'plt.plot(history.epoch, history.loss)',
      '1 / 0',
    ]);
    expect(q.all('pre', 'nb-output').map((pre) => [pre.attribs.class, q.text(pre)])).toEqual([
      ['nb-output', 'epoch 1: loss 0.52\nepoch 2: loss 0.31'],
      ['nb-output nb-stderr', 'warning: 3 rows dropped'],
      // Terminal colours are taken out of the traceback.
      [
        'nb-output nb-error',
        '---------------------------------------------------------------------------\nZeroDivisionError: division by zero',
      ],
    ]);
    // A table the notebook printed as HTML is a table (its <style> gone); raw cells are not shown.
    const table = q.one('table', 'dataframe');
    expect(q.all('td').map(q.text)).toEqual(['1', '0.52', '2', '0.31']);
    expect(table).toBeDefined();
    expect(html).not.toContain('<style');
    expect(html).not.toContain('not shown');
  });

  it('packs the pictures of outputs and attachments as course files', () => {
    const pictures = q.all('img').map((img) => img.attribs.src);
    expect(pictures).toEqual([
      'assets/lab.ipynb-outputs/cell-1-pipeline.png',
      'assets/lab.ipynb-outputs/cell-5-output-1.png',
    ]);
    for (const asset of ['lab.ipynb-outputs/cell-1-pipeline.png', 'lab.ipynb-outputs/cell-5-output-1.png'])
      expect(course.assets.get(asset)!.subarray(0, 4)).toEqual(PNG_SIGNATURE);
  });

  it('lets Markdown pages link to the notebook and to places in it', () => {
    const start = pageOf(course, 'index.md').sections[0]!.html;
    expect(
      query(start)
        .all('a')
        .map((a) => a.attribs.href),
    ).toEqual(['carrel:page/lab.ipynb', 'carrel:page/lab.ipynb#results']);
  });

  it('goes into a pack and comes out whole', () => {
    const file = path.join(tempDir(), 'lab.carrel');
    writeFileSync(file, packFileBytes(course));
    const { dir } = installPack(file, tempDir());
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as CourseManifest;
    const node = pagesOf(manifest.nav).find((page) => page.path === 'lab.ipynb')!;
    const unpacked = parsePage(readFileSync(path.join(dir, pageFileName('lab.ipynb')), 'utf8'), node);
    expect(unpacked.sections).toEqual(lab.sections);
    expect(readFileSync(path.join(dir, 'assets', 'lab.ipynb-outputs', 'cell-5-output-1.png')).subarray(0, 4)).toEqual(
      PNG_SIGNATURE,
    );
  });

  it('reports problems at the notebook line where the cell is written', () => {
    const project = fixtureCopy('notebooks');
    const file = path.join(project, 'docs', 'lab.ipynb');
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace('its results', 'its results')
        .replace('a table and as a plot.', 'see [the missing page](gone.md).'),
    );
    const broken = compileFolder(project);
    const notebookText = readFileSync(file, 'utf8').split('\n');
    const line = notebookText.findIndex((l) => l.includes('gone.md')) + 1;
    expect(broken.report.diagnostics.map((d) => `${d.file}:${d.line} ${d.severity}`)).toEqual([
      `docs/lab.ipynb:${line} error`,
    ]);
  });

  it('shows only outputs with no_input, and names a notebook that does not parse', () => {
    const page = notebookPage(
      JSON.stringify({
        cells: [
          {
            cell_type: 'code',
            source: ['print(1)'],
            outputs: [{ output_type: 'stream', name: 'stdout', text: ['1\n'] }],
          },
        ],
      }),
      'nb.ipynb',
      { hideInput: true },
    );
    expect(page.markdown).not.toContain('print(1)');
    expect(page.markdown).toContain('<pre class="nb-output"><code>1</code></pre>');

    const project = fixtureCopy('notebooks');
    writeFileSync(path.join(project, 'docs', 'lab.ipynb'), '{"cells": [');
    expect(compileFolder(project).report.diagnostics.map((d) => d.message)).toEqual([
      expect.stringMatching(/^docs\/lab\.ipynb is not a notebook: its JSON does not parse/),
    ]);
  });

  it('takes a notebook larger than a page may be, its size being the pictures it holds', () => {
    const project = fixtureCopy('notebooks');
    const file = path.join(project, 'docs', 'lab.ipynb');
    const notebook = JSON.parse(readFileSync(file, 'utf8')) as {
      cells: { outputs?: { data?: Record<string, string> }[] }[];
    };
    // Six MB of picture data, as a notebook with a few large plots has.
    const picture = Buffer.concat([PNG_SIGNATURE, Buffer.alloc(4_500_000, 7)]).toString('base64');
    notebook.cells[4]!.outputs![0]!.data!['image/png'] = picture;
    writeFileSync(file, JSON.stringify(notebook, undefined, 1));
    const big = compileFolder(project);
    expect(big.report.diagnostics).toEqual([]);
    expect(big.assets.get('lab.ipynb-outputs/cell-5-output-1.png')!.length).toBe(4_500_004);
  });

  it('without the plugin, a notebook in the nav is an error that says what to add', () => {
    const project = fixtureCopy('notebooks');
    const config = path.join(project, 'mkdocs.yml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('  - mkdocs-jupyter:\n      execute: false\n', ''));
    expect(compileFolder(project).report.diagnostics.map((d) => d.message)).toContain(
      'The nav entry lab.ipynb is a notebook; list the mkdocs-jupyter plugin in mkdocs.yml to show notebooks as pages.',
    );
  });
});
