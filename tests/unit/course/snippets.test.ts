import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/core/cli/run-cli.js';
import { compileFolder, diagnosticsOf, fixture, pageHtml, pageOf, query, tempDir } from './support.js';

/** An MkDocs project in a temp folder: mkdocs.yml from `snippets` options, then the files given. */
function project(files: Record<string, string | Buffer>, snippetOptions = '  - pymdownx.snippets'): string {
  const dir = tempDir('carrel-snippets-');
  const all: Record<string, string | Buffer> = {
    'mkdocs.yml': `site_name: Snippet Test\nnav:\n  - index.md\nmarkdown_extensions:\n  - admonition\n  - abbr\n${snippetOptions}\n`,
    ...files,
  };
  for (const [file, content] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

const indexHtml = (dir: string) => pageHtml(pageOf(compileFolder(dir), 'index.md'));

describe('snippets (pymdownx.snippets)', () => {
  it('includes shared files into the pages of the fixture course, abbreviations appended to every page', () => {
    const course = compileFolder(fixture('snippets'));
    const home = query(pageHtml(pageOf(course, 'index.md')));
    expect(home.all('table')).toHaveLength(1);
    expect(home.all('div', 'warning')).toHaveLength(2);
    expect(home.text(home.one('code'))).toContain('def train(model, data):');
    expect(home.all('abbr').map((a) => a.attribs.title)).toContain('Graphics Processing Unit');
    const setup = query(pageHtml(pageOf(course, 'guide/setup.md')));
    expect(setup.all('abbr').map((a) => a.attribs.title)).toContain('Application Programming Interface');
    // Nothing of the scissors lines is left for a student to see.
    expect(pageHtml(pageOf(course, 'guide/setup.md'))).not.toContain('8&lt;');
    expect(diagnosticsOf(course, 'warning')).toEqual([
      'docs/guide/setup.md:15 The snippet not-written-yet.md was not found; nothing is included.',
    ]);
    expect(diagnosticsOf(course, 'error')).toEqual([]);
  });

  it('indents what it includes as the scissors line is indented', () => {
    const dir = project({
      'docs/index.md': '# Home\n\n!!! tip "Remember"\n\n    --8<-- "tip.md"\n',
      'tip.md': 'First line.\n\nSecond paragraph.\n',
    });
    const page = query(indexHtml(dir));
    const inside = page.all('div', 'tip')[0]!;
    expect(page.text(inside)).toBe('Remember\nFirst line.\nSecond paragraph.');
  });

  it('includes a named section, or a range of lines, with the section markers left out', () => {
    const dir = project({
      'docs/index.md': [
        '# Home',
        '',
        '--8<-- "parts.md:second"',
        '',
        '```python',
        '--8<-- "code.py:2:3"',
        '```',
        '',
        '```python',
        '--8<-- "code.py::1"',
        '```',
      ].join('\n'),
      'parts.md': [
        '--8<-- [start:first]',
        'First part.',
        '--8<-- [end:first]',
        '',
        '<!-- --8<-- [start:second] -->',
        'Second part.',
        '<!-- --8<-- [end:second] -->',
      ].join('\n'),
      'code.py': 'import os\nprint("two")\nprint("three")\nprint("four")\n',
    });
    const page = query(indexHtml(dir));
    expect(page.all('p').map(page.text)).toEqual(['Second part.']);
    expect(page.all('code').map(page.text)).toEqual(['print("two")\nprint("three")', 'import os']);
  });

  it('reads a block of file names, keeps blank lines, skips lines commented out with "; "', () => {
    const dir = project({
      'docs/index.md': '# Home\n\n--8<--\none.md\n\n; two.md\nthree.md\n--8<--\n',
      'one.md': 'One.',
      'two.md': 'Two.',
      'three.md': 'Three.',
    });
    const page = query(indexHtml(dir));
    expect(page.all('p').map(page.text)).toEqual(['One.', 'Three.']);
  });

  it('shows an escaped scissors line as written, less its semicolon', () => {
    const dir = project({ 'docs/index.md': '# Home\n\n```\n;--8<-- "one.md"\n```\n', 'one.md': 'One.' });
    const page = query(indexHtml(dir));
    expect(page.all('code').map(page.text)).toEqual(['--8<-- "one.md"']);
  });

  it('does not include a file inside itself, directly or through another file', () => {
    const dir = project({
      'docs/index.md': '# Home\n\n--8<-- "a.md"\n',
      'a.md': 'From A.\n\n--8<-- "b.md"\n',
      'b.md': 'From B.\n\n--8<-- "a.md"\n\n--8<-- "b.md"\n',
    });
    const course = compileFolder(dir);
    const html = pageHtml(pageOf(course, 'index.md'));
    expect(html.match(/From A\./g)).toHaveLength(1);
    expect(html.match(/From B\./g)).toHaveLength(1);
    expect(diagnosticsOf(course, 'error')).toEqual([]);
  });

  it('reports a problem in included text at the snippet file and line it was written on', () => {
    const dir = project({
      'docs/index.md': '# Home\n\nIntro.\n\n--8<-- "shared/help.md"\n\nAfter.\n\n[Broken](missing.md)\n',
      'shared/help.md': 'Line one.\n\nSee [the guide](nowhere.md).\n',
    });
    const errors = diagnosticsOf(compileFolder(dir), 'error');
    expect(errors).toEqual([
      'docs/index.md:9 The link missing.md points to missing.md, which does not exist.',
      'shared/help.md:3 The link nowhere.md points to nowhere.md, which does not exist.',
    ]);
  });

  it('never reads outside the course folder, never fetches from the web, and says so', () => {
    const outside = tempDir('carrel-outside-');
    writeFileSync(path.join(outside, 'secret.md'), 'Secret text.');
    const dir = project({
      'docs/index.md': [
        '# Home',
        '',
        '--8<-- "../secret.md"',
        '',
        `--8<-- "${path.join(outside, 'secret.md')}"`,
        '',
        '--8<-- "linked.md"',
        '',
        '--8<-- "https://example.com/part.md"',
      ].join('\n'),
    });
    symlinkSync(path.join(outside, 'secret.md'), path.join(dir, 'linked.md'));
    const course = compileFolder(dir);
    expect(pageHtml(pageOf(course, 'index.md'))).not.toContain('Secret text.');
    expect(diagnosticsOf(course, 'warning')).toEqual([
      'docs/index.md:3 The snippet ../secret.md is outside the course folder; it is left out.',
      `docs/index.md:5 The snippet ${path.join(outside, 'secret.md')} is outside the course folder; it is left out.`,
      'docs/index.md:7 The snippet linked.md is outside the course folder; it is left out.',
      'docs/index.md:9 The snippet https://example.com/part.md is on the web; Carrel compiles offline, so it is left out.',
    ]);
  });

  it('names files it cannot include: missing sections, binary files, text that is not UTF-8', () => {
    const dir = project({
      'docs/index.md': '# Home\n\n--8<-- "parts.md:nope"\n\n--8<-- "logo.md"\n\n--8<-- "latin1.md"\n',
      'parts.md': 'No sections here.',
      'logo.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]),
      'latin1.md': Buffer.from([0x63, 0x61, 0x66, 0xe9]),
    });
    expect(diagnosticsOf(compileFolder(dir), 'warning')).toEqual([
      'docs/index.md:3 The snippet parts.md has no section "nope"; nothing is included.',
      'docs/index.md:5 The snippet logo.md could not be included: it is a binary file.',
      'docs/index.md:7 The snippet latin1.md could not be included: it is not UTF-8 text.',
    ]);
  });

  it('with check_paths, a snippet that cannot be included is an error and carrel pack writes no pack', () => {
    const dir = project(
      { 'docs/index.md': '# Home\n\n--8<-- "gone.md"\n' },
      '  - pymdownx.snippets:\n      check_paths: true',
    );
    expect(diagnosticsOf(compileFolder(dir), 'error')).toEqual([
      'docs/index.md:3 The snippet gone.md was not found; nothing is included.',
    ]);
    const packFile = path.join(tempDir(), 'course.carrel');
    let stderr = '';
    const code = runCli(['pack', dir, '-o', packFile], { stdout: () => {}, stderr: (text) => (stderr += text) });
    expect(code).toBe(1);
    expect(stderr).toContain('line 3: error: The snippet gone.md was not found');
    expect(existsSync(packFile)).toBe(false);
  });

  it('finds files under the base paths in order, and !relative means the page’s own folder', () => {
    const dir = project(
      {
        'docs/index.md': '# Home\n\n--8<-- "note.md"\n\n--8<-- "local.md"\n',
        'first/note.md': 'From the first base path.',
        'second/note.md': 'From the second base path.',
        'docs/local.md': 'Beside the page.',
      },
      '  - pymdownx.snippets:\n      base_path: [first, second, !relative]',
    );
    const html = indexHtml(dir);
    expect(html).toContain('From the first base path.');
    expect(html).not.toContain('From the second base path.');
    expect(html).toContain('Beside the page.');
  });

  it('stops a page that snippets would grow past the page size limit, with an error', () => {
    const dir = project({
      'docs/index.md': `# Home\n\n${'--8<-- "big.md"\n\n'.repeat(3)}--8<-- "copy.md"\n`,
      'big.md': `${'word '.repeat(400_000)}\n`,
      'copy.md': 'The copy.\n',
    });
    const course = compileFolder(dir);
    expect(diagnosticsOf(course, 'error')).toEqual([
      'docs/index.md:7 docs/index.md grows past 5 MB with its snippets; the rest is left out.',
    ]);
  });

  it('leaves scissors lines as text when the project does not use pymdownx.snippets, as MkDocs does', () => {
    const dir = project({ 'docs/index.md': '# Home\n\n--8<-- "one.md"\n', 'one.md': 'One.' }, '');
    const page = query(indexHtml(dir));
    expect(page.all('p').map(page.text)).toEqual(['--8<-- "one.md"']);
  });
});
