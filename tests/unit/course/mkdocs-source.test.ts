import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NavNode } from '../../../electron/contract.js';
import { CourseSourceError, loadMkDocsSource, parseMkDocsConfig } from '../../../electron/core/course/mkdocs/mkdocs-source.js';
import { compileFolder, diagnosticsOf, fixture, fixtureCopy, tempDir } from './support.js';

const outline = (nodes: NavNode[]): unknown[] =>
  nodes.map((n) =>
    n.kind === 'group'
      ? { [n.title]: outline(n.children) }
      : n.kind === 'page'
        ? `${n.title} (${n.path})`
        : `${n.title} -> ${n.url}`,
  );

describe('mkdocs.yml', () => {
  it('reads Python tags and !ENV without running anything, and the course id is the slug of site_name', () => {
    const source = loadMkDocsSource(fixture('defaults'));
    expect(source.title).toBe('Default Order 101');
    expect(source.id).toBe('default-order-101');
  });

  it('reports plugins, extensions, styles and scripts it does not use as warnings with their line', () => {
    const course = compileFolder(fixture('defaults'));
    expect(diagnosticsOf(course, 'warning')).toEqual([
      'mkdocs.yml:8 The plugin "blog" is not supported; pages are compiled without it.',
      'mkdocs.yml:11 The Markdown extension "pymdownx.progressbar" is not supported; its syntax shows as plain text.',
      'mkdocs.yml:12 The Markdown extension "pymdownx.escapeall" is not supported; its syntax shows as plain text.',
      "mkdocs.yml:15 extra_css is not applied: pages show in Carrel's own style (custom colours and icons from it are missing).",
      'mkdocs.yml:17 extra_javascript is not run: course pages never run scripts.',
    ]);
    expect(diagnosticsOf(course, 'error')).toEqual([]);
  });

  it('is quiet about plugins and extensions that change nothing a student reads', () => {
    const config = parseMkDocsConfig(
      [
        'site_name: Quiet',
        'plugins: [search, glightbox, redirects, rss, offline]',
        'markdown_extensions: [mdx_truly_sane_lists, pymdownx.b64, pymdownx.pathconverter, pymdownx.critic]',
      ].join('\n'),
      'mkdocs.yml',
    );
    expect(config.diagnostics).toEqual([]);
  });

  it('without a nav, orders pages as MkDocs does: index first, then alphabetically, then folders as groups', () => {
    const course = compileFolder(fixture('defaults'));
    expect(outline(course.manifest.nav)).toEqual([
      'Start here (index.md)',
      'Alpha page (alpha.md)',
      'Bravo (bravo.md)',
      { Alpha: ['One (alpha/one.md)'] },
      { 'Getting started': ['First steps (getting_started/first_steps.md)'] },
      { Zeta: ['Zeta home (zeta/index.md)', 'Zeta two (zeta/two.md)'] },
    ]);
  });

  it('keeps nested groups, section index pages and external links of an explicit nav', () => {
    const course = compileFolder(fixture('features'));
    expect(outline(course.manifest.nav)).toEqual([
      'Home (index.md)',
      {
        Writing: [
          'Writing guide (guide/index.md)',
          'Admonitions (guide/admonitions.md)',
          'Code and math (guide/code.md)',
        ],
      },
      'Extras (extras.md)',
      'MkDocs -> https://www.mkdocs.org/',
    ]);
  });

  const project = (config: string | undefined, docs = true) => {
    const dir = tempDir();
    if (config !== undefined) writeFileSync(path.join(dir, 'mkdocs.yml'), config);
    if (docs) {
      mkdirSync(path.join(dir, 'docs'));
      writeFileSync(path.join(dir, 'docs', 'index.md'), '# Home\n');
    }
    return dir;
  };

  it('gives a clear error for a folder without mkdocs.yml, YAML that does not parse, or a missing docs folder', () => {
    expect(() => loadMkDocsSource(project(undefined))).toThrow(/has no mkdocs\.yml/);
    expect(() => loadMkDocsSource(project('site_name: [unclosed\nnav: {'))).toThrow(
      /mkdocs\.yml is not valid YAML: .*\(line \d+\)/,
    );
    expect(() => loadMkDocsSource(project('- just\n- a list\n'))).toThrow(/must be a YAML mapping/);
    expect(() => loadMkDocsSource(project('site_name: X\n', false))).toThrow(
      'The docs folder "docs" named by docs_dir in mkdocs.yml does not exist.',
    );
    expect(() => loadMkDocsSource(project('site_name: X\ndocs_dir: ../elsewhere\n'))).toThrow(
      /must be a folder inside the course folder/,
    );
    expect(() => loadMkDocsSource(project('site_name: X\n'))).not.toThrow();
    expect(CourseSourceError.name).toBe('CourseSourceError');
  });

  it('leaves out links that lead outside the course folder', () => {
    const dir = fixtureCopy('defaults');
    const secret = path.join(tempDir(), 'secret.md');
    writeFileSync(secret, '# Secret\n');
    symlinkSync(secret, path.join(dir, 'content', 'leak.md'));
    const course = compileFolder(dir);
    expect(diagnosticsOf(course, 'error')).toEqual([
      'content/leak.md:- content/leak.md is a link to something outside the course folder; it is left out.',
    ]);
    expect(JSON.stringify(course.manifest.nav)).not.toContain('leak');
  });
});

describe('exclude_docs and not_in_nav', () => {
  it('leaves out what exclude_docs and draft_docs name, as mkdocs build does, and /templates/ always', () => {
    const dir = tempDir();
    const files: Record<string, string> = {
      'mkdocs.yml': 'site_name: Excluded\nexclude_docs: |\n  drafts/\n  *.tmp.md\n  !keep.tmp.md\ndraft_docs: |\n  _unpublished.md\n',
      'docs/_unpublished.md': '# Not yet\n',
      'docs/index.md': '# Home\n',
      'docs/drafts/idea.md': '# Idea\n',
      'docs/notes.tmp.md': '# Scratch\n',
      'docs/keep.tmp.md': '# Kept\n',
      'docs/templates/page.md': '# Template\n',
      'docs/guide/templates.md': '# About templates\n',
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    const source = loadMkDocsSource(dir);
    expect(source.markdownFiles()).toEqual(['guide/templates.md', 'index.md', 'keep.tmp.md']);
    const course = compileFolder(dir);
    expect(outline(course.manifest.nav)).toEqual([
      'Home (index.md)',
      'Kept (keep.tmp.md)',
      { Guide: ['About templates (guide/templates.md)'] },
    ]);
  });

  it('does not warn about a linked page that not_in_nav says is kept out of the nav on purpose', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'docs'));
    writeFileSync(
      path.join(dir, 'mkdocs.yml'),
      'site_name: Quiet\nnav:\n  - index.md\nnot_in_nav: |\n  /answers.md\n',
    );
    writeFileSync(path.join(dir, 'docs', 'index.md'), '# Home\n\n[Answers](answers.md) and [more](more.md).\n');
    writeFileSync(path.join(dir, 'docs', 'answers.md'), '# Answers\n');
    writeFileSync(path.join(dir, 'docs', 'more.md'), '# More\n');
    const course = compileFolder(dir);
    expect(outline(course.manifest.nav)).toEqual(['Home (index.md)', 'Answers (answers.md)', 'More (more.md)']);
    expect(diagnosticsOf(course, 'warning')).toEqual([
      'docs/more.md:- docs/more.md is not in the nav, but docs/index.md links to it (line 3); it is added at the end of the course.',
    ]);
  });
});
