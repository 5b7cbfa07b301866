import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFolder, pageOf, query, tempDir } from './support.js';

/** A course whose pages use mkdocs-macros variables, with or without the plugin listed. */
function macroCourse(plugins: string[]): string {
  const project = tempDir();
  mkdirSync(path.join(project, 'docs'));
  writeFileSync(
    path.join(project, 'mkdocs.yml'),
    [
      'site_name: Applied AI',
      'nav:',
      '  - Welcome: index.md',
      `plugins: [${plugins.join(', ')}]`,
      'extra:',
      '  instructor: Dr. Ada Byron',
      '  course:',
      '    code: AI-101',
      '    term: Spring 2027',
      '    weeks: 12',
    ].join('\n'),
  );
  writeFileSync(
    path.join(project, 'docs', 'index.md'),
    [
      '---',
      'room: B12',
      '---',
      '# {{ page.title }} to {{ course.code }}',
      '',
      '{{ config.site_name }} runs {{ course.weeks }} weeks in {{ course.term }}, taught by {{ instructor }} in room {{ room }}.{# a note to self #}',
      '',
      'Templates are written `{% raw %}{{ like_this }}{% endraw %}`.',
      '',
      'Not filled in: {{ grader }}, {{ instructor | upper }} and {% if late %}late{% endif %}.',
      '',
    ].join('\n'),
  );
  return project;
}

const texts = (html: string) =>
  query(html)
    .all('p')
    .map((p) => query(html).text(p));

describe('mkdocs-macros variables', () => {
  it('fills in extra, the page’s meta-data, config and page values, as the site does', () => {
    const course = compileFolder(macroCourse(['search', 'macros']));
    const html = pageOf(course, 'index.md').sections[0]!.html;
    expect(query(html).text(query(html).one('h1'))).toBe('Welcome to AI-101');
    expect(texts(html)).toEqual([
      'Applied AI runs 12 weeks in Spring 2027, taught by Dr. Ada Byron in room B12.',
      'Templates are written {{ like_this }}.',
      'Not filled in: {{ grader }}, {{ instructor | upper }} and {% if late %}late{% endif %}.',
    ]);
    expect(course.report.diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`)).toEqual([
      'docs/index.md:10 The template expression {{ instructor | upper }} is not run in Carrel (only plain variables are filled in) and shows as text.',
      'docs/index.md:10 The template statement {% endif %} is not run in Carrel and shows as text.',
      'docs/index.md:10 The template statement {% if late %} is not run in Carrel and shows as text.',
      "docs/index.md:10 The variable {{ grader }} has no value in mkdocs.yml's extra or the page's meta-data, and shows as text.",
    ]);
  });

  it('leaves the braces alone when the project does not list the plugin', () => {
    const course = compileFolder(macroCourse(['search']));
    expect(texts(pageOf(course, 'index.md').sections[0]!.html)[0]).toBe(
      '{{ config.site_name }} runs {{ course.weeks }} weeks in {{ course.term }}, taught by {{ instructor }} in room {{ room }}.{# a note to self #}',
    );
  });
});
