import { describe, expect, it } from 'vitest';
import { compileMarkdown } from './support.js';

describe('character references in text', () => {
  it('show as the characters they name, each decoded once', () => {
    const { html } = compileMarkdown(
      'Fish&nbsp;&amp;&nbsp;chips &copy; 2026 &#169; &#x41; &bogus; AT&T &#38;amp; &#65; &amp;lt;\n',
    );
    expect(html).toContain('Fish\u00a0&amp;\u00a0chips © 2026 © A &amp;bogus; AT&amp;T &amp;amp; A &amp;lt;');
  });

  it('gives headings titles with the characters their references name, decoded once', () => {
    const { page } = compileMarkdown('# T\n\n## Fish &amp; chips\n\n## Writing &amp;amp; in HTML\n');
    expect(page.sections.map((s) => s.title)).toEqual(['Fish & chips', 'Writing &amp; in HTML']);
  });
});
