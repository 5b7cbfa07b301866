import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NavNode } from '../../../electron/contract.js';
import { parseMkDocsConfig } from '../../../electron/core/course/mkdocs/config.js';
import { CourseSourceError, loadMkDocsSource } from '../../../electron/core/course/mkdocs/mkdocs-source.js';
import { compileFolder, diagnosticsOf, fixture, fixtureCopy, tempDir } from './support.js';

/** Writes a file of a test project, making its folders. */
function writeProjectFile(project: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
  writeFileSync(path.join(project, file), text);
}

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

  it('with awesome-pages and no nav, takes each folder’s .pages: titles, order, the rest, links, hidden folders', () => {
    const project = tempDir();
    const write = (file: string, text: string) => writeProjectFile(project, file, text);
    write('mkdocs.yml', 'site_name: Awesome\nplugins:\n  - search\n  - awesome-pages\n');
    for (const page of [
      'index.md',
      'about.md',
      'week1/index.md',
      'week1/b-lab.md',
      'week1/a-reading.md',
      'week1/extra.md',
      'drafts/idea.md',
      'week2/only.md',
    ])
      write(`docs/${page}`, `# ${page}\n`);
    write('docs/.pages', 'nav:\n  - index.md\n  - Week one: week1\n  - ...\n  - Forum: https://forum.example.org\n');
    write(
      'docs/week1/.pages',
      'title: Not used, the parent names it\nnav:\n  - b-lab.md\n  - Reading: a-reading.md\n  - More:\n      - extra.md\n',
    );
    write('docs/drafts/.pages', 'hide: true\n');
    write('docs/week2/.pages', 'title: Week two\n');
    const course = compileFolder(project);
    expect(outline(course.manifest.nav)).toEqual([
      'index.md (index.md)',
      {
        'Week one': [
          'week1/b-lab.md (week1/b-lab.md)',
          'Reading (week1/a-reading.md)',
          { More: ['week1/extra.md (week1/extra.md)'] },
        ],
      },
      'about.md (about.md)',
      { 'Week two': ['week2/only.md (week2/only.md)'] },
      'Forum -> https://forum.example.org',
    ]);
    // week1/index.md is left out by week1's own list, as on the site; nothing is reported for that.
    expect(diagnosticsOf(course, 'error')).toEqual([]);

    // sort_type: natural puts lab-2 before lab-10.
    for (const lab of ['lab-10.md', 'lab-2.md', 'lab-1.md']) write(`docs/labs/${lab}`, `# ${lab}\n`);
    write('docs/labs/.pages', 'title: Labs\nsort_type: natural\n');
    expect(outline(compileFolder(project).manifest.nav)).toContainEqual({
      Labs: ['lab-1.md (labs/lab-1.md)', 'lab-2.md (labs/lab-2.md)', 'lab-10.md (labs/lab-10.md)'],
    });

    write('docs/week2/.pages', 'nav:\n  - missing.md\n');
    expect(diagnosticsOf(compileFolder(project), 'error')).toEqual([
      'docs/week2/.pages:- docs/week2/.pages names missing.md, which is not a page or folder in week2.',
    ]);
  });

  it('with literate-nav, takes the nav from SUMMARY.md: pages, sections, folders with or without their own', () => {
    const project = tempDir();
    const write = (file: string, text: string) => writeProjectFile(project, file, text);
    write('mkdocs.yml', 'site_name: Literate\nplugins:\n  - literate-nav\n');
    for (const page of [
      'index.md',
      'week1/read.md',
      'labs/index.md',
      'labs/one.md',
      'week2/a.md',
      'week2/b.md',
      'week3/z.md',
      'week3/y.md',
    ])
      write(`docs/${page}`, `# ${page}\n`);
    write(
      'docs/SUMMARY.md',
      [
        '* [Welcome](index.md)',
        '* Week 1',
        '    * [Reading](week1/read.md)',
        '* [Labs](labs/index.md)',
        '    * [Lab 1](labs/one.md)',
        '* [Week 2](week2/)',
        '* [Week 3](week3/)',
        '* [Forum](https://forum.example.org)',
        '* [Gone](gone.md)',
        '* *.md',
        '',
      ].join('\n'),
    );
    write('docs/week2/SUMMARY.md', '* [B first](b.md)\n* [Then A](a.md)\n');
    const course = compileFolder(project);
    expect(outline(course.manifest.nav)).toEqual([
      'Welcome (index.md)',
      { 'Week 1': ['Reading (week1/read.md)'] },
      { Labs: ['Labs (labs/index.md)', 'Lab 1 (labs/one.md)'] },
      { 'Week 2': ['B first (week2/b.md)', 'Then A (week2/a.md)'] },
      { 'Week 3': ['week3/y.md (week3/y.md)', 'week3/z.md (week3/z.md)'] },
      'Forum -> https://forum.example.org',
    ]);
    expect(diagnosticsOf(course, 'error')).toEqual([
      'docs/SUMMARY.md:9 docs/SUMMARY.md names gone.md, which is not a page of the docs folder; it is left out of the nav.',
    ]);
    expect(diagnosticsOf(course, 'warning')).toEqual([
      'docs/SUMMARY.md:10 "*.md" in docs/SUMMARY.md is neither a link nor a section with entries under it (wildcards are not followed); it is left out of the nav.',
    ]);
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
      'mkdocs.yml':
        'site_name: Excluded\nexclude_docs: |\n  drafts/\n  *.tmp.md\n  !keep.tmp.md\ndraft_docs: |\n  _unpublished.md\n',
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
    writeFileSync(path.join(dir, 'mkdocs.yml'), 'site_name: Quiet\nnav:\n  - index.md\nnot_in_nav: |\n  /answers.md\n');
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
