/**
 * Full-text search over a course and the student's own notes and highlights. Plain TypeScript with
 * no Node APIs, so the same code builds the index in the compiler and queries it in a Web Worker.
 */
export { SEARCH_KINDS, type SearchDocument, type SearchKind } from './search-document.js';
export { addDocument, buildSearchIndex, removeDocument, type SearchIndex } from './search-index.js';
export { loadSearchIndex, serializeIndex, SEARCH_INDEX_FORMAT } from './index-format.js';
export { search, type SearchFilter, type SearchOptions, type SearchResult } from './search.js';
export { highlightRanges, type Highlight, type Snippet, type TextRange } from './snippet.js';
