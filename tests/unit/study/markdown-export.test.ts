import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Envelope } from '../../../electron/contract.js';
import {
  CLOSE_READING,
  DRAFTS,
  REVISING,
  SKIMMING,
  startStudyServices,
  STUDY_COURSE,
  WHEN_TO_SKIM,
} from './support/study-course.js';

async function ok<T>(answer: Promise<Envelope<T>>): Promise<T> {
  const settled = await answer;
  if (!settled.ok) throw new Error(`${settled.error.code}: ${settled.error.message}`);
  return settled.result;
}

const quote = (exact: string, start = 0) => ({
  quote: { type: 'TextQuoteSelector' as const, exact, prefix: '', suffix: '' },
  position: { type: 'TextPositionSelector' as const, start, end: start + exact.length },
});

/** The plain text of each top-level block of rendered Markdown, as a reader of the export sees it. */
function blocks(markdown: string): { type: string; depth?: number; text: string }[] {
  return marked.lexer(markdown).flatMap((token) => {
    if (token.type === 'space') return [];
    const text = 'text' in token && typeof token.text === 'string' ? token.text : token.raw;
    return [
      { type: token.type, ...(token.type === 'heading' ? { depth: token.depth as number } : {}), text: text.trim() },
    ];
  });
}

describe('the Markdown export', () => {
  it('mirrors the course: pages, sections, quotes with their colour, notes, bookmarks and progress, with front matter', async () => {
    const { handlers } = startStudyServices();
    const base = { courseId: STUDY_COURSE };
    await ok(
      handlers['study:addHighlight']({
        ...base,
        sectionId: SKIMMING,
        color: 'pink',
        ...quote('reading quickly', 17),
        note: 'Speed is the *point*.',
      }),
    );
    await ok(
      handlers['study:addHighlight']({
        ...base,
        sectionId: SKIMMING,
        color: 'yellow',
        ...quote('Skimming means', 9),
        note: '',
      }),
    );
    await ok(
      handlers['study:addHighlight']({
        ...base,
        sectionId: REVISING,
        color: 'blue',
        ...quote('2. Revise *twice* # <b>', 0),
        note: '',
      }),
    );
    await ok(
      handlers['study:saveNote']({
        ...base,
        sectionId: DRAFTS,
        noteId: null,
        body: 'Drafts are **cheap**.\n\n- one\n- two',
      }),
    );
    await ok(handlers['study:addBookmark']({ ...base, sectionId: SKIMMING, headingId: WHEN_TO_SKIM }));
    await ok(handlers['study:addBookmark']({ ...base, sectionId: DRAFTS, headingId: null }));
    await ok(handlers['study:setSectionRead']({ ...base, sectionId: CLOSE_READING, read: true }));
    // A note whose section a newer version of the course dropped.
    await ok(
      handlers['study:restoreNote']({
        ...base,
        note: {
          id: 'old-note',
          sectionId: 'reading.md#speed-reading',
          body: 'Kept anyway.',
          createdAt: '2024-05-01T08:00:00.000Z',
          updatedAt: '2024-05-01T08:00:00.000Z',
        },
      }),
    );

    const file = await ok(handlers['study:exportMarkdown'](base));
    expect(file.fileName).toBe('study-skills-notes.md');
    expect(file.mimeType).toBe('text/markdown; charset=utf-8');

    const [, yaml, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(file.content)!;
    const front = parseYaml(yaml!) as Record<string, unknown>;
    expect(front).toMatchObject({
      title: 'Study Skills: study notes',
      course: 'Study Skills',
      course_id: STUDY_COURSE,
      tags: ['carrel', STUDY_COURSE],
    });
    expect(new Date(front.exported as string).toISOString()).toBe(front.exported);

    expect(blocks(body!)).toEqual([
      { type: 'heading', depth: 1, text: 'Study Skills' },
      {
        type: 'paragraph',
        text: expect.stringMatching(
          /^Exported from Carrel on \d{4}-\d\d-\d\d: 2 notes, 3 highlights, 2 bookmarks, 1 of 5 sections read\.$/,
        ),
      },
      { type: 'heading', depth: 2, text: 'Reading' },
      { type: 'heading', depth: 3, text: 'Skimming' },
      { type: 'paragraph', text: '*Bookmarked headings: When to skim*' },
      { type: 'blockquote', text: 'Skimming means\n\n— yellow highlight' },
      { type: 'blockquote', text: 'reading quickly\n\n— pink highlight' },
      { type: 'paragraph', text: 'Speed is the *point*.' },
      { type: 'heading', depth: 3, text: 'Close reading' },
      { type: 'paragraph', text: expect.stringMatching(/^\*Read \d{4}-\d\d-\d\d\*$/) },
      { type: 'heading', depth: 2, text: 'Writing' },
      { type: 'heading', depth: 3, text: 'Drafts' },
      { type: 'paragraph', text: '*Bookmarked*' },
      { type: 'paragraph', text: 'Drafts are **cheap**.' },
      { type: 'list', text: '- one\n- two' },
      { type: 'heading', depth: 3, text: 'Revising' },
      { type: 'blockquote', text: expect.stringContaining('— blue highlight') },
      { type: 'heading', depth: 2, text: 'Sections no longer in the course' },
      { type: 'heading', depth: 3, text: 'reading.md\\#speed-reading' },
      { type: 'paragraph', text: 'Kept anyway.' },
    ]);

    // Course text that looks like Markdown reads as the same text, not as formatting.
    const revising = marked.parse(body!.slice(body!.indexOf('### Revising'))) as string;
    expect(revising).toContain('<blockquote>\n<p>2. Revise *twice* # &lt;b&gt;</p>');
  });

  it('exports a course with no study data as its title and an empty summary', async () => {
    const { handlers } = startStudyServices();
    const file = await ok(handlers['study:exportMarkdown']({ courseId: STUDY_COURSE }));
    expect(file.content).toContain('# Study Skills\n\nExported from Carrel on ');
    expect(file.content).toContain(': 0 notes, 0 highlights, 0 bookmarks, 0 of 5 sections read.\n');
  });
});
