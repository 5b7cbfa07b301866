import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { slugify } from '../../../electron/core/course/slug.js';
import {
  buildSearchIndex,
  loadSearchIndex,
  search,
  serializeIndex,
  type SearchDocument,
} from '../../../electron/core/search/index.js';

const PAGE = 'generative-ai.md';

/** The bundled page split at its H2 headings, with Markdown syntax reduced to the words a reader sees. */
function bundledSections(): SearchDocument[] {
  const markdown = readFileSync(path.join(import.meta.dirname, '../../../content', PAGE), 'utf8');
  const pageTitle = /^# (.+)$/m.exec(markdown)![1]!.trim();
  return markdown
    .split(/^## /m)
    .slice(1)
    .map((chunk) => {
      const [heading, ...body] = chunk.split('\n');
      const text = body
        .join('\n')
        .replace(/!\[[^\]]*\]\([^)]*\)(\{[^}]*\})?/g, '')
        .replace(/\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?/g, '$1')
        .replace(/:[a-z0-9-]+:/g, '')
        .replace(/[*_`]/g, '')
        .replace(/^\s*[-*] /gm, '')
        .trim();
      const sectionTitle = heading!.trim();
      return {
        id: `${PAGE}#${slugify(sectionTitle)}`,
        pagePath: PAGE,
        pageTitle,
        sectionTitle,
        headings: [],
        text,
        kind: 'course',
      };
    });
}

describe('search over the bundled Generative AI course', () => {
  const docs = bundledSections();
  const index = buildSearchIndex(docs);
  const top = (query: string) => search(index, query)[0];

  it('has the page’s sections', () => {
    expect(docs.map((doc) => doc.sectionTitle)).toEqual([
      'Learning Objectives',
      'Overview',
      'Frontier/Foundation Models',
      'Inspiration',
      'More Resources',
      'Contact',
    ]);
  });

  it('puts the section titled after the words first', () => {
    expect(top('foundation models')?.id).toBe('generative-ai.md#frontierfoundation-models');
    expect(top('frontier')?.id).toBe('generative-ai.md#frontierfoundation-models');
    expect(top('resources')?.id).toBe('generative-ai.md#more-resources');
  });

  it('finds words in the text, typed partly or with a typo', () => {
    expect(top('self-supervised')?.id).toBe('generative-ai.md#frontierfoundation-models');
    expect(top('reproducib')?.id).toBe('generative-ai.md#frontierfoundation-models');
    expect(top('autocomplte ')?.id).toBe('generative-ai.md#overview');
    expect(top('difusion ')?.id).toBe('generative-ai.md#more-resources');
  });

  it('highlights the words in the snippet as they are written in the course', () => {
    const result = top('"next word"')!;
    expect(result.id).toBe('generative-ai.md#overview');
    expect(result.snippet.matches.map(({ start, end }) => result.snippet.text.slice(start, end))).toContain(
      'next word',
    );
    const chatgpt = top('chatgpt')!;
    expect(chatgpt.snippet.matches.map(({ start, end }) => chatgpt.snippet.text.slice(start, end))).toEqual([
      'ChatGPT',
    ]);
  });

  it('gives the same results after a round trip through the index file', () => {
    const loaded = loadSearchIndex(serializeIndex(index));
    for (const query of ['generative', 'gen', 'foundation models', '"supervised learning"', 'transfomer ', 'LLMs']) {
      expect(search(loaded, query), query).toEqual(search(index, query));
    }
  });
});
