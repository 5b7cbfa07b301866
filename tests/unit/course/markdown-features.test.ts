import { describe, expect, it } from 'vitest';
import { compileFolder, compileMarkdown, diagnosticsOf, fixture, pageHtml, pageOf, query } from './support.js';
import type { Element } from 'domhandler';
import { DomUtils } from 'htmlparser2';

const course = compileFolder(fixture('features'));
const html = (pagePath: string) => pageHtml(pageOf(course, pagePath));

describe('attr_list', () => {
  const page = query(html('index.md'));

  it('centres an image alone in its paragraph as a figure and keeps its width', () => {
    const figure = page.one('figure');
    expect(figure.attribs.class).toBe('figure figure--center');
    const img = page.one('img');
    expect(img.attribs).toMatchObject({ src: 'assets/imgs/diagram.png', alt: 'Diagram', width: '300' });
  });

  it('keeps Material’s #only-light and #only-dark on an image, so it shows in that theme only', () => {
    const { html, report } = compileMarkdown('![Light](img/a.png#only-light) ![Dark](img/b.png#only-dark)', () => true);
    expect(
      query(html)
        .all('img')
        .map((img) => img.attribs.src),
    ).toEqual(['assets/img/a.png#only-light', 'assets/img/b.png#only-dark']);
    expect(report.images.map((image) => image.target)).toEqual(['img/a.png', 'img/b.png']);
  });

  it('turns a link with .md-button classes into a button, icon included', () => {
    const button = page.all('a').find((a) => a.attribs.class?.includes('md-button'))!;
    expect(button.attribs.class).toBe('md-button md-button--primary');
    expect(page.text(button)).toBe('Start');
    expect(query(html('index.md')).all('svg').length).toBeGreaterThan(0);
  });

  it('gives headings with nothing the slug keeps the ids MkDocs gives them: _1, _2', () => {
    const { page } = compileMarkdown('# Page\n\n## 日本語\n\nA.\n\n## 中文\n\nB.\n\n## Overview\n\n## Overview\n');
    expect(page.sections.map((s) => s.id)).toEqual([
      'page.md#_1',
      'page.md#_2',
      'page.md#overview',
      'page.md#overview_1',
    ]);
  });

  it('names a section in the contents by its data-toc-label, keeping the heading and its id', () => {
    const { page, html } = compileMarkdown(
      '# Page\n\n## A long heading about many things { data-toc-label="Short" }\n\n### Detail { data-toc-label="D" }\n',
    );
    expect(page.sections.map((s) => [s.id, s.title, s.toc.map((t) => t.title)])).toEqual([
      ['page.md#a-long-heading-about-many-things', 'Short', ['D']],
    ]);
    const headings = query(html);
    expect(headings.text(headings.one('h2'))).toBe('A long heading about many things');
    expect(html).not.toContain('data-toc-label');
  });

  it('gives a heading the id it names and a paragraph its class', () => {
    expect(page.one('h3').attribs.id).toBe('custom-id');
    expect(page.text(page.one('h3'))).toBe('Heading with id');
    expect(page.text(page.one('p', 'lead'))).toBe('This paragraph has a class.');
  });
});

describe('admonitions', () => {
  const page = query(html('guide/admonitions.md'));

  it('shows the type as title by default, a custom title, or none for ""', () => {
    const titles = page.all('div', 'admonition').map((div) => {
      const title = page.all('p', 'admonition-title').find((p) => p.parent === div);
      return title ? page.text(title) : null;
    });
    expect(titles.slice(0, 5)).toEqual(['Note', 'Custom title', null, 'Outer', 'Inner']);
  });

  it('nests an admonition inside another', () => {
    const inner = page.one('div', 'info');
    expect((inner.parent as { attribs: Record<string, string> }).attribs.class).toBe('admonition danger');
  });

  it('renders ??? closed and ???+ open as details with a summary', () => {
    const details = page.all('details');
    expect(details.map((d) => [d.attribs.class, 'open' in d.attribs])).toEqual([
      ['question', false],
      ['example', true],
    ]);
    expect(page.text(page.one('summary'))).toBe('Closed by default');
  });

  it('knows every Material type', () => {
    const types = [
      'note',
      'abstract',
      'info',
      'tip',
      'success',
      'question',
      'warning',
      'failure',
      'danger',
      'bug',
      'example',
      'quote',
    ];
    const section = pageOf(course, 'guide/admonitions.md').sections.find((s) => s.title === 'All types')!;
    const found = query(section.html)
      .all('div', 'admonition')
      .map((d) => d.attribs.class!.replace('admonition ', ''));
    expect(found).toEqual(types);
  });
});

describe('md_in_html and shortcodes', () => {
  const page = query(html('index.md'));

  it('compiles Markdown inside <div class="grid cards" markdown>', () => {
    const grid = page.one('div', 'grid');
    expect(grid.attribs.class).toBe('grid cards');
    expect('markdown' in grid.attribs).toBe(false);
    expect(page.all('li').filter((li) => li.parent?.parent === grid)).toHaveLength(2);
    expect(page.all('strong').map(page.text)).toEqual(['Set up in 5 minutes', 'Open source']);
  });

  it('draws icons as inline SVG with their attribute classes, and emoji as characters', () => {
    const icons = page.all('span', 'twemoji');
    expect(icons.map((i) => i.attribs.class)).toEqual(['twemoji', 'twemoji lg middle', 'twemoji lg middle']);
    expect(icons.every((i) => page.all('svg').some((svg) => svg.parent === i))).toBe(true);
    expect(page.text(page.one('span', 'emoji'))).toBe('😄');
  });

  it('wraps abbreviations wherever the word appears', () => {
    expect(page.all('abbr').map((a) => [page.text(a), a.attribs.title])).toEqual([
      ['HTML', 'Hyper Text Markup Language'],
      ['CSS', 'Cascading Style Sheets'],
    ]);
  });
});

describe('lists, tables, footnotes and inline marks', () => {
  const page = query(html('guide/index.md'));

  it('renders task lists as disabled checkboxes', () => {
    const boxes = page.all('input').filter((i) => i.attribs.type === 'checkbox');
    expect(boxes.map((b) => [b.attribs.type, 'checked' in b.attribs, 'disabled' in b.attribs])).toEqual([
      ['checkbox', true, true],
      ['checkbox', false, true],
    ]);
  });

  it('renders tables with their alignment and definition lists', () => {
    expect(page.all('th').map((th) => th.attribs.align)).toEqual(['left', 'right']);
    expect(page.all('td')).toHaveLength(4);
    expect(page.all('dt').map(page.text)).toEqual(['Apple', 'Carrot']);
    expect(page.text(page.one('dd'))).toBe('A fruit that grows on trees.');
  });

  it('gives a table cell the attributes of the list that ends it', () => {
    const table = query(
      compileMarkdown(['| Step | Result |', '|:-----|-------:|', '| Load { .highlight } | ok { #done } |'].join('\n'))
        .html,
    );
    expect(table.all('td').map((td) => [table.text(td), td.attribs])).toEqual([
      ['Load', { align: 'left', class: 'highlight' }],
      ['ok', { align: 'right', id: 'done' }],
    ]);
  });

  it('renders mark, insert, delete, sub, sup and keys', () => {
    expect(page.text(page.one('mark'))).toBe('marked');
    expect(page.text(page.one('ins'))).toBe('inserted');
    expect(page.text(page.one('del'))).toBe('deleted');
    expect(page.text(page.one('sub'))).toBe('2');
    expect(page.all('sup').map(page.text)).toContain('2');
    expect(page.all('kbd').map(page.text)).toEqual(['Ctrl', 'Alt', 'Del']);
  });

  it('numbers footnotes and lists them at the end of the page with links both ways', () => {
    const refs = page.all('a', 'footnote-ref');
    expect(refs.map((a) => [page.text(a), a.attribs.href])).toEqual([
      ['2', '#fn:1'],
      ['3', '#fn:note'],
      ['1', '#fn:early'],
    ]);
    const notes = page.all('li').filter((li) => li.attribs.id?.startsWith('fn:'));
    expect(notes.map((li) => page.text(li).replace(/\u00a0/g, ' '))).toEqual([
      'Defined first, so numbered first. ↩',
      'The first footnote. ↩',
      'A named footnote. ↩',
    ]);
    const last = pageOf(course, 'guide/index.md').sections.at(-1)!;
    expect(last.html).toContain('class="footnote"');
  });

  it('numbers footnotes in the order they are defined, with a link back to every reference', () => {
    const notes = query(
      compileMarkdown(
        ['Later[^b], earlier[^a] and again[^b].', '', '[^a]: Note A.', '[^b]: Note B.', '[^c]: Never cited.'].join(
          '\n',
        ),
      ).html,
    );
    expect(notes.all('a', 'footnote-ref').map((a) => [notes.text(a), (a.parent as Element).attribs.id])).toEqual([
      ['2', 'fnref:b'],
      ['1', 'fnref:a'],
      ['2', 'fnref2:b'],
    ]);
    const items = notes.all('li');
    expect(items.map((li) => li.attribs.id)).toEqual(['fn:a', 'fn:b', 'fn:c']);
    const backrefs = (li: (typeof items)[number]) =>
      notes
        .all('a', 'footnote-backref')
        .filter((a) => a.parent?.parent === li)
        .map((a) => a.attribs.href);
    expect(items.map(backrefs)).toEqual([['#fnref:a'], ['#fnref:b', '#fnref2:b'], []]);
  });

  it('renders content tabs as radio inputs and labels, first tab selected', () => {
    const set = page.one('div', 'tabbed-set');
    const radios = page.all('input').filter((i) => i.attribs.type === 'radio');
    expect(radios.map((r) => [r.attribs.name, r.attribs.id, 'checked' in r.attribs])).toEqual([
      ['__tabbed_1', '__tabbed_1_1', true],
      ['__tabbed_1', '__tabbed_1_2', false],
    ]);
    expect(
      page
        .all('label')
        .filter((l) => l.attribs.for)
        .map((l) => [l.attribs.for, page.text(l)]),
    ).toEqual([
      ['__tabbed_1_1', 'Python'],
      ['__tabbed_1_2', 'JavaScript'],
    ]);
    expect(page.all('div', 'tabbed-block')).toHaveLength(2);
    expect(set.attribs.class).toBe('tabbed-set tabbed-alternate');
  });
});

describe('a page’s opening', () => {
  it('is a section of its own, before the H2s, numbered in document order like everything after it', () => {
    const tabs = (name: string) => `=== "${name}"\n\n    Text.\n`;
    const { page } = compileMarkdown(`# Guide\n\nBefore the sections.\n\n${tabs('A')}\n## First\n\n${tabs('B')}`);
    expect(page.sections.map((s) => [s.id, s.title])).toEqual([
      ['page.md', 'Introduction'],
      ['page.md#first', 'First'],
    ]);
    const [opening, first] = page.sections.map((s) => query(s.html));
    expect(opening!.text(opening!.one('h1'))).toBe('Guide');
    expect(opening!.one('input').attribs.name).toBe('__tabbed_1');
    expect(first!.one('input').attribs.name).toBe('__tabbed_2');
  });

  it('is left out when only definitions or comments stand before the first H2', () => {
    const { page } = compileMarkdown(
      '<!-- Written for the spring term. -->\n\n# Guide\n\n*[API]: Application Programming Interface\n\n## First\n\nThe API.\n',
    );
    expect(page.sections.map((s) => s.id)).toEqual(['page.md#first']);
  });

  it('takes the page’s title when the page already has a section called Introduction', () => {
    const { page } = compileMarkdown('# Guide\n\nBefore.\n\n## Introduction\n\nText.\n');
    expect(page.sections.map((s) => s.title)).toEqual(['Guide', 'Introduction']);
  });

  it('keeps the title H1 where it is written when text comes before it', () => {
    const { page } = compileMarkdown('A line before the title.\n\n# Guide\n\nAfter it.\n');
    expect(page.title).toBe('Guide');
    expect(page.sections[0]!.html).toMatch(
      /^<p>A line before the title\.<\/p>\n<h1 id="guide">Guide<\/h1>\n<p>After it\.<\/p>/,
    );
  });

  it('is the whole page when the page has no H2, headed by its title even without an H1', () => {
    const { page } = compileMarkdown(
      '---\ntitle: Glossary\n---\n\nTerms used in the course.\n\n### Token\n\nA piece of a word.\n',
    );
    expect(page.sections.map((s) => [s.id, s.title, s.toc.map((t) => t.title)])).toEqual([
      ['page.md', 'Glossary', ['Token']],
    ]);
    const opening = query(page.sections[0]!.html);
    expect(opening.text(opening.one('h1'))).toBe('Glossary');
    expect(opening.all('p').map(opening.text)).toEqual(['Terms used in the course.', 'A piece of a word.']);
  });
});

describe('blocks inside list items, indented by four as Python-Markdown wants', () => {
  it('reads an admonition, a collapsible block and content tabs under numbered and bulleted items', () => {
    const markdown = [
      '1. Configure it:',
      '',
      '    !!! tip "Config"',
      '        Put the file in your home folder.',
      '',
      '        - one',
      '        - two',
      '',
      '2. Pick your system:',
      '',
      '    === "Linux"',
      '',
      '        Use the package manager.',
      '',
      '    === "Windows"',
      '',
      '        Use the installer.',
      '',
      '- Then restart.',
      '',
      '    ??? question "Why?"',
      '        So the new settings load.',
    ].join('\n');
    const page = query(compileMarkdown(markdown).html);
    const tip = page.one('div', 'tip');
    expect(page.text(page.one('p', 'admonition-title'))).toBe('Config');
    // The admonition's text is a paragraph of its own, as on the MkDocs site, and its list is inside it.
    expect(tip.children.filter((c) => (c as Element).name === 'p').map((c) => page.text(c as Element))).toEqual([
      'Config',
      'Put the file in your home folder.',
    ]);
    expect(page.all('ul').some((ul) => ul.parent === tip)).toBe(true);
    expect(page.all('label').map(page.text)).toEqual(['Linux', 'Windows']);
    expect(page.all('div', 'tabbed-block').map(page.text)).toEqual(['Use the package manager.', 'Use the installer.']);
    expect(page.text(page.one('summary'))).toBe('Why?');
    expect(page.one('details').attribs.class).toBe('question');
  });

  it('keeps a backslash at the end of a line as text: only two spaces break a line, as in Python-Markdown', () => {
    const page = query(compileMarkdown('Ends in a backslash\\\nnext line.\n\nEnds in two spaces  \nnext line.').html);
    const [backslash, spaces] = page.all('p');
    expect(page.text(backslash!)).toBe('Ends in a backslash\\\nnext line.');
    expect(backslash!.children.some((c) => (c as Element).name === 'br')).toBe(false);
    expect(spaces!.children.some((c) => (c as Element).name === 'br')).toBe(true);
  });
});

describe('pymdownx.blocks: fenced admonitions, details and tabs', () => {
  const blocks = [
    '/// admonition | Check your setup',
    '    type: warning',
    '',
    'Run *both* commands.',
    '///',
    '',
    '/// tip',
    'Short tip.',
    '///',
    '',
    '/// details | Answer',
    '    open: true',
    '    type: question',
    '',
    'It is 42.',
    '///',
    '',
    '/// tab | Linux',
    'Use apt.',
    '///',
    '',
    '/// tab | Windows',
    '    select: true',
    '',
    'Use the installer.',
    '///',
    '',
    '//// note | Outer',
    '/// warning | Inner',
    'Nested.',
    '///',
    '////',
  ].join('\n');
  const { html, report } = compileMarkdown(blocks);
  const page = query(html);

  it('makes the same admonitions and collapsible blocks as !!! and ???', () => {
    expect(page.all('div', 'admonition').map((d) => d.attribs.class)).toEqual([
      'admonition warning',
      'admonition tip',
      'admonition note',
      'admonition warning',
    ]);
    expect(page.all('p', 'admonition-title').map(page.text)).toEqual(['Check your setup', 'Tip', 'Outer', 'Inner']);
    const details = page.one('details');
    expect([details.attribs.class, 'open' in details.attribs, page.text(page.one('summary'))]).toEqual([
      'question',
      true,
      'Answer',
    ]);
    // The inner block sits inside the outer one.
    const outer = page.all('div', 'note')[0]!;
    const inside = DomUtils.findAll((el) => el.attribs.class === 'admonition warning', outer.children);
    expect(inside.map(page.text)).toEqual(['Inner\nNested.']);
    expect(report.diagnostics).toEqual([]);
  });

  it('makes one set of content tabs of consecutive tabs, the selected one shown first', () => {
    expect(page.all('label').map(page.text)).toEqual(['Linux', 'Windows']);
    expect(page.all('input').map((i) => 'checked' in i.attribs)).toEqual([false, true]);
    expect(page.all('div', 'tabbed-block').map(page.text)).toEqual(['Use apt.', 'Use the installer.']);
  });

  it('leaves a block it does not know, or one never closed, as text and says so', () => {
    const stray = compileMarkdown('/// glossary\nA term.\n///\n\n/// note | Never closed\nText.');
    expect(query(stray.html).all('div', 'admonition')).toHaveLength(0);
    expect(stray.report.diagnostics.map((d) => [d.line, d.message.split(' does not')[0]])).toEqual([
      [1, '"/// glossary"'],
      [5, '"/// note"'],
    ]);
  });
});

describe('code and math', () => {
  const page = query(html('guide/code.md'));

  it('highlights fenced code at compile time, with its title and a copy-button marker', () => {
    const block = page.one('div', 'highlight');
    expect(page.text(page.one('span', 'filename'))).toBe('hello.py');
    const pre = page.one('pre', 'carrel-code');
    expect(pre.parent).toBe(block);
    expect(page.one('code', 'language-python').attribs.class).toBe('language-python hljs');
    expect(page.all('span', 'hljs-keyword').map(page.text)).toEqual(['def', 'return']);
    expect(page.text(pre)).toBe('def greet(name):\n    return f"Hello {name}"');
  });

  it('bands the lines hl_lines names, closing and reopening highlight.js spans that cross lines', () => {
    const fence = [
      '```python hl_lines="2 4-5"',
      'def f():',
      '    s = """multi',
      '    line"""',
      '    return s',
      '# end',
      '```',
    ];
    const { html } = compileMarkdown(fence.join('\n'));
    const page = query(html);
    expect(page.all('span', 'hll').map(page.text)).toEqual(['s = """multi', 'return s', '# end']);
    // Every line is well-formed on its own: the string crossing two lines is two pieces.
    expect(page.all('span', 'hljs-string').map(page.text)).toEqual(['"""multi', 'line"""']);
    expect(page.text(page.one('code'))).toBe(fence.slice(1, -1).join('\n').trim());
  });

  it('numbers the lines of a linenums fence by style alone, so the code text stays as written', () => {
    const fence = ['```python linenums="1" hl_lines="2"', 'a = 1', 'b = 2', 'c = 3', '```'];
    const page = query(compileMarkdown(fence.join('\n')).html);
    expect(page.one('pre').attribs.class).toBe('carrel-code linenums');
    expect(page.all('span', 'line').map((line) => [page.text(line), line.attribs.class])).toEqual([
      ['a = 1', 'line'],
      ['b = 2', 'line hll'],
      ['c = 3', 'line'],
    ]);
    expect(page.text(page.one('code'))).toBe('a = 1\nb = 2\nc = 3');
    expect(page.one('code').attribs.style).toBeUndefined();
    // Numbering from line 9: the count starts there.
    const from9 = query(compileMarkdown('```python linenums="9"\na = 1\n```').html);
    expect(from9.one('pre').attribs.class).toBe('carrel-code linenums');
    expect(from9.one('code').attribs.style).toBe('counter-reset: line 8');
  });

  it('highlights #!lang inline code and keeps mermaid source for the renderer', () => {
    expect(page.one('code', 'highlight').attribs.class).toBe('highlight language-python');
    expect(page.text(page.one('pre', 'mermaid'))).toBe('graph LR\n  A --> B');
  });

  it('typesets inline and display math with KaTeX, labelled with the source', () => {
    const formulas = [...page.all('span', 'arithmatex'), ...page.all('div', 'arithmatex')];
    expect(formulas.map((f) => f.attribs['aria-label'])).toEqual([
      'E = mc^2',
      'a^2 + b^2 = c^2',
      '\\int_0^1 x^2 \\, dx = \\frac{1}{3}',
      '\\sum_{i=1}^n i = \\frac{n(n+1)}{2}',
    ]);
    expect(page.all('span', 'katex-display')).toHaveLength(2);
    expect(page.all('span', 'katex').length).toBe(4);
  });
});

describe('links', () => {
  const page = query(html('index.md'));
  const hrefs = page.all('a').map((a) => a.attribs.href);

  it('rewrites page links (with anchors) and file links to carrel: links and keeps web links', () => {
    expect(hrefs).toContain('carrel:page/guide/index.md');
    expect(hrefs).toContain('carrel:page/guide/admonitions.md#collapsible-blocks');
    expect(hrefs).toContain('carrel:file/files/slides.pdf');
    expect(hrefs).toContain('https://www.mkdocs.org/');
    expect(hrefs).toContain('#custom-id');
    expect(course.manifest.assets).toEqual(['files/slides.pdf', 'imgs/diagram.png']);
  });

  it('keeps the nav with its groups and external links', () => {
    expect(course.manifest.nav.map((n) => [n.kind, n.title])).toEqual([
      ['page', 'Home'],
      ['group', 'Writing'],
      ['page', 'Extras'],
      ['link', 'MkDocs'],
    ]);
  });

  it('reports nothing but the remote embeds for this course', () => {
    expect(diagnosticsOf(course, 'error')).toEqual([]);
    expect(course.report.embeds.map((e) => [e.file, e.kind, e.host])).toEqual([
      ['docs/guide/admonitions.md', 'iframe', 'www.youtube.com'],
      ['docs/extras.md', 'image', 'example.com'],
      ['docs/extras.md', 'script', undefined],
      ['docs/extras.md', 'video', 'example.com'],
    ]);
  });
});
