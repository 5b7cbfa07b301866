import path from 'node:path/posix';
import type { Token, Tokens } from 'marked';
import type { CompiledPage, TocEntry } from '../../contract.js';
import { hostOf, resolveLink, resolveSource, type CourseFiles } from './links.js';
import { PageRenderer, type RenderedPart, type RenderServices } from './markdown/render.js';
import { offlineCard, rewriteRawHtml, type Embed } from './offline-html.js';
import { parseFrontMatter } from './front-matter.js';
import type { CourseReport } from './report.js';
import { sanitizeCompiledHtml } from './sanitize.js';
import { normalizeSpace, visibleText } from './search-documents.js';
import { escapeAttribute, escapeText } from './markup-escape.js';

export interface PageInput {
  /** The page's path relative to the docs folder. */
  pagePath: string;
  /** The page's path as the instructor knows it (relative to the course folder), for reports. */
  displayPath: string;
  /** The title the nav gives the page, which goes before its front matter's and its H1's. */
  navTitle?: string;
  markdown: string;
  files: CourseFiles;
  services: RenderServices;
  report: CourseReport;
  /**
   * Which parts go through the sanitizer: those with HTML the author wrote (the default; the
   * compiler's own markup is safe by construction), or every part, which the tests compare with.
   */
  sanitize?: 'raw-html' | 'everything';
}

/** A link to a place in another page (or this one), checked once every page is compiled. */
export interface AnchorLink {
  line: number;
  href: string;
  target: string;
  anchor: string;
}

export interface CompiledPageResult {
  page: CompiledPage;
  /** Course files the page references (images, linked files), relative to the docs folder. */
  assets: string[];
  /** The search text of each section. */
  texts: string[];
  /** Every element id on the page, for checking links to anchors. */
  ids: Set<string>;
  anchorLinks: AnchorLink[];
}

const unescapeAttribute = (value: string) =>
  value.includes('&')
    ? value
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&')
    : value;

/**
 * Adds the value of every id attribute in markup the compiler wrote. ` id="` is one only inside a
 * tag: text cannot hold `<` or `>` unescaped, and neither can attribute values.
 */
function addIds(html: string, ids: Set<string>): void {
  for (let at = html.indexOf(' id="'); at !== -1; at = html.indexOf(' id="', at + 5)) {
    if (html.lastIndexOf('<', at) <= html.lastIndexOf('>', at)) continue;
    ids.add(unescapeAttribute(html.slice(at + 5, html.indexOf('"', at + 5))));
  }
}

const HTML_COMMENTS = /^(?:\s*<!--[\s\S]*?-->)+\s*$/;

/** What the opening of a page that also has sections is called in the contents. */
const OPENING_TITLE = 'Introduction';

/** The title MkDocs would give a page with no H1 and no nav title: its file name, humanized. */
export function titleFromFileName(pagePath: string): string {
  const base = path.basename(pagePath).replace(/\.(md|ipynb)$/, '');
  const name = base === 'index' || base === 'README' ? path.basename(path.dirname(pagePath)) || 'Home' : base;
  const words = name.replace(/[-_]+/g, ' ');
  return words === words.toLowerCase() ? words.charAt(0).toUpperCase() + words.slice(1) : words;
}

/**
 * Compiles one Markdown page: every H2 starts a section whose id is `pagePath#slug`; the page's
 * title and the text before the first H2 open the page as a section whose id is `pagePath`; H3
 * and deeper headings form each section's contents. The page's footnotes close its last section,
 * as they close the page on the MkDocs site.
 */
export function compilePage(input: PageInput): CompiledPageResult {
  const { pagePath, displayPath: file, files, report } = input;
  const assets = new Set<string>();
  const anchorLinks: AnchorLink[] = [];
  const warn = (message: string, line: number) => report.diagnostics.push({ severity: 'warning', file, line, message });
  const error = (message: string, line: number) => report.diagnostics.push({ severity: 'error', file, line, message });

  function embed(found: Embed, line: number): void {
    if (found.kind === 'image') report.images.push({ file, line, src: found.url ?? '', found: false });
    report.embeds.push({
      file,
      line,
      kind: found.kind,
      title: found.title,
      url: found.url,
      ...(found.url ? { host: hostOf(found.url) } : {}),
    });
    if (found.kind === 'script') warn('A <script> was removed: course pages never run scripts.', line);
    else
      warn(
        `${found.title} (${found.kind}${found.url ? ` from ${hostOf(found.url)}` : ''}) is shown as an offline card with an "Open online" link.`,
        line,
      );
  }

  function link(href: string, line: number): string | undefined {
    const resolved = resolveLink(href, pagePath, files);
    if (resolved.kind === 'unresolved') {
      report.links.push({
        file,
        line,
        href,
        kind: 'unresolved',
        ...(resolved.target ? { target: resolved.target } : {}),
      });
      error(`The link ${href} ${resolved.reason}.`, line);
      return undefined;
    }
    if (resolved.kind === 'page') {
      report.links.push({
        file,
        line,
        href,
        kind: 'page',
        target: resolved.target,
        ...(resolved.anchor ? { anchor: resolved.anchor } : {}),
      });
      if (resolved.anchor) anchorLinks.push({ line, href, target: resolved.target, anchor: resolved.anchor });
    } else if (resolved.kind === 'anchor') {
      report.links.push({ file, line, href, kind: 'anchor', target: pagePath, anchor: resolved.anchor });
      anchorLinks.push({ line, href, target: pagePath, anchor: resolved.anchor });
    } else if (resolved.kind === 'file') {
      report.links.push({ file, line, href, kind: 'file', target: resolved.target });
      assets.add(resolved.target);
    } else report.links.push({ file, line, href, kind: 'external' });
    return resolved.href;
  }

  function localSource(src: string, line: number): string | undefined {
    const resolved = resolveSource(src, pagePath, files);
    if (resolved.kind === 'asset') {
      report.images.push({ file, line, src, target: resolved.target, found: true });
      assets.add(resolved.target);
      return resolved.src;
    }
    report.images.push({
      file,
      line,
      src,
      ...(resolved.kind === 'unresolved' && resolved.target ? { target: resolved.target } : {}),
      found: false,
    });
    if (resolved.kind === 'unresolved') error(`The image ${src} ${resolved.reason}.`, line);
    return undefined;
  }

  const renderer = new PageRenderer(input.services, {
    image(token, attrs, line) {
      const resolved = resolveSource(token.href, pagePath, files);
      if (resolved.kind === 'remote') {
        const found: Embed = { kind: 'image', url: resolved.url, title: token.text || 'Image' };
        embed(found, line);
        return offlineCard(found);
      }
      const src = localSource(token.href, line);
      if (src === undefined)
        return `<span class="carrel-missing-image" title="${escapeAttribute(token.href)}">${escapeAttribute(token.text)}</span>`;
      const title = token.title ? ` title="${escapeAttribute(token.title)}"` : '';
      return `<img src="${escapeAttribute(src)}" alt="${escapeAttribute(token.text)}"${title}${attrs} />`;
    },
    link,
    rawHtml(html, line) {
      return rewriteRawHtml(html, {
        link: (href) => link(href, line),
        localSource: (src) => localSource(src, line),
        embed: (found) => embed(found, line),
      });
    },
    warn,
  });

  const { body, title: metaTitle, bodyLine, problem } = parseFrontMatter(input.markdown);
  if (problem) warn(problem, 1);
  const tokens = renderer.lex(body, bodyLine);
  let title = metaTitle ?? '';
  let titleHeading: Tokens.Heading | undefined;
  const opening: Token[] = [];
  const sections: { heading: Tokens.Heading; body: Token[] }[] = [];

  for (const token of tokens) {
    if (token.type === 'heading' && token.depth === 1 && !title && sections.length === 0) {
      // The page's title; it stays where it is written, and heads the opening when that is shown.
      titleHeading = token as Tokens.Heading;
      title = renderer.heading(titleHeading).title;
    }
    if (token.type === 'heading' && token.depth === 2) {
      sections.push({ heading: token as Tokens.Heading, body: [] });
      continue;
    }
    (sections.at(-1)?.body ?? opening).push(token);
  }
  const pageTitle = input.navTitle || title || titleFromFileName(pagePath);

  // Nothing a student would see but the page's title: definitions used elsewhere, and comments
  // (a note atop a file).
  const isBlank = (part: Token[]) =>
    part.every(
      (t) =>
        t === titleHeading ||
        t.type === 'space' ||
        t.type === 'footnoteDef' ||
        t.type === 'abbreviation' ||
        t.type === 'def' ||
        (t.type === 'html' && HTML_COMMENTS.test(t.raw)),
    );
  const tocOf = (part: Token[]) =>
    part
      .filter((t): t is Tokens.Heading => t.type === 'heading' && t.depth >= 3)
      .map((t): TocEntry => {
        const h = renderer.heading(t);
        return { id: h.id, title: h.title, level: h.depth };
      });
  // Parts are rendered in document order: tab sets and repeated footnote references are numbered
  // as they are met.
  const renderedSections: { id: string; title: string; toc: TocEntry[]; part: RenderedPart; empty: boolean }[] = [];
  // The page's opening, its title and what comes before the first H2, is a section of its own
  // (its id is the page's path); a page without H2s is all opening.
  if (!isBlank(opening) || sections.length === 0) {
    const part = renderer.render(opening, tokens.links);
    // A page titled by its front matter or file name is headed by that title, as Material heads it.
    if (!opening.some((t) => t.type === 'heading' && t.depth === 1))
      part.html = `<h1>${escapeText(pageTitle)}</h1>\n${part.html}`;
    renderedSections.push({
      id: pagePath,
      // Named for the page itself when it has no sections, or already has an "Introduction".
      title:
        sections.length && !sections.some(({ heading }) => renderer.heading(heading).title === OPENING_TITLE)
          ? OPENING_TITLE
          : pageTitle,
      toc: tocOf(opening),
      part,
      empty: isBlank(opening),
    });
  }
  for (const { heading, body: sectionBody } of sections) {
    const rendered = renderer.heading(heading);
    renderedSections.push({
      id: `${pagePath}#${rendered.id}`,
      title: rendered.title,
      toc: tocOf(sectionBody),
      part: renderer.render([heading, ...sectionBody], tokens.links),
      empty: isBlank(sectionBody),
    });
  }
  const footnotes = renderer.renderFootnotes(tokens.links);
  const last = renderedSections.at(-1)!.part;
  last.html += footnotes.html;
  last.hasRawHtml ||= footnotes.hasRawHtml;

  const ids = new Set<string>();
  const { trusted } = renderer;
  const finish = ({ html, hasRawHtml }: RenderedPart) => {
    let text = '';
    if (hasRawHtml || input.sanitize === 'everything') {
      // One pass over the HTML sanitizes it, collects its ids and gathers its search text.
      html = sanitizeCompiledHtml(html, { ids, text: (visible) => (text = visible) });
    } else {
      addIds(html, ids);
      text = visibleText(html);
    }
    return { html: trusted.restore(html), text: normalizeSpace(trusted.restore(text, visibleText)) };
  };
  const finished = renderedSections.map(({ part, ...section }) => ({ ...section, ...finish(part) }));
  return {
    page: {
      path: pagePath,
      title: pageTitle,
      sections: finished.map(({ id, title: sectionTitle, html, toc, empty }) => ({
        id,
        title: sectionTitle,
        html,
        toc,
        empty,
      })),
    },
    texts: finished.map((section) => section.text),
    assets: [...assets].sort(),
    ids,
    anchorLinks,
  };
}
