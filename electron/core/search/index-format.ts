import { SEARCH_KINDS, type SearchKind } from './search-document.js';
import { SearchIndex, type DocRecord } from './search-index.js';
import { TermDictionary } from './term-dictionary.js';
import { ByteReader, ByteWriter } from './varint.js';

/**
 * The search index file in a course pack. Binary, because postings as variable-length integers
 * are several times smaller than any text encoding of them and need no parsing to load:
 *
 *   "CSIX"                 magic
 *   uint                   format version
 *   block  documents       UTF-8 JSON: { pages: [[path, title]], docs: [[page, id, sectionTitle, headings, kind, length, textLength]] }
 *   block  texts           UTF-8: every document's text, one after the other
 *   block  terms           UTF-8: the sorted terms, separated by "\n" (terms never contain one)
 *   block  term table      per term: uint document frequency, uint postings bytes, uint positions bytes
 *   block  postings        per term, per document: uint id gap, uint (text count * 2 + has-title-counts),
 *                          then if flagged uint page title, section title and headings counts
 *   block  positions       per term, per document: the term's positions as gaps
 *
 * A block is a uint byte length followed by that many bytes; uints are unsigned LEB128.
 */
const MAGIC = [0x43, 0x53, 0x49, 0x58];
export const SEARCH_INDEX_FORMAT = 1;

type PageRow = [path: string, title: string];
type DocRow = [
  page: number,
  id: string,
  sectionTitle: string,
  headings: string[],
  kind: SearchKind,
  length: number,
  textLength: number,
];

/** Writes the course part of an index as the bytes of the pack's search index file. */
export function serializeIndex(index: SearchIndex): Uint8Array {
  if (!index.pristine) {
    throw new Error(
      'Only the course part of a search index can be saved: this index has notes or highlights added or removed at run time.',
    );
  }
  const { course } = index;
  const pages: PageRow[] = [];
  const pageNumbers = new Map<string, number>();
  const docs = course.docs.map((doc, slot): DocRow => {
    const pageKey = `${doc.pagePath}\n${doc.pageTitle}`;
    let page = pageNumbers.get(pageKey);
    if (page === undefined) {
      page = pages.push([doc.pagePath, doc.pageTitle]) - 1;
      pageNumbers.set(pageKey, page);
    }
    const textLength = course.textEnds[slot]! - (slot === 0 ? 0 : course.textEnds[slot - 1]!);
    return [page, doc.id, doc.sectionTitle, doc.headings, doc.kind, doc.length, textLength];
  });

  const encoder = new TextEncoder();
  const termTable = new ByteWriter();
  for (let t = 0; t < course.dictionary.size; t++) {
    termTable.uint(course.documentFrequency[t]!);
    termTable.uint(course.postingStarts[t + 1]! - course.postingStarts[t]!);
    termTable.uint(course.positionStarts[t + 1]! - course.positionStarts[t]!);
  }
  const out = new ByteWriter();
  out.raw(Uint8Array.from(MAGIC));
  out.uint(SEARCH_INDEX_FORMAT);
  out.block(encoder.encode(JSON.stringify({ pages, docs })));
  out.block(encoder.encode(course.texts));
  out.block(encoder.encode(course.dictionary.terms.join('\n')));
  out.block(termTable.finish());
  out.block(course.postings);
  out.block(course.positions);
  return out.finish();
}

/** Reads a search index file. Throws an error that says what is wrong when the bytes are not one. */
export function loadSearchIndex(serialized: Uint8Array | ArrayBuffer): SearchIndex {
  const bytes = serialized instanceof Uint8Array ? serialized : new Uint8Array(serialized);
  if (bytes.length < MAGIC.length || MAGIC.some((byte, i) => bytes[i] !== byte)) {
    throw new Error('This is not a Carrel search index (its first bytes are not "CSIX").');
  }
  try {
    return parse(new ByteReader(bytes, MAGIC.length));
  } catch (error) {
    if (error instanceof RangeError) throw new Error(`The search index is damaged or cut short: ${error.message}.`);
    throw error;
  }
}

function parse(reader: ByteReader): SearchIndex {
  const format = reader.uint();
  if (format > SEARCH_INDEX_FORMAT) {
    throw new Error(
      `The search index has format ${format}; this version of Carrel reads format ${SEARCH_INDEX_FORMAT}.`,
    );
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const { pages, docs: rows } = parseDocuments(decoder.decode(reader.block()));
  const texts = decoder.decode(reader.block());
  const termBlock = decoder.decode(reader.block());
  const terms = termBlock === '' ? [] : termBlock.split('\n');
  const termTable = reader.block();
  const postings = reader.block();
  const positions = reader.block();

  const docs: DocRecord[] = [];
  const textEnds = new Uint32Array(rows.length);
  let textEnd = 0;
  rows.forEach((row, slot) => {
    const page = pages[row[0]];
    if (!page) throw new RangeError(`document ${slot + 1} names page ${row[0]}, which is not listed`);
    docs.push({
      id: row[1],
      pagePath: page[0],
      pageTitle: page[1],
      sectionTitle: row[2],
      headings: row[3],
      kind: row[4],
      length: row[5],
    });
    textEnds[slot] = textEnd += row[6];
  });
  if (textEnd !== texts.length) throw new RangeError('the texts do not add up to the documents’ text lengths');

  const documentFrequency = new Uint32Array(terms.length);
  const postingStarts = new Uint32Array(terms.length + 1);
  const positionStarts = new Uint32Array(terms.length + 1);
  const table = new ByteReader(termTable);
  for (let t = 0; t < terms.length; t++) {
    documentFrequency[t] = table.uint();
    postingStarts[t + 1] = postingStarts[t]! + table.uint();
    positionStarts[t + 1] = positionStarts[t]! + table.uint();
  }
  if (postingStarts[terms.length] !== postings.length || positionStarts[terms.length] !== positions.length) {
    throw new RangeError('the term table does not match the postings');
  }
  return new SearchIndex({
    docs,
    texts,
    textEnds,
    dictionary: new TermDictionary(terms),
    documentFrequency,
    postingStarts,
    positionStarts,
    postings,
    positions,
  });
}

function parseDocuments(json: string): { pages: PageRow[]; docs: DocRow[] } {
  const value = JSON.parse(json) as { pages?: unknown; docs?: unknown };
  if (!Array.isArray(value.pages) || !Array.isArray(value.docs))
    throw new RangeError('the document table is malformed');
  for (const row of value.docs as unknown[]) {
    if (!Array.isArray(row) || row.length !== 7 || !SEARCH_KINDS.includes(row[4] as SearchKind)) {
      throw new RangeError(`the document entry ${JSON.stringify(row).slice(0, 80)} is malformed`);
    }
  }
  return value as { pages: PageRow[]; docs: DocRow[] };
}
