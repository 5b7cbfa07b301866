import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { slugify } from '../../electron/core/course/slug.js';
import {
  ADMONITION_TYPES,
  CODE_LANGUAGES,
  FUNCTION_WORDS,
  GENERAL_WORDS,
  ICONS,
  ML_WORDS,
  SYLLABLES,
} from './vocabulary.js';

/**
 * A seeded generator of large MkDocs Material courses for the benchmarks: the same seed gives the
 * same bytes. Pages have an H1, an intro, several H2 sections with H3s, and the syntax instructors
 * use (lists, admonitions, collapsible blocks, code fences, tables, internal and external links,
 * images with `{ align=center }`, icon shortcodes, buttons).
 *
 * For search quality it also plants made-up words, which occur nowhere else, in chosen sections
 * and builds queries aimed at them, so recall can be measured against targets known by construction.
 */

export interface CorpusSection {
  /** `pagePath#slug`, as the course compiler names sections. */
  id: string;
  title: string;
  /** H3 headings inside the section. */
  headings: string[];
  /** The section's words as a reader sees them, without its headings. */
  text: string;
}

export interface CorpusPage {
  /** Relative to the docs folder, e.g. "topic-03/page-0201.md". */
  path: string;
  title: string;
  markdown: string;
  /** Plain text of the part before the first H2. */
  intro: string;
  sections: CorpusSection[];
}

export type QueryKind = 'word' | 'two-words' | 'prefix' | 'typo' | 'title';

/**
 * A query in neutral form, for any engine to phrase in its own syntax: `words` are typed as they
 * are; a 'prefix' query's single word is a prefix, a 'typo' query's single word has one typing mistake.
 */
export interface BenchQuery {
  kind: QueryKind;
  words: string[];
  /** Sections the query must find, when it was built to find them. */
  targets: string[];
}

export interface Corpus {
  seed: number;
  pages: CorpusPage[];
  /** Image files the pages reference, relative to the docs folder. */
  images: Map<string, Uint8Array>;
  /** Queries whose target sections are known by construction. */
  knownTargets: BenchQuery[];
  /** Everyday queries on common words (single words, pairs, prefixes, typos), without targets. */
  commonQueries: BenchQuery[];
  /** Total size of the Markdown, in bytes. */
  markdownBytes: number;
}

export interface CorpusOptions {
  seed?: number;
  pages?: number;
  /** Known-target queries of each kind. */
  queriesPerKind?: number;
  /** Common-word queries of each kind. */
  commonPerKind?: number;
}

/** Sections that mention a title-planted word only in their text, to test that the title match wins. */
const TITLE_DISTRACTORS = 15;
const TOPICS = 20;
const IMAGE_COUNT = 24;

/** A small, fast PRNG (a 32-bit multiply-xorshift mix of a Weyl sequence); deterministic per seed. */
class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}

/** Draws words with probability falling off as 1/rank, like word frequencies in real text. */
class ZipfList {
  private readonly cumulative: Float64Array;

  constructor(readonly words: readonly string[]) {
    this.cumulative = new Float64Array(words.length);
    let sum = 0;
    words.forEach((_, rank) => (this.cumulative[rank] = sum += 1 / (rank + 1)));
  }

  draw(random: Random): string {
    const target = random.next() * this.cumulative[this.cumulative.length - 1]!;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return this.words[lo]!;
  }
}

const functionWords = new ZipfList(FUNCTION_WORDS);
const generalWords = new ZipfList(GENERAL_WORDS);
const mlWords = new ZipfList(ML_WORDS);
const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
const isPlainWord = (word: string) => /^[a-z]{4,}$/.test(word);

/** A piece of generated Markdown together with the text a reader sees in it. */
interface Block {
  markdown: string;
  text: string;
}

interface Plant {
  word: string;
  inTitle: boolean;
  /** For a two-word query: filled in with a common word of the target section once it exists. */
  query?: BenchQuery;
}

/** Generates the corpus. 2,000 pages are about 10 MB of Markdown. */
export function generateCorpus(options: CorpusOptions = {}): Corpus {
  const seed = options.seed ?? 20240611;
  const pageCount = options.pages ?? 2000;
  const perKind = options.queriesPerKind ?? 50;
  const commonPerKind = options.commonPerKind ?? 50;
  const random = new Random(seed);

  const vocabulary = new Set([...FUNCTION_WORDS, ...GENERAL_WORDS, ...ML_WORDS].map((w) => w.toLowerCase()));
  const madeUp = makeUpWords(random, perKind * 5, vocabulary);

  // Plan first: which sections get which made-up word. Sections are picked by page and by a number
  // taken modulo the page's section count, since that count is only known once the page exists.
  const plants = new Map<string, Plant[]>();
  const usedTargets = new Set<string>();
  const plant = (page: number, pick: number, entry: Plant) => {
    const key = `${page}:${pick}`;
    plants.set(key, [...(plants.get(key) ?? []), entry]);
  };
  const targetSlot = () => {
    for (;;) {
      const page = random.int(0, pageCount - 1);
      const pick = random.int(0, 3);
      if (!usedTargets.has(`${page}:${pick}`)) {
        usedTargets.add(`${page}:${pick}`);
        return { page, pick };
      }
    }
  };
  const knownTargets: BenchQuery[] = [];
  const kinds: QueryKind[] = ['word', 'two-words', 'prefix', 'typo', 'title'];
  kinds.forEach((kind, k) => {
    for (let q = 0; q < perKind; q++) {
      const word = madeUp[k * perKind + q]!;
      const query: BenchQuery = { kind, words: [queryWord(kind, word, madeUp, vocabulary, random)], targets: [] };
      knownTargets.push(query);
      const { page, pick } = targetSlot();
      plant(page, pick, { word, inTitle: kind === 'title', query });
      if (kind === 'title') {
        for (let d = 0; d < TITLE_DISTRACTORS; d++)
          plant(random.int(0, pageCount - 1), random.int(0, 3), { word, inTitle: false });
      }
    }
  });

  const pagePaths = Array.from({ length: pageCount }, (_, i) => {
    const topic = String((i % TOPICS) + 1).padStart(2, '0');
    return `topic-${topic}/page-${String(i + 1).padStart(4, '0')}.md`;
  });
  const images = makeImages(random);
  const imagePaths = [...images.keys()];
  const pages: CorpusPage[] = [];
  for (let i = 0; i < pageCount; i++) {
    pages.push(generatePage(random, i, pagePaths, pages, imagePaths, plants));
  }
  const markdownBytes = pages.reduce((sum, page) => sum + Buffer.byteLength(page.markdown), 0);
  return { seed, pages, images, knownTargets, commonQueries: makeCommonQueries(random, commonPerKind), markdownBytes };
}

function makeUpWords(random: Random, count: number, vocabulary: ReadonlySet<string>): string[] {
  const words: string[] = [];
  while (words.length < count) {
    let word = '';
    const syllables = random.int(3, 4);
    for (let s = 0; s < syllables; s++) word += random.pick(SYLLABLES);
    if (word.length < 7 || word.length > 12 || word.endsWith('s') || vocabulary.has(word)) continue;
    // Far from every other made-up word, so a typo can only point at one of them.
    if (words.some((other) => editDistance(other, word) < 3)) continue;
    words.push(word);
  }
  return words;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    previous = row;
  }
  return previous[b.length]!;
}

/** What the student types to find a made-up word, for each kind of query. */
function queryWord(
  kind: QueryKind,
  word: string,
  madeUp: readonly string[],
  vocabulary: ReadonlySet<string>,
  random: Random,
): string {
  if (kind === 'prefix') {
    const others = [...madeUp.filter((other) => other !== word), ...vocabulary];
    for (let length = 4; length < word.length; length++) {
      const prefix = word.slice(0, length);
      if (!others.some((other) => other.startsWith(prefix))) return prefix;
    }
    return word.slice(0, -1);
  }
  if (kind === 'typo') return withTypo(word, random, vocabulary);
  return word;
}

/** One typing mistake after the first letter: a letter dropped, doubled, replaced or swapped. */
function withTypo(word: string, random: Random, vocabulary: ReadonlySet<string>): string {
  for (;;) {
    const at = random.int(1, word.length - 2);
    const letter = String.fromCharCode(97 + random.int(0, 25));
    const typo = [
      word.slice(0, at) + word.slice(at + 1),
      word.slice(0, at) + letter + word.slice(at),
      word.slice(0, at) + letter + word.slice(at + 1),
      word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2),
    ][random.int(0, 3)]!;
    if (typo !== word && !vocabulary.has(typo)) return typo;
  }
}

function makeCommonQueries(random: Random, perKind: number): BenchQuery[] {
  const content = () => {
    for (;;) {
      const word = (random.chance(0.5) ? generalWords : mlWords).draw(random).toLowerCase();
      if (isPlainWord(word)) return word;
    }
  };
  const queries: BenchQuery[] = [];
  for (let q = 0; q < perKind; q++) {
    queries.push({ kind: 'word', words: [content()], targets: [] });
    queries.push({ kind: 'two-words', words: [content(), content()], targets: [] });
    const word = content();
    queries.push({ kind: 'prefix', words: [word.slice(0, random.int(3, Math.min(5, word.length - 1)))], targets: [] });
    let long = content();
    while (long.length < 5) long = content();
    queries.push({ kind: 'typo', words: [withTypo(long, random, new Set())], targets: [] });
  }
  return queries;
}

function sentence(random: Random, min = 6, max = 15): string[] {
  const words: string[] = [];
  const length = random.int(min, max);
  for (let w = 0; w < length; w++) {
    if (random.chance(0.42)) words.push(functionWords.draw(random));
    else words.push((random.chance(0.55) ? generalWords : mlWords).draw(random));
  }
  return words;
}

function titleWords(random: Random, min: number, max: number): string {
  const words: string[] = [];
  const length = random.int(min, max);
  while (words.length < length) {
    const word = (random.chance(0.5) ? generalWords : mlWords).draw(random);
    if (!words.includes(word)) words.push(word);
  }
  return words.map((word) => (/[A-Z]/.test(word) ? word : capitalize(word))).join(' ');
}

interface PageContext {
  random: Random;
  index: number;
  pagePaths: readonly string[];
  done: readonly CorpusPage[];
  imagePaths: readonly string[];
}

/** A link to another page: with an anchor when that page (and so its section ids) already exists. */
function internalLink(context: PageContext, label: string): string {
  const { random, index, pagePaths, done } = context;
  const target = random.int(0, pagePaths.length - 1);
  let href = path.posix.relative(path.posix.dirname(pagePaths[index]!), pagePaths[target]!);
  const existing = done[target];
  if (existing && existing.sections.length > 0) href += `#${random.pick(existing.sections).id.split('#')[1]}`;
  return `[${label}](${href})`;
}

/** A paragraph with inline markup; `planted` words go into its first sentence. */
function paragraph(context: PageContext, planted: readonly string[] = []): Block {
  const { random } = context;
  const markdown: string[] = [];
  const text: string[] = [];
  const sentences = random.int(2, 4);
  for (let s = 0; s < sentences; s++) {
    const words = sentence(random);
    if (s === 0) for (const word of planted) words.splice(random.int(1, words.length - 1), 0, word);
    words[0] = capitalize(words[0]!);
    const shown = [...words];
    const marked = [...words];
    const at = random.int(1, words.length - 3);
    const markup = random.next();
    if (markup < 0.12) marked[at] = `**${words[at]}**`;
    else if (markup < 0.22) marked[at] = `*${words[at]}*`;
    else if (markup < 0.3) marked[at] = `\`${words[at]}\``;
    else if (markup < 0.38) {
      marked.splice(at, 2, internalLink(context, `${words[at]} ${words[at + 1]}`));
    } else if (markup < 0.43) {
      marked.splice(at, 2, `[${words[at]} ${words[at + 1]}](https://example.org/${words[at]!.toLowerCase()})`);
    }
    const icon = random.chance(0.04) ? `:${random.pick(ICONS)}: ` : '';
    markdown.push(`${icon}${marked.join(' ')}.`);
    text.push(`${shown.join(' ')}.`);
  }
  return { markdown: markdown.join(' '), text: text.join(' ') };
}

function list(context: PageContext, ordered: boolean): Block {
  const { random } = context;
  const items = Array.from({ length: random.int(3, 6) }, () => sentence(random, 3, 10));
  const markdown = items.map((words, i) => {
    const icon = !ordered && random.chance(0.15) ? `:${random.pick(ICONS)}: ` : '';
    const line = capitalize(words.join(' '));
    return `${ordered ? `${i + 1}.` : '-'} ${icon}${random.chance(0.2) ? `**${line}**` : line}`;
  });
  return { markdown: markdown.join('\n'), text: items.map((words) => capitalize(words.join(' '))).join('\n') };
}

function admonition(context: PageContext): Block {
  const { random } = context;
  const type = random.pick(ADMONITION_TYPES);
  const marker = random.chance(0.2) ? (random.chance(0.5) ? '???' : '???+') : '!!!';
  const title = titleWords(random, 1, 4);
  const body = paragraph(context);
  const indented = body.markdown.replace(/^/gm, '    ');
  return { markdown: `${marker} ${type} "${title}"\n\n${indented}`, text: `${title}\n${body.text}` };
}

function codeBlock(context: PageContext): Block {
  const { random } = context;
  const language = random.pick(CODE_LANGUAGES);
  const name = () =>
    `${generalWords.draw(random).toLowerCase()}_${mlWords.draw(random).toLowerCase()}`.replace(/[^a-z_]/g, '');
  const lines =
    language === 'python'
      ? [
          `def ${name()}(${name()}, ${name()}=${random.int(1, 64)}):`,
          `    """${capitalize(sentence(random, 4, 9).join(' '))}."""`,
          `    ${name()} = ${name()}.${name()}(${name()})`,
          `    return ${name()}`,
        ]
      : language === 'bash'
        ? [`pip install ${name().replace(/_/g, '-')}`, `python -m ${name()} --epochs ${random.int(1, 20)}`]
        : language === 'yaml'
          ? [`${name()}: ${random.int(1, 512)}`, `${name()}:`, `  - ${name()}`, `  - ${name()}`]
          : [`{ "${name()}": ${random.int(1, 100)}, "${name()}": "${name()}" }`];
  const title = random.chance(0.3) ? ` title="${name()}.${language === 'python' ? 'py' : language}"` : '';
  return { markdown: `\`\`\`${language}${title}\n${lines.join('\n')}\n\`\`\``, text: lines.join('\n') };
}

function table(context: PageContext): Block {
  const { random } = context;
  const header = [titleWords(random, 1, 2), titleWords(random, 1, 1), titleWords(random, 1, 2)];
  const rows = Array.from({ length: random.int(2, 5) }, () => [
    sentence(random, 1, 3).join(' '),
    (random.next() * 100).toFixed(1),
    sentence(random, 2, 6).join(' '),
  ]);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return {
    markdown: [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n'),
    text: [header, ...rows].map((cells) => cells.join(' ')).join('\n'),
  };
}

function image(context: PageContext): Block {
  const { random, index, pagePaths, imagePaths } = context;
  const src = path.posix.relative(path.posix.dirname(pagePaths[index]!), random.pick(imagePaths));
  const alt = titleWords(random, 2, 4);
  const attributes = random.chance(0.7) ? '{ align=center }' : `{ width="${random.int(2, 6) * 100}" }`;
  return { markdown: `![${alt}](${src})${attributes}`, text: '' };
}

function button(context: PageContext): Block {
  const label = titleWords(context.random, 2, 3);
  const primary = context.random.chance(0.5) ? ' .md-button--primary' : '';
  return { markdown: `[${label}](https://example.org/${slugify(label)}){ .md-button${primary} }`, text: label };
}

function block(context: PageContext): Block {
  const roll = context.random.next();
  if (roll < 0.5) return paragraph(context);
  if (roll < 0.62) return list(context, false);
  if (roll < 0.67) return list(context, true);
  if (roll < 0.77) return admonition(context);
  if (roll < 0.85) return codeBlock(context);
  if (roll < 0.92) return table(context);
  if (roll < 0.98) return image(context);
  return button(context);
}

function generatePage(
  random: Random,
  index: number,
  pagePaths: readonly string[],
  done: readonly CorpusPage[],
  imagePaths: readonly string[],
  plants: ReadonlyMap<string, Plant[]>,
): CorpusPage {
  const context: PageContext = { random, index, pagePaths, done, imagePaths };
  const pagePath = pagePaths[index]!;
  const title = titleWords(random, 2, 4);
  const slugs = new Set([slugify(title)]);
  const uniqueHeading = (make: () => string) => {
    for (;;) {
      const heading = make();
      if (!slugs.has(slugify(heading))) {
        slugs.add(slugify(heading));
        return heading;
      }
    }
  };

  const markdown: string[] = [`# ${title}`];
  const intro = paragraph(context);
  markdown.push(intro.markdown);
  const sections: CorpusSection[] = [];
  const sectionCount = random.int(4, 6);
  const planted = new Map<number, Plant[]>();
  for (let pick = 0; pick < 4; pick++) {
    for (const entry of plants.get(`${index}:${pick}`) ?? []) {
      const at = pick % sectionCount;
      planted.set(at, [...(planted.get(at) ?? []), entry]);
    }
  }

  for (let s = 0; s < sectionCount; s++) {
    const entries = planted.get(s) ?? [];
    const titleWord = entries.find((entry) => entry.inTitle)?.word;
    const sectionTitle = uniqueHeading(() => {
      const words = titleWords(random, 2, 4);
      return titleWord ? `${capitalize(titleWord)} ${words}` : words;
    });
    const bodyWords = entries.filter((entry) => !entry.inTitle).map((entry) => entry.word);
    const blocks: Block[] = [paragraph(context, bodyWords)];
    for (let b = random.int(1, 3); b > 0; b--) blocks.push(block(context));
    const headings: string[] = [];
    const parts = [`## ${sectionTitle}`, ...blocks.map((b) => b.markdown)];
    for (let h = random.int(0, 2); h > 0; h--) {
      const heading = uniqueHeading(() => titleWords(random, 2, 4));
      headings.push(heading);
      parts.push(`### ${heading}`);
      for (let b = random.int(1, 2); b > 0; b--) {
        const sub = block(context);
        parts.push(sub.markdown);
        blocks.push(sub);
      }
    }
    markdown.push(...parts);
    const id = `${pagePath}#${slugify(sectionTitle)}`;
    const text = blocks
      .map((b) => b.text)
      .filter(Boolean)
      .join('\n');
    sections.push({ id, title: sectionTitle, headings, text });
    for (const entry of entries) {
      if (!entry.query) continue;
      entry.query.targets.push(id);
      if (entry.query.kind === 'two-words') {
        const companions = blocks[0]!.text
          .split(/[^A-Za-z]+/)
          .filter((word) => isPlainWord(word) && !FUNCTION_WORDS.includes(word) && !bodyWords.includes(word));
        entry.query.words.push(random.pick(companions.length > 0 ? companions : ['model']));
      }
    }
  }
  return { path: pagePath, title, markdown: `${markdown.join('\n\n')}\n`, intro: intro.text, sections };
}

/** Small but real PNG files, so compilers and `mkdocs build` find every image they are pointed at. */
function makeImages(random: Random): Map<string, Uint8Array> {
  const images = new Map<string, Uint8Array>();
  for (let i = 1; i <= IMAGE_COUNT; i++) {
    const width = 32;
    const height = 24;
    const shade = random.int(0, 255);
    const raw = Buffer.alloc((width * 3 + 1) * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) raw.set([shade, (x * 8) & 255, (y * 10) & 255], y * (width * 3 + 1) + 1 + x * 3);
    }
    const header = Buffer.alloc(13);
    header.writeUInt32BE(width, 0);
    header.writeUInt32BE(height, 4);
    header.set([8, 2, 0, 0, 0], 8);
    images.set(
      `imgs/figure-${String(i).padStart(2, '0')}.png`,
      Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        pngChunk('IHDR', header),
        pngChunk('IDAT', deflateSync(raw)),
        pngChunk('IEND', Buffer.alloc(0)),
      ]),
    );
  }
  return images;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * Writes the corpus as an MkDocs project: mkdocs.yml (Material theme, the usual extensions, a nav
 * grouped by topic) and docs/ with the pages and images. The emoji settings use the `materialx`
 * module names of Debian's mkdocs-material; newer Material spells them `material.extensions.emoji`.
 */
export function writeMkdocsProject(corpus: Corpus, dir: string): void {
  const docs = path.join(dir, 'docs');
  mkdirSync(docs, { recursive: true });
  for (const page of corpus.pages) {
    const file = path.join(docs, page.path);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, page.markdown);
  }
  for (const [imagePath, bytes] of corpus.images) {
    const file = path.join(docs, imagePath);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }
  const byTopic = new Map<string, CorpusPage[]>();
  for (const page of corpus.pages) {
    const topic = page.path.split('/')[0]!;
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), page]);
  }
  const nav = [...byTopic].flatMap(([topic, pages]) => [
    `  - "${capitalize(topic.replace('-', ' '))}":`,
    ...pages.map((page) => `      - "${page.title}": ${page.path}`),
  ]);
  const config = [
    `site_name: Generated course (seed ${corpus.seed})`,
    'theme:',
    '  name: material',
    'markdown_extensions:',
    '  - admonition',
    '  - attr_list',
    '  - md_in_html',
    '  - tables',
    '  - toc:',
    '      permalink: true',
    '  - pymdownx.details',
    '  - pymdownx.superfences',
    '  - pymdownx.emoji:',
    '      emoji_index: !!python/name:materialx.emoji.twemoji',
    '      emoji_generator: !!python/name:materialx.emoji.to_svg',
    'nav:',
    ...nav,
  ];
  writeFileSync(path.join(dir, 'mkdocs.yml'), `${config.join('\n')}\n`);
}
