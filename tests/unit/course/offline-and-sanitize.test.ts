import { describe, expect, it } from 'vitest';
import { sanitizeCompiledHtml } from '../../../electron/core/course/sanitize.js';
import { compileMarkdown, query } from './support.js';

/** Compiles one page of Markdown in a course that has only that page and imgs/local.png. */
const compile = (markdown: string) =>
  compileMarkdown(markdown, (p) => p === 'imgs/local.png' || p === 'clips/local.mp4');

describe('the offline guarantee', () => {
  it('turns a YouTube iframe inside an admonition into an offline card with an Open online link', () => {
    const { html, report } = compile(
      '# T\n\n!!! example "Watch"\n    <iframe src="https://www.youtube.com/embed/abc123" title="Lecture 1"></iframe>\n',
    );
    const page = query(html);
    expect(page.all('iframe')).toHaveLength(0);
    const card = page.one('span', 'carrel-embed');
    expect(page.text(page.one('span', 'carrel-embed-title'))).toBe('Lecture 1');
    expect(page.text(page.one('span', 'carrel-embed-host'))).toBe('www.youtube.com');
    const open = page.one('a', 'carrel-embed-open');
    expect([page.text(open), open.attribs.href]).toEqual(['Open online', 'https://www.youtube.com/watch?v=abc123']);
    expect(card.parent).toBe(page.one('div', 'admonition'));
    expect(report.embeds).toEqual([
      {
        file: 'docs/page.md',
        line: 4,
        kind: 'iframe',
        title: 'Lecture 1',
        url: 'https://www.youtube.com/watch?v=abc123',
        host: 'www.youtube.com',
      },
    ]);
  });

  it('never keeps a remote image, video or audio, in Markdown or HTML', () => {
    const { html, report } = compile(
      [
        '![Chart](https://example.com/chart.png)',
        '',
        '<img src="//cdn.example.org/x.png" alt="CDN">',
        '',
        '<video controls><source src="https://media.example.com/v.mp4"></video>',
        '',
        '<audio src="http://radio.example.net/a.mp3"></audio>',
        '',
        '<video src="clips/local.mp4"></video>',
      ].join('\n'),
    );
    expect(html).not.toMatch(/src="(?:https?:)?\/\//);
    expect(report.embeds.map((e) => [e.kind, e.host, e.line])).toEqual([
      ['image', 'example.com', 1],
      ['image', 'cdn.example.org', 3],
      ['video', 'media.example.com', 5],
      ['audio', 'radio.example.net', 7],
    ]);
    expect(query(html).one('video').attribs.src).toBe('assets/clips/local.mp4');
  });

  it('drops scripts, with their text, and reports each', () => {
    const { html, report } = compile(
      'Text\n\n<script>alert("x")</script>\n\n<script src="https://evil.example/x.js"></script>\n',
    );
    expect(html).not.toContain('script');
    expect(html).not.toContain('alert');
    expect(report.embeds.map((e) => e.kind)).toEqual(['script', 'script']);
    expect(report.diagnostics.map((d) => d.line)).toEqual([3, 5]);
  });

  it('resolves local images and links written in raw HTML like Markdown ones', () => {
    const { html } = compile('<p><a href="page.md#x">me</a> <img src="imgs/local.png" alt="L"></p>\n');
    expect(html).toContain('href="carrel:page/page.md#x"');
    expect(html).toContain('src="assets/imgs/local.png"');
  });
});

describe('problems inside a page', () => {
  it('keeps a formula KaTeX cannot typeset readable, and reports it', () => {
    const { html, report } = compile('# T\n\nBroken $\\frac{1}{$ here.\n');
    expect(query(html).text(query(html).one('code', 'math-error'))).toBe('$\\frac{1}{$');
    expect(report.diagnostics.map((d) => [d.line, d.message.split(':')[0]])).toEqual([
      [3, 'The formula $\\frac{1}{$ could not be typeset'],
    ]);
  });

  it('reports a footnote reference without a definition and keeps it as text', () => {
    const { html, report } = compile('Text[^missing].\n');
    expect(html).toContain('Text[^missing].');
    expect(report.diagnostics.map((d) => d.message)).toEqual(['The footnote [^missing] has no definition.']);
  });
});

describe('the sanitizer', () => {
  const cases: [string, string, RegExp][] = [
    ['javascript: links', '<a href="javascript:alert(1)">x</a><a href="JaVaScRiPt:alert(1)">y</a>', /javascript/i],
    [
      'event handlers',
      '<p onclick="alert(1)" onmouseover="x()">p</p><img src="assets/a.png" onerror="alert(1)">',
      /on(click|mouseover|error)/,
    ],
    ['iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>', /iframe|srcdoc|alert/],
    ['object', '<object data="evil.swf"><param name="x"></object>', /object|param|evil/],
    ['embed', '<embed src="evil.swf">', /embed|evil/],
    ['base', '<base href="https://evil.example/">', /base|evil/],
    ['meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example/">', /meta|refresh|evil/],
    [
      'forms',
      '<form action="https://evil.example/"><input type="text" name="q"><button>Go</button></form>',
      /form|type="text"|evil/,
    ],
    ['svg script', '<svg><script>alert(1)</script><path d="M0 0"/></svg>', /script|alert/],
    [
      'svg foreignObject',
      '<svg><foreignObject><iframe src="https://evil.example"></iframe></foreignObject></svg>',
      /foreignobject|iframe|evil/i,
    ],
    ['data: images', '<img src="data:image/svg+xml;base64,PHN2Zz4=">', /data:/],
    ['remote images', '<img src="https://tracker.example/pixel.gif">', /tracker/],
    [
      'style sheets and inline css urls',
      '<style>body{background:url(https://x.example)}</style><span style="background:url(https://x.example/a)">s</span>',
      /url\(|style>/,
    ],
    ['data attributes', '<div data-section-id="fake">d</div>', /data-section-id/],
  ];
  for (const [name, dirty, forbidden] of cases) {
    it(`removes ${name}`, () => {
      expect(sanitizeCompiledHtml(dirty)).not.toMatch(forbidden);
    });
  }

  it('the same attacks written in a page are removed end to end', () => {
    const { html } = compile(
      '[click](javascript:alert(1))\n\n<p onclick="alert(1)">p</p>\n\n<iframe srcdoc="<b>x</b>"></iframe>\n\n<object data="a.swf"></object>\n\n<embed src="b.swf">\n\n<base href="https://e.example/">\n\n<meta http-equiv="refresh" content="0">\n\n<form><input name="q"></form>\n',
    );
    expect(html).not.toMatch(/javascript|onclick|srcdoc|<iframe|<object|<embed|<base|<meta|<form|name="q"/i);
  });

  it('keeps what compiled pages need: KaTeX lengths, radio tabs, carrel links', () => {
    const kept = sanitizeCompiledHtml(
      '<span class="katex" style="height:1.2em;vertical-align:-0.25em"></span><input type="radio" name="__tabbed_1" id="__tabbed_1_1" checked><label for="__tabbed_1_1">A</label><a href="carrel:page/a.md#b">a</a>',
    );
    expect(kept).toContain('style="height:1.2em;vertical-align:-0.25em"');
    expect(kept).toContain('name="__tabbed_1"');
    expect(kept).toContain('for="__tabbed_1_1"');
    expect(kept).toContain('href="carrel:page/a.md#b"');
  });
});
