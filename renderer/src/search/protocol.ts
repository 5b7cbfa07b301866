import type { SearchDocument, SearchFilter, SearchResult } from '../../../electron/core/search/index';

/** Messages between the page and the search worker. */
export type WorkerRequest =
  | { type: 'load'; url: string }
  | { type: 'personal'; documents: SearchDocument[] }
  | { type: 'query'; id: number; query: string; filter: SearchFilter; limit: number };

export type WorkerResponse =
  | { type: 'loaded' }
  | { type: 'failed'; message: string }
  | { type: 'results'; id: number; results: SearchResult[] };
