import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/core/cli/run-cli.js';
import { installPack } from '../../../electron/core/course/pack/install.js';
import { fixture, repoRoot, tempDir } from './support.js';

function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('carrel check', () => {
  it('prints problems grouped by file with their lines, and exits 1 on errors', () => {
    const { code, stdout } = run('check', fixture('broken'));
    expect(code).toBe(1);
    expect(stdout).toContain('docs/index.md\n  line 5: error: The image imgs/gone.png was not found.\n');
    expect(stdout).toContain(
      'mkdocs.yml\n  line 4: error: The nav names missing.md, which does not exist in the docs folder.\n',
    );
    expect(stdout.trim().split('\n').at(-1)).toBe(
      'Broken Course: 2 pages, 2 sections, 1 image, 3 links, 0 embeds; 5 errors, 3 warnings.',
    );
  });

  it('exits 0 for a course with warnings only', () => {
    expect(run('check', fixture('features')).code).toBe(0);
  });

  it('--json prints one object with pages, images, links, embeds, warnings and errors, each located', () => {
    const { code, stdout } = run('check', fixture('features'), '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Record<string, { file?: string; line?: number }[]> & {
      pages: { path: string; title: string; sections: { id: string; title: string }[] }[];
    };
    expect(Object.keys(report)).toEqual(['course', 'pages', 'images', 'links', 'embeds', 'warnings', 'errors']);
    expect(report.pages[0]).toEqual({
      path: 'index.md',
      title: 'Home',
      sections: [
        { id: 'index.md', title: 'Introduction' },
        { id: 'index.md#getting-started', title: 'Getting started' },
        { id: 'index.md#cards', title: 'Cards' },
      ],
    });
    for (const key of ['images', 'links', 'embeds', 'warnings'] as const) {
      const items = report[key] ?? [];
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) expect([typeof item.file, typeof item.line]).toEqual(['string', 'number']);
    }
    expect(report.errors).toEqual([]);
  });

  it('explains a folder that is not a course, and a wrong command line', () => {
    const missing = run('check', path.join(tempDir(), 'nothing-here'));
    expect([missing.code, missing.stderr]).toEqual([1, expect.stringContaining('is not a folder')]);
    const usage = run('pack', fixture('features'));
    expect([usage.code, usage.stderr]).toEqual([2, expect.stringContaining('carrel pack needs -o FILE.carrel')]);
    expect(run('frobnicate').code).toBe(2);
  });
});

describe('carrel pack', () => {
  it('writes one .carrel file that installs, and summarizes', () => {
    const out = path.join(tempDir(), 'tour.carrel');
    const { code, stdout } = run('pack', fixture('features'), '-o', out);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Packed "Feature Tour" into .*tour\.carrel \(\d+ KB\): 5 pages, 15 sections/);
    const installed = installPack(out, tempDir());
    expect(readdirSync(path.join(installed.dir, 'pages')).sort()).toEqual(['extras.html', 'guide', 'index.html']);
  });

  it('writes nothing for a course with errors', () => {
    const out = path.join(tempDir(), 'broken.carrel');
    const { code, stderr } = run('pack', fixture('broken'), '-o', out);
    expect(code).toBe(1);
    expect(stderr).toContain('No pack was written: fix the errors above first.');
    expect(existsSync(out)).toBe(false);
  });

  it('runs as a command, with exit codes a script can use', () => {
    const out = path.join(tempDir(), 'cmd.carrel');
    const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
    const result = spawnSync(
      tsx,
      [path.join(repoRoot, 'electron/core/cli.ts'), 'pack', fixture('features'), '-o', out],
      { encoding: 'utf8' },
    );
    expect(result.status).toBe(0);
    expect(readFileSync(out).subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    const failed = spawnSync(tsx, [path.join(repoRoot, 'electron/core/cli.ts'), 'check', fixture('broken')], {
      encoding: 'utf8',
    });
    expect(failed.status).toBe(1);
  });
});

describe('progress on large courses', () => {
  it('shows how far the compile is on stderr', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'docs'));
    writeFileSync(path.join(dir, 'mkdocs.yml'), 'site_name: Big\n');
    for (let i = 0; i < 120; i++)
      writeFileSync(
        path.join(dir, 'docs', `page-${String(i).padStart(3, '0')}.md`),
        `# Page ${i}\n\n## Part\n\nText ${i}.\n`,
      );
    const { code, stderr, stdout } = run('pack', dir, '-o', path.join(dir, 'big.carrel'));
    expect(code).toBe(0);
    expect(stderr.trim().split('\n')).toEqual(Array.from({ length: 11 }, (_, i) => `Compiling Big: ${i * 10}%`));
    expect(stdout).toContain('120 pages, 120 sections');
  });
});
