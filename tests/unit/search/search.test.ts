import { describe, expect, it } from 'vitest';
import {
  addDocument,
  buildSearchIndex,
  highlightRanges,
  loadSearchIndex,
  removeDocument,
  search,
  serializeIndex,
  type SearchDocument,
  type SearchResult,
} from '../../../electron/core/search/index.js';

function section(id: string, sectionTitle: string, text: string, extra: Partial<SearchDocument> = {}): SearchDocument {
  const pagePath = id.split('#')[0]!;
  return { id, pagePath, pageTitle: `Page ${pagePath}`, sectionTitle, headings: [], text, kind: 'course', ...extra };
}

const docs: SearchDocument[] = [
  section(
    'intro.md#overview',
    'Overview',
    'Generative AI refers to models that generate content such as text and images.',
  ),
  section(
    'intro.md#history',
    'History',
    'The transformer arrived in 2017. Transformers changed natural language processing. A transformer model predicts the next word.',
  ),
  section(
    'models.md#foundation-models',
    'Frontier and Foundation Models',
    'Foundation models are trained once by an organisation and then used by many others.',
  ),
  section('models.md#costs', 'Costs', 'Training models is expensive. The foundation of each of these models is data.'),
  section(
    'models.md#prompting',
    'Prompting',
    'Zero-shot prompting asks a model to do a task without examples. GPT-4 can fine-tune its answers.',
  ),
  section('models.md#bias', 'Bias', 'A naïve reading of the data hides societal biases.'),
];

const ids = (results: readonly SearchResult[]) => results.map((result) => result.id);
const matchedText = (result: SearchResult) =>
  result.snippet.matches.map(({ start, end }) => result.snippet.text.slice(start, end));

describe('search', () => {
  const index = buildSearchIndex(docs);

  it('finds sections by a word in their text, with the section and page it belongs to', () => {
    const [result] = search(index, 'organisation');
    expect(result).toMatchObject({
      id: 'models.md#foundation-models',
      pagePath: 'models.md',
      pageTitle: 'Page models.md',
      sectionTitle: 'Frontier and Foundation Models',
      kind: 'course',
    });
    expect(result!.score).toBeGreaterThan(0);
    expect(matchedText(result!)).toEqual(['organisation']);
  });

  it('ranks a section whose title or heading has the word above sections that only mention it', () => {
    const ranked = buildSearchIndex([
      section(
        'a.md#one',
        'Background',
        'Attention, attention, attention: attention is everywhere in attention models.',
      ),
      section('a.md#two', 'Details', 'Some text about other things.', { headings: ['Attention heads'] }),
      section('a.md#three', 'Attention', 'A short section.'),
    ]);
    expect(ids(search(ranked, 'attention '))).toEqual(['a.md#three', 'a.md#two', 'a.md#one']);
  });

  it('ranks documents that match every word above those that match some', () => {
    expect(ids(search(index, 'transformer 2017 ')).at(0)).toBe('intro.md#history');
    expect(ids(search(index, 'foundation organisation '))[0]).toBe('models.md#foundation-models');
  });

  it('matches the last word as a prefix while it is being typed', () => {
    expect(ids(search(index, 'gene'))).toEqual(['intro.md#overview']);
    expect(matchedText(search(index, 'gene')[0]!)).toEqual(['Generative', 'generate']);
    // A space after the word means it is complete.
    expect(search(index, 'gene ')).toEqual([]);
  });

  it('tolerates a typo in longer words', () => {
    expect(ids(search(index, 'generatve '))).toEqual(['intro.md#overview']);
    expect(ids(search(index, 'transfomer '))).toEqual(['intro.md#history']);
    expect(matchedText(search(index, 'transfomer ')[0]!)).toEqual(['transformer', 'Transformers', 'transformer']);
  });

  it('does not let a typo turn short words or numbers into other words', () => {
    expect(search(index, 'dat ')).toEqual([]);
    expect(search(index, '2018 ')).toEqual([]);
    expect(search(index, 'gpt-5 ')).toEqual([]);
  });

  it('matches a quoted phrase only where its words are adjacent', () => {
    const results = search(index, '"foundation models"');
    expect(ids(results)).toEqual(['models.md#foundation-models']);
    expect(matchedText(results[0]!)).toEqual(['Foundation models']);
    expect(results[0]!.titleMatches.map(({ start, end }) => results[0]!.sectionTitle.slice(start, end))).toEqual([
      'Foundation Models',
    ]);
    // Without quotes, both sections that have both words come first.
    expect(ids(search(index, 'foundation models ').slice(0, 2)).sort()).toEqual([
      'models.md#costs',
      'models.md#foundation-models',
    ]);
  });

  it('finds hyphenated and code words by the whole word, the word without its hyphen, and its parts', () => {
    for (const query of ['zero-shot', 'zeroshot', 'zero', 'shot', '"zero shot"']) {
      expect(ids(search(index, `${query} `)), query).toEqual(['models.md#prompting']);
    }
    for (const query of ['gpt-4', 'GPT4', 'gpt', 'fine-tune', 'finetune', 'tune']) {
      expect(ids(search(index, `${query} `)), query).toEqual(['models.md#prompting']);
    }
    expect(matchedText(search(index, 'zero-shot ')[0]!)).toEqual(['Zero-shot']);
  });

  it('finds accented words with or without their accents', () => {
    expect(ids(search(index, 'naive '))).toEqual(['models.md#bias']);
    expect(ids(search(index, 'NAÏVE '))).toEqual(['models.md#bias']);
    expect(matchedText(search(index, 'naive ')[0]!)).toEqual(['naïve']);
  });

  it('returns nothing for an empty, blank or punctuation-only query', () => {
    expect(search(index, '')).toEqual([]);
    expect(search(index, '   \t\n')).toEqual([]);
    expect(search(index, '?! ""')).toEqual([]);
  });

  it('returns at most `limit` results and says clearly when the limit is not usable', () => {
    expect(search(index, 'the', { limit: 2 })).toHaveLength(2);
    expect(() => search(index, 'the', { limit: 0 })).toThrow(/limit must be a whole number of at least 1, not 0/);
  });

  it('filters by page', () => {
    expect(search(index, 'models ').some((result) => result.pagePath === 'models.md')).toBe(true);
    expect(ids(search(index, 'models ', { filter: { pagePath: 'intro.md' } })).sort()).toEqual([
      'intro.md#history',
      'intro.md#overview',
    ]);
  });

  it('cuts a snippet of about 30 words around the best match and says where text was left out', () => {
    const filler = (word: string, count: number) => Array.from({ length: count }, () => word).join(' ');
    const long = buildSearchIndex([
      section('long.md#a', 'Long', `${filler('alpha', 40)} the quokka appears here. ${filler('omega', 40)}`),
    ]);
    const [result] = search(long, 'quokka');
    const { snippet } = result!;
    expect(snippet.text.split(/\s+/).length).toBeLessThanOrEqual(31);
    expect(snippet.text).toContain('the quokka appears here.');
    expect(snippet.cutBefore).toBe(true);
    expect(snippet.cutAfter).toBe(true);
    expect(matchedText(result!)).toEqual(['quokka']);
  });

  it('tells the reader what to highlight in the opened section', () => {
    const [result] = search(index, 'transfomer "next word"');
    expect(result!.highlight).toEqual({ words: ['transformer'], phrases: [['next', 'word']] });
    const text = 'Transformers predict the next word; a transformer is a model.';
    expect(highlightRanges(text, result!.highlight).map(({ start, end }) => text.slice(start, end))).toEqual([
      'Transformers',
      'next word',
      'transformer',
    ]);
  });
});

describe('notes and highlights in the index', () => {
  const note = (id: string, text: string): SearchDocument => ({
    id,
    pagePath: 'models.md',
    pageTitle: 'Page models.md',
    sectionTitle: 'Costs',
    headings: [],
    text,
    kind: 'note',
  });

  it('appear among course results, labelled as notes, and can be filtered on', () => {
    const index = buildSearchIndex(docs);
    addDocument(index, note('note:1', 'Remember: training foundation models costs a fortune.'));
    addDocument(index, { ...note('highlight:1', 'expensive'), kind: 'highlight' });

    const results = search(index, 'foundation ');
    expect(results.map(({ id, kind }) => [id, kind])).toContainEqual(['note:1', 'note']);
    expect(results.some((result) => result.kind === 'course')).toBe(true);
    expect(ids(search(index, 'foundation ', { filter: { kinds: ['note', 'highlight'] } }))).toEqual(['note:1']);
    expect(ids(search(index, 'expensive ', { filter: { kinds: ['highlight'] } }))).toEqual(['highlight:1']);
    // Words only a note has are found by prefix and typo like any other.
    expect(ids(search(index, 'fortu'))).toEqual(['note:1']);
    expect(ids(search(index, 'fortnue '))).toEqual(['note:1']);
    expect(ids(search(index, '"foundation models costs"'))).toEqual(['note:1']);
  });

  it('follow a note as it is edited and leave the index when it is deleted', () => {
    const index = buildSearchIndex(docs);
    const before = search(index, 'models');
    addDocument(index, note('note:1', 'quokka'));
    expect(ids(search(index, 'quokka'))).toEqual(['note:1']);

    addDocument(index, note('note:1', 'wombat'));
    expect(search(index, 'quokka')).toEqual([]);
    expect(ids(search(index, 'wombat'))).toEqual(['note:1']);

    expect(removeDocument(index, 'note:1')).toBe(true);
    expect(removeDocument(index, 'note:1')).toBe(false);
    expect(search(index, 'wombat')).toEqual([]);
    expect(search(index, 'models')).toEqual(before);

    addDocument(index, note('note:2', 'echidna'));
    addDocument(index, note('note:3', 'echidna and platypus'));
    expect(ids(search(index, 'echidna ')).sort()).toEqual(['note:2', 'note:3']);
    expect(search(index, 'wombat')).toEqual([]);
  });

  it('can hide a course section too', () => {
    const index = buildSearchIndex(docs);
    removeDocument(index, 'models.md#prompting');
    expect(search(index, 'zero-shot')).toEqual([]);
  });
});

describe('the index file', () => {
  const queries = ['gene', 'transfomer ', '"foundation models"', 'models organisation', 'zero-shot', 'naive', 'the'];

  it('gives identical results after a round trip through serialize and load', () => {
    const built = buildSearchIndex(docs);
    const bytes = serializeIndex(built);
    expect(bytes).toBeInstanceOf(Uint8Array);
    const loaded = loadSearchIndex(bytes);
    for (const query of queries) expect(search(loaded, query), query).toEqual(search(built, query));
    // A loaded index takes notes like a built one.
    addDocument(loaded, { ...docs[0]!, id: 'note:1', kind: 'note', text: 'quokka' });
    expect(ids(search(loaded, 'quokka'))).toEqual(['note:1']);
  });

  it('is the same bytes for the same documents', () => {
    expect(serializeIndex(buildSearchIndex(docs))).toEqual(serializeIndex(buildSearchIndex(docs)));
  });

  it('loads from an ArrayBuffer, as a worker receives it', () => {
    const bytes = serializeIndex(buildSearchIndex(docs));
    const buffer = new ArrayBuffer(bytes.length);
    new Uint8Array(buffer).set(bytes);
    expect(search(loadSearchIndex(buffer), 'gene')).toEqual(search(buildSearchIndex(docs), 'gene'));
  });

  it('holds only the course: an index with notes in it is refused', () => {
    const index = buildSearchIndex(docs);
    addDocument(index, { ...docs[0]!, id: 'note:1', kind: 'note' });
    expect(() => serializeIndex(index)).toThrow(/only the course part.*notes or highlights/i);
  });

  it('works for an empty course', () => {
    const loaded = loadSearchIndex(serializeIndex(buildSearchIndex([])));
    expect(search(loaded, 'anything')).toEqual([]);
  });

  it('rejects bytes that are not an index, or are cut short, with a clear error', () => {
    const bytes = serializeIndex(buildSearchIndex(docs));
    expect(() => loadSearchIndex(new TextEncoder().encode('{"version":"2.3.9"}'))).toThrow(/not a Carrel search index/);
    expect(() => loadSearchIndex(bytes.slice(0, bytes.length - 10))).toThrow(/damaged or cut short/);
    const newer = bytes.slice();
    newer[4] = 99;
    expect(() => loadSearchIndex(newer)).toThrow(/format 99; this version of Carrel reads format 1/);
  });
});

describe('documents from outside', () => {
  it('are checked, and a bad one is named', () => {
    expect(() => buildSearchIndex([docs[0]!, docs[0]!])).toThrow(
      'Search document 2 repeats the id "intro.md#overview".',
    );
    const noText = { ...docs[1]!, text: undefined } as unknown as SearchDocument;
    expect(() => buildSearchIndex([docs[0]!, noText])).toThrow('Search document 2 has no string "text".');
    const badKind = { ...docs[1]!, kind: 'comment' } as unknown as SearchDocument;
    expect(() => buildSearchIndex([badKind])).toThrow(/kind "comment"; expected one of course, note, highlight/);
  });
});
