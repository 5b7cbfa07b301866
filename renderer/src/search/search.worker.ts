/// <reference lib="webworker" />
/**
 * The course's search index lives here, off the UI thread: loading it never delays the window, and
 * a query never blocks typing.
 */
import {
  addDocument,
  loadSearchIndex,
  removeDocument,
  search,
  type SearchDocument,
  type SearchIndex,
} from '../../../electron/core/search/index';
import type { WorkerRequest, WorkerResponse } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let index: SearchIndex | undefined;
let personalIds: string[] = [];
let personal: SearchDocument[] = [];

const reply = (message: WorkerResponse) => scope.postMessage(message);

scope.onmessage = async ({ data }: MessageEvent<WorkerRequest>) => {
  if (data.type === 'load') {
    try {
      const response = await fetch(data.url);
      if (!response.ok) throw new Error(`the index could not be read (${response.status})`);
      index = loadSearchIndex(new Uint8Array(await response.arrayBuffer()));
      applyPersonal(index);
      reply({ type: 'loaded' });
    } catch (error) {
      reply({ type: 'failed', message: (error as Error).message });
    }
  } else if (data.type === 'personal') {
    personal = data.documents;
    if (index) applyPersonal(index);
  } else if (data.type === 'query') {
    const results = index ? search(index, data.query, { limit: data.limit, filter: data.filter }) : [];
    reply({ type: 'results', id: data.id, results });
  }
};

/** Notes and highlights change while the student works: swap them without touching the course part. */
function applyPersonal(target: SearchIndex): void {
  for (const id of personalIds) removeDocument(target, id);
  for (const document of personal) addDocument(target, document);
  personalIds = personal.map((d) => d.id);
}
