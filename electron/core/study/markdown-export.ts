import { stringify } from 'yaml';
import type {
  CourseManifest,
  ExportFile,
  Highlight,
  NavNode,
  Note,
  PageNode,
  SectionSummary,
  StudyState,
} from '../../contract.js';

/**
 * A course's study data as one Markdown file that mirrors the course's navigation: a heading per
 * group, page and section that has something in it, with highlights as blockquotes (colour named),
 * notes as the Markdown the student wrote, bookmarks and reading progress. YAML front matter
 * carries title, course, export date and tags, as Obsidian and similar tools read it.
 */

/** Characters that would turn quoted course text into Markdown formatting. */
const MARKDOWN_SPECIALS = /[\\`*_[\]<>#|~]/g;

function escapeText(text: string): string {
  return text.replace(MARKDOWN_SPECIALS, (character) => `\\${character}`);
}

const heading = (level: number, title: string) => `${'#'.repeat(Math.min(level, 6))} ${escapeText(title)}`;

const day = (stamp: string) => stamp.slice(0, 10);

/** A line that starts like a list item or a numbered item would become one. */
const escapeLineStart = (line: string) =>
  line.replace(/^(\s*)([-+])(\s)/, '$1\\$2$3').replace(/^(\s*\d+)([.)])(\s)/, '$1\\$2$3');

function blockquote(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => (line.trim() === '' ? '>' : `> ${escapeLineStart(escapeText(line))}`))
    .join('\n');
}

interface SectionItems {
  highlights: Highlight[];
  notes: Note[];
  bookmarked: boolean;
  headingIds: string[];
  readAt: string | null;
}

function groupBySection(state: StudyState): Map<string, SectionItems> {
  const sections = new Map<string, SectionItems>();
  const items = (sectionId: string) => {
    let entry = sections.get(sectionId);
    if (!entry) {
      entry = { highlights: [], notes: [], bookmarked: false, headingIds: [], readAt: null };
      sections.set(sectionId, entry);
    }
    return entry;
  };
  for (const highlight of state.highlights) items(highlight.sectionId).highlights.push(highlight);
  for (const note of state.notes) items(note.sectionId).notes.push(note);
  for (const bookmark of state.bookmarks) {
    if (bookmark.headingId === null) items(bookmark.sectionId).bookmarked = true;
    else items(bookmark.sectionId).headingIds.push(bookmark.headingId);
  }
  for (const progress of state.readSections) items(progress.sectionId).readAt = progress.readAt;
  for (const entry of sections.values()) {
    entry.highlights.sort((a, b) => a.position.start - b.position.start || a.createdAt.localeCompare(b.createdAt));
  }
  return sections;
}

function renderItems(items: SectionItems, section: SectionSummary | undefined): string[] {
  const blocks: string[] = [];
  const facts: string[] = [];
  if (items.readAt) facts.push(`Read ${day(items.readAt)}`);
  if (items.bookmarked) facts.push('Bookmarked');
  if (items.headingIds.length > 0) {
    const titles = items.headingIds.map((id) => section?.toc.find((entry) => entry.id === id)?.title ?? id);
    facts.push(`Bookmarked headings: ${titles.map(escapeText).join(', ')}`);
  }
  if (facts.length > 0) blocks.push(`*${facts.join(' · ')}*`);
  for (const highlight of items.highlights) {
    const orphaned = highlight.orphaned ? ', no longer found in the course text' : '';
    blocks.push(`${blockquote(highlight.quote.exact)}\n>\n> — ${highlight.color} highlight${orphaned}`);
    if (highlight.note.trim() !== '') blocks.push(highlight.note.trim());
  }
  for (const note of items.notes) {
    if (note.body.trim() === '') continue;
    blocks.push(note.body.trim());
  }
  return blocks;
}

function renderNav(
  nodes: readonly NavNode[],
  level: number,
  sections: Map<string, SectionItems>,
  done: Set<string>,
): string[] {
  const out: string[] = [];
  for (const node of nodes) {
    if (node.kind === 'link') continue;
    if (node.kind === 'group') {
      const inner = renderNav(node.children, level + 1, sections, done);
      if (inner.length > 0) out.push(heading(level, node.title), ...inner);
      continue;
    }
    const inner = renderPage(node, level + 1, sections, done);
    if (inner.length > 0) out.push(heading(level, node.title), ...inner);
  }
  return out;
}

function renderPage(page: PageNode, level: number, sections: Map<string, SectionItems>, done: Set<string>): string[] {
  const out: string[] = [];
  for (const section of page.sections) {
    const items = sections.get(section.id);
    if (!items) continue;
    done.add(section.id);
    out.push(heading(level, section.title), ...renderItems(items, section));
  }
  return out;
}

function counts(state: StudyState, sectionCount: number): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return [
    plural(state.notes.length, 'note'),
    plural(state.highlights.length, 'highlight'),
    plural(state.bookmarks.length, 'bookmark'),
    `${state.readSections.length} of ${sectionCount} sections read`,
  ].join(', ');
}

const sectionTotal = (nodes: readonly NavNode[]): number =>
  nodes.reduce(
    (n, node) =>
      n + (node.kind === 'page' ? node.sections.length : node.kind === 'group' ? sectionTotal(node.children) : 0),
    0,
  );

export function exportMarkdown(manifest: CourseManifest, state: StudyState, exportedAt: Date): ExportFile {
  const frontMatter = stringify({
    title: `${manifest.title}: study notes`,
    course: manifest.title,
    course_id: manifest.id,
    course_version: manifest.version,
    exported: exportedAt.toISOString(),
    tags: ['carrel', manifest.id],
  });
  const sections = groupBySection(state);
  const done = new Set<string>();
  const body = renderNav(manifest.nav, 2, sections, done);
  const elsewhere = [...sections.keys()].filter((id) => !done.has(id)).sort();
  if (elsewhere.length > 0) {
    body.push(heading(2, 'Sections no longer in the course'));
    for (const id of elsewhere) body.push(heading(3, id), ...renderItems(sections.get(id)!, undefined));
  }
  const intro = `Exported from Carrel on ${day(exportedAt.toISOString())}: ${counts(state, sectionTotal(manifest.nav))}.`;
  const content = [`---\n${frontMatter}---`, heading(1, manifest.title), intro, ...body].join('\n\n') + '\n';
  return { fileName: `${manifest.id}-notes.md`, mimeType: 'text/markdown; charset=utf-8', content };
}
