import { Parser } from 'htmlparser2';
import { hostOf } from './links.js';
import { escapeAttribute, escapeText } from './markup-escape.js';

/**
 * Raw HTML written in a page, made safe to show offline before the sanitizer sees it: nothing in
 * a compiled page may ever load from the network.
 *   <iframe>, remote <video>/<audio>, <object>, <embed> and remote <img>  ->  an offline card
 *   <script>, <noscript>, <style>, <template>                              ->  dropped
 *   <a href>, local <img src>, local <video>/<audio>                      ->  resolved like Markdown links
 *
 * The offline card, made of spans so it is valid wherever the embed was (even inside a paragraph):
 *   <span class="carrel-embed">
 *     <span class="carrel-embed-title">Title</span> <span class="carrel-embed-host">www.youtube.com</span>
 *     <a class="carrel-embed-open" href="https://…">Open online</a>
 *   </span>
 */
export type EmbedKind = 'iframe' | 'video' | 'audio' | 'object' | 'embed' | 'image' | 'script';

export interface Embed {
  kind: EmbedKind;
  /** The online address, when the embed had one that can be opened in a browser. */
  url: string | undefined;
  title: string;
}

export interface RawHtmlHooks {
  /** The href to write for a link, or undefined to drop the href. */
  link(href: string): string | undefined;
  /** The src to write for a local image/video/audio file, or undefined when it cannot be shown. */
  localSource(src: string): string | undefined;
  embed(embed: Embed): void;
}

const DROPPED = new Set(['script', 'noscript', 'style', 'template']);
const EMBEDS = new Set(['iframe', 'video', 'audio', 'object', 'embed']);
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);
const isRemote = (url: string) => /^(?:https?:)?\/\//i.test(url.trim());

/** The address a student can open for an embed: YouTube players become their watch page. */
export function onlineUrl(src: string): string | undefined {
  const trimmed = src.trim();
  if (!isRemote(trimmed)) return undefined;
  const url = trimmed.startsWith('//') ? `https:${trimmed}` : trimmed;
  const youtube = /^https?:\/\/(?:www\.)?youtube(?:-nocookie)?\.com\/embed\/([\w-]+)/i.exec(url);
  return youtube ? `https://www.youtube.com/watch?v=${youtube[1]}` : url;
}

const DEFAULT_TITLES: Record<EmbedKind, string> = {
  iframe: 'Embedded content',
  video: 'Video',
  audio: 'Audio',
  object: 'Embedded content',
  embed: 'Embedded content',
  image: 'Image',
  script: 'Script',
};

export function offlineCard(embed: Embed): string {
  const host = embed.url ? `<span class="carrel-embed-host">${escapeText(hostOf(embed.url))}</span>` : '';
  const open = embed.url ? `<a class="carrel-embed-open" href="${escapeAttribute(embed.url)}">Open online</a>` : '';
  return `<span class="carrel-embed carrel-embed-${embed.kind}"><span class="carrel-embed-title">${escapeText(embed.title)}</span> ${host} ${open}</span>`;
}

function openTag(name: string, attribs: Record<string, string>): string {
  const attrs = Object.entries(attribs)
    .map(([key, value]) => (value === '' ? ` ${key}` : ` ${key}="${escapeAttribute(value)}"`))
    .join('');
  return `<${name}${attrs}>`;
}

interface Skipping {
  tag: string;
  depth: number;
  attribs: Record<string, string>;
  sources: string[];
}

const LONE_CLOSING_TAG = /^<\/[a-zA-Z][\w-]*\s*>$/;

export function rewriteRawHtml(html: string, hooks: RawHtmlHooks): string {
  // Inline HTML reaches here one tag at a time; a closing tag alone is left to the sanitizer.
  if (LONE_CLOSING_TAG.test(html.trim())) return html;
  let out = '';
  let skipping: Skipping | undefined;

  function finishEmbed({ tag, attribs, sources }: Skipping): void {
    if (DROPPED.has(tag)) {
      if (tag === 'script')
        hooks.embed({ kind: 'script', url: attribs.src ? onlineUrl(attribs.src) : undefined, title: 'Script' });
      return;
    }
    const kind = tag as EmbedKind;
    const candidates = [attribs.src, attribs.data, ...sources].filter((s): s is string => Boolean(s));
    if ((kind === 'video' || kind === 'audio') && candidates.length && !candidates.some(isRemote)) {
      const src = hooks.localSource(candidates[0]!);
      if (src) {
        out += `<${kind} controls src="${escapeAttribute(src)}"></${kind}>`;
        return;
      }
    }
    const url = candidates.map(onlineUrl).find((u) => u !== undefined);
    const embed: Embed = { kind, url, title: attribs.title || attribs['aria-label'] || DEFAULT_TITLES[kind] };
    hooks.embed(embed);
    out += offlineCard(embed);
  }

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (skipping) {
          if (name === skipping.tag) skipping.depth++;
          if (name === 'source' && attribs.src) skipping.sources.push(attribs.src);
          return;
        }
        if (DROPPED.has(name) || (EMBEDS.has(name) && name !== 'embed')) {
          skipping = { tag: name, depth: 1, attribs, sources: [] };
          return;
        }
        if (name === 'embed') {
          finishEmbed({ tag: name, depth: 0, attribs, sources: [] });
          return;
        }
        const rewritten = { ...attribs };
        if (name === 'img' && attribs.src !== undefined) {
          if (isRemote(attribs.src)) {
            const embed: Embed = {
              kind: 'image',
              url: onlineUrl(attribs.src),
              title: attribs.alt || attribs.title || DEFAULT_TITLES.image,
            };
            hooks.embed(embed);
            out += offlineCard(embed);
            return;
          }
          const src = hooks.localSource(attribs.src);
          if (src === undefined) delete rewritten.src;
          else rewritten.src = src;
        }
        if (attribs.href !== undefined) {
          const href = hooks.link(attribs.href);
          if (href === undefined) delete rewritten.href;
          else rewritten.href = href;
        }
        delete rewritten.srcset;
        out += openTag(name, rewritten);
      },
      ontext(text) {
        if (!skipping) out += escapeText(text);
      },
      onclosetag(name, implied) {
        if (skipping) {
          if (name === skipping.tag && --skipping.depth === 0) {
            const done = skipping;
            skipping = undefined;
            finishEmbed(done);
          }
          return;
        }
        if (!VOID.has(name) && !implied) out += `</${name}>`;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  if (skipping) finishEmbed(skipping);
  return out;
}
