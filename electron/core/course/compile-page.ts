import path from 'node:path/posix';
import type { Token, Tokens } from 'marked';
import type { CompiledPage, CompiledSection, TocEntry } from '../../contract.js';
import type { IconResolver } from './markdown/icons.js';
import { PageRenderer } from './markdown/render.js';
import { sanitizeCompiledHtml } from './sanitize.js';
import type { Diagnostic } from './source.js';

export interface PageContext {
  pagePath: string;
  markdown: string;
  icons: IconResolver;
  /** Whether a course file exists, for images referenced by the page. */
  hasFile(relativePath: string): boolean;
  diagnostics: Diagnostic[];
}

export interface CompiledPageResult {
  page: CompiledPage;
  /** Course files the page references, relative to the docs folder. */
  assets: string[];
}

/** Prefix of asset URLs inside compiled HTML; the renderer maps it to where the course is served. */
export const ASSET_URL_PREFIX = 'assets/';

const isExternal = (href: string) => /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//');

/**
 * Compiles one Markdown page: every H2 starts a section whose id is `pagePath#slug`, the text
 * before the first H2 is the page's intro, H3 and deeper headings form each section's contents.
 */
export function compilePage(context: PageContext): CompiledPageResult {
  const { pagePath, diagnostics } = context;
  const pageDir = path.dirname(pagePath);
  const assets = new Set<string>();

  const renderer = new PageRenderer(context.icons, {
    resolveImage(href) {
      if (isExternal(href)) {
        diagnostics.push({ severity: 'warning', file: pagePath, message: `Remote image ${href} is not loaded offline.` });
        return undefined;
      }
      const target = decodeURIComponent(href.split(/[?#]/)[0]!);
      const resolved = path.normalize(path.join(pageDir, target));
      if (resolved.startsWith('../') || !context.hasFile(resolved)) {
        diagnostics.push({ severity: 'error', file: pagePath, message: `Image ${href} was not found.` });
        return undefined;
      }
      assets.add(resolved);
      return ASSET_URL_PREFIX + resolved.split('/').map(encodeURIComponent).join('/');
    },
    warn(message, line) {
      diagnostics.push({ severity: 'warning', file: pagePath, line, message });
    },
  });

  const tokens = renderer.lex(context.markdown);
  let title = '';
  const intro: Token[] = [];
  const sections: { heading: Tokens.Heading; body: Token[] }[] = [];

  for (const token of tokens) {
    if (token.type === 'heading' && token.depth === 1 && !title && sections.length === 0) {
      title = renderer.heading(token as Tokens.Heading).title;
      continue;
    }
    if (token.type === 'heading' && token.depth === 2) {
      sections.push({ heading: token as Tokens.Heading, body: [] });
      continue;
    }
    (sections.at(-1)?.body ?? intro).push(token);
  }

  const compiledSections: CompiledSection[] = sections.map(({ heading, body }) => {
    const { id, title: sectionTitle } = renderer.heading(heading);
    const toc: TocEntry[] = body
      .filter((t): t is Tokens.Heading => t.type === 'heading' && t.depth >= 3)
      .map((t) => {
        const h = renderer.heading(t);
        return { id: h.id, title: h.title, level: h.depth };
      });
    const html = sanitizeCompiledHtml(renderer.render([heading, ...body], tokens.links));
    return {
      id: `${pagePath}#${id}`,
      title: sectionTitle,
      html,
      toc,
      empty: body.every((t) => t.type === 'space'),
    };
  });

  const introHtml = intro.every((t) => t.type === 'space') ? '' : sanitizeCompiledHtml(renderer.render(intro, tokens.links));
  return {
    page: { path: pagePath, title: title || path.basename(pagePath, '.md'), introHtml, sections: compiledSections },
    assets: [...assets],
  };
}
