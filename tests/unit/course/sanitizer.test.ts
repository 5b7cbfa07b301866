import { describe, expect, it } from 'vitest';
import { sanitizeCompiledHtml } from '../../../electron/core/course/sanitize.js';
import { compileMarkdown } from './support.js';

/**
 * How the compiler's allowlist writes what it keeps, at the edges: entities, quoting, void and
 * self-closing elements, URLs, styles, and markup it drops.
 */
describe('the sanitizer writes', () => {
  it('text with entities decoded, then only &, < and > escaped', () => {
    expect(sanitizeCompiledHtml('<p>&lt;b&gt; &amp;amp; a&nbsp;b &#x41;&#66; &copy; &quot;q&quot; it&#39;s</p>')).toBe(
      '<p>&lt;b&gt; &amp;amp; a\u00a0b AB © "q" it\'s</p>',
    );
  });

  it('every kept attribute in double quotes, its value escaped', () => {
    expect(
      sanitizeCompiledHtml(`<a href='#top' title=a&amp;b>x</a><p title="say &quot;hi&quot; <now> 'ok'">y</p>`),
    ).toBe('<a href="#top" title="a&amp;b">x</a><p title="say &quot;hi&quot; &lt;now&gt; \'ok\'">y</p>');
  });

  it('empty attributes as the page needs them: a bare boolean, alt="" kept, an empty class dropped', () => {
    expect(
      sanitizeCompiledHtml('<details open=""><summary class="">S</summary></details><img src="assets/a.png" alt="">'),
    ).toBe('<details open><summary>S</summary></details><img src="assets/a.png" alt="" />');
  });

  it('SVG children written self-closing as elements closed right away', () => {
    expect(
      sanitizeCompiledHtml('<svg viewBox="0 0 24 24"><path d="M0 0h24"/><circle cx="1" cy="1" r="1"/></svg>'),
    ).toBe('<svg viewbox="0 0 24 24"><path d="M0 0h24"></path><circle cx="1" cy="1" r="1"></circle></svg>');
  });

  it('void elements once, closed in the tag', () => {
    expect(sanitizeCompiledHtml('a<br>b<br/>c<wbr>d<hr><table><colgroup><col></colgroup></table>')).toBe(
      'a<br />b<br />c<wbr />d<hr /><table><colgroup><col /></colgroup></table>',
    );
  });
});

describe('the sanitizer keeps', () => {
  it('images, video and audio only when they load from the pack', () => {
    expect(
      sanitizeCompiledHtml(
        '<img src="assets/imgs/a.png" alt="A"><img src="imgs/a.png" alt="B"><img src="assets/../secret.png" alt="C">' +
          '<img src="/assets/a.png" alt="D"><video src="assets/v.mp4" controls></video><audio src="https://x.example/a.mp3"></audio>',
      ),
    ).toBe(
      '<img src="assets/imgs/a.png" alt="A" /><img alt="B" /><img alt="C" /><img alt="D" /><video src="assets/v.mp4" controls></video><audio></audio>',
    );
  });

  const kept = (href: string) => /href=/.test(sanitizeCompiledHtml(`<a href="${href}">x</a>`));

  it('links inside the page and the course, relative ones, and web and mail links', () => {
    for (const href of [
      '#anchor',
      'other.md',
      'carrel:page/guide/a.md#b',
      'carrel:file/notes.pdf',
      'https://example.org/',
      'HTTP://example.org/',
      'mailto:a@example.org',
      'tel:+15550100',
    ])
      expect([href, kept(href)]).toEqual([href, true]);
  });

  it('no other link: not root-relative or protocol-relative, not another carrel: address, no script or data', () => {
    for (const href of [
      '/root.html',
      '//evil.example/',
      '\\\\evil.example\\x',
      'carrel:settings',
      'javascript:alert(1)',
      ' java&#10;script:alert(1)',
      'data:text/html,x',
      'vbscript:x',
      'file:///etc/passwd',
    ])
      expect([href, kept(href)]).toEqual([href, false]);
  });

  it('a style declaration only when the whole of it is allowed', () => {
    expect(
      sanitizeCompiledHtml(
        '<span style="height: 1.2em; color: red !important; background: red; top: url(x); margin-left:-0.5em">s</span>',
      ),
    ).toBe('<span style="height:1.2em;margin-left:-0.5em">s</span>');
  });
});

describe('the sanitizer drops', () => {
  it('comments, doctypes and processing instructions, never what is around them', () => {
    expect(sanitizeCompiledHtml('a<!-- note -->b<!DOCTYPE html>c<?xml version="1.0"?>d')).toBe('abcd');
  });

  it('unknown elements but not their text, and elements of code, documents or forms with everything inside', () => {
    expect(
      sanitizeCompiledHtml(
        '<custom-card><b>kept</b></custom-card><font color="red">f</font><template><p>t</p></template>' +
          '<select><option>o</option></select><textarea>x</textarea><noembed>n</noembed><xmp><b>m</b></xmp>',
      ),
    ).toBe('<b>kept</b>f');
  });

  it('data-* and event attributes, even on allowed elements', () => {
    expect(sanitizeCompiledHtml('<div data-section-id="x" onclick="y()" class="c" id="i">d</div>')).toBe(
      '<div class="c" id="i">d</div>',
    );
  });

  it('what a browser would read as the text of a <noscript>', () => {
    expect(
      sanitizeCompiledHtml('<div><noscript></div><img src="assets/a.png" onerror="alert(1)"></noscript>after</div>'),
    ).toBe('<div></div>after');
  });
});

/** Markup like the compiler's own, and odd markup around it. */
const SAMPLES = [
  '<h2 id="start">Start</h2>\n<p>Read <a href="carrel:page/a.md#b" title="A &amp; B">the guide</a>, <em>then</em> <code>x &lt; 1</code>.</p>\n',
  '<ul class="task-list">\n<li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled checked><span class="task-list-indicator"></span></label> Done</li>\n</ul>\n',
  '<div class="tabbed-set tabbed-alternate"><input type="radio" name="__tabbed_1" id="__tabbed_1_1" checked><div class="tabbed-labels"><label for="__tabbed_1_1">A</label></div>\n<div class="tabbed-content">\n<div class="tabbed-block">\n<p>x</p>\n</div>\n</div>\n</div>\n',
  '<table>\n<thead>\n<tr>\n<th align="left">H</th>\n</tr>\n</thead>\n<tbody><tr>\n<td align="left">it&#39;s &quot;c&quot;</td>\n</tr>\n</tbody></table>\n',
  '<details class="note" open>\n<summary>Note</summary>\n<p>Body <sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>\n</details>\n',
  '<figure class="figure figure--center"><img src="assets/imgs/a.png" alt="A" width="300"></figure>\n<p class="x" id="y">P<br>Q</p>\n',
  '<div>unclosed <span>at the end',
  '<p>a<p>b<li>c<li>d</p><table><tr><td>1<td>2</table>',
  '<div><p>x</div></p></br><P CLASS="Up">y</P>',
  '<a href="x" title="1" title="2">dup</a><img src=assets/a.png alt=unquoted>',
  '<svg><path d="M0"/></svg><math><mi>x</mi></math>',
  'a &copy b &amp c &#169; &notanentity; &',
];

describe('the sanitizer reads markup the same wherever it is', () => {
  it('so a comment anywhere between tags changes nothing else', () => {
    for (const sample of SAMPLES) {
      const clean = sanitizeCompiledHtml(sample);
      for (const at of [0, sample.indexOf('>') + 1, sample.lastIndexOf('<'), sample.length].filter((i) => i >= 0)) {
        expect(sanitizeCompiledHtml(`${sample.slice(0, at)}<!-- c -->${sample.slice(at)}`)).toBe(clean);
      }
    }
  });

  it('and the ids it writes are the ids the page has', () => {
    const ids = new Set<string>();
    sanitizeCompiledHtml(SAMPLES.join(''), { ids });
    expect([...ids]).toEqual(['start', '__tabbed_1_1', 'fnref:1', 'y']);
  });
});

describe('search text gathered while sanitizing', () => {
  it('has the words a student reads, code included, and no icon or formula markup', () => {
    const { texts } = compileMarkdown(
      [
        '# T',
        '',
        '## Tools',
        '',
        ':material-school: Learn *fast* & well<br>today.',
        '',
        '```python',
        'print("a < b")',
        '```',
        '',
        '| A | B |',
        '|---|---|',
        '| 1 | 2 |',
        '',
        '<svg><title>hidden</title></svg>Shown',
      ].join('\n'),
    );
    expect(texts).toEqual(['Tools Learn fast & well today. print("a < b") A B 1 2 Shown']);
  });

  it('keeps tab labels apart and footnote markers out, as words a student would search for', () => {
    const { texts } = compileMarkdown(
      [
        '## Setup',
        '',
        'Install it first[^1], then run it.',
        '',
        '=== "Python"',
        '    pip install carrel',
        '=== "JavaScript"',
        '    npm install carrel',
        '',
        '[^1]: On every laptop.',
      ].join('\n'),
    );
    expect(texts).toEqual([
      'Setup Install it first, then run it. Python JavaScript pip install carrel npm install carrel On every laptop.',
    ]);
  });
});
