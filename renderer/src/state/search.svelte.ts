import type { Highlight as StudyHighlight, Note } from '../../../electron/contract';
import type { SearchDocument, SearchFilter, SearchResult } from '../../../electron/core/search/index';
import { coursePackBase } from '../lib/api';
import type { WorkerRequest, WorkerResponse } from '../search/protocol';
import type { SectionEntry } from './reader.svelte';

export type SearchScope = 'course' | 'page' | 'notes';

/** Where a result leads: a section, and for a highlight the highlight itself. */
export interface ResultTarget {
  sectionId: string;
  anchor: string | null;
}

const RESULT_LIMIT = 30;

/**
 * Search over the open course and the student's notes and highlights. The index loads lazily in a
 * worker the first time search is opened, so start-up never waits for it.
 */
export class SearchState {
  status = $state<'idle' | 'loading' | 'ready' | 'failed'>('idle');
  failure = $state<string | null>(null);
  query = $state('');
  scope = $state<SearchScope>('course');
  results = $state.raw<SearchResult[]>([]);

  private worker: Worker | undefined;
  private courseId: string | null = null;
  private lastQueryId = 0;
  private targets = new Map<string, ResultTarget>();
  private lastPagePath: string | null = null;

  /** Prepares search for a course; the index itself is fetched on first use. */
  setCourse(courseId: string): void {
    if (courseId === this.courseId) return;
    this.worker?.terminate();
    this.worker = undefined;
    this.courseId = courseId;
    this.status = 'idle';
    this.results = [];
  }

  ensureLoaded(): void {
    if (this.worker || !this.courseId) return;
    this.status = 'loading';
    this.worker = new Worker(new URL('../search/search.worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = ({ data }: MessageEvent<WorkerResponse>) => this.receive(data);
    this.post({ type: 'load', url: `${coursePackBase(this.courseId)}search/index.bin` });
    this.post({ type: 'personal', documents: this.personal });
  }

  private personal: SearchDocument[] = [];

  /** Keeps the student's notes and highlights searchable as they change. */
  setPersonal(notes: Note[], highlights: StudyHighlight[], sections: SectionEntry[]): void {
    const where = new Map(sections.map((entry) => [entry.section.id, entry]));
    const documents: SearchDocument[] = [];
    const targets = new Map<string, ResultTarget>();
    const place = (sectionId: string) => {
      const entry = where.get(sectionId);
      return { pagePath: entry?.page.path ?? '', pageTitle: entry?.page.title ?? '', sectionTitle: entry?.section.title ?? '' };
    };
    for (const note of notes) {
      const id = `note:${note.id}`;
      documents.push({ id, ...place(note.sectionId), headings: [], text: note.body, kind: 'note' });
      targets.set(id, { sectionId: note.sectionId, anchor: null });
    }
    for (const highlight of highlights) {
      const id = `highlight:${highlight.id}`;
      const text = highlight.note ? `${highlight.quote.exact}\n${highlight.note}` : highlight.quote.exact;
      documents.push({ id, ...place(highlight.sectionId), headings: [], text, kind: 'highlight' });
      targets.set(id, { sectionId: highlight.sectionId, anchor: highlight.orphaned ? null : id });
    }
    this.personal = documents;
    this.targets = targets;
    this.post({ type: 'personal', documents });
  }

  targetOf(result: SearchResult): ResultTarget {
    return this.targets.get(result.id) ?? { sectionId: result.id, anchor: null };
  }

  run(currentPagePath: string | null): void {
    this.ensureLoaded();
    this.lastPagePath = currentPagePath;
    const filter: SearchFilter =
      this.scope === 'notes' ? { kinds: ['note', 'highlight'] } : this.scope === 'page' && currentPagePath ? { pagePath: currentPagePath } : {};
    this.post({ type: 'query', id: ++this.lastQueryId, query: this.query, filter, limit: RESULT_LIMIT });
  }

  private post(message: WorkerRequest): void {
    this.worker?.postMessage(message);
  }

  private receive(message: WorkerResponse): void {
    if (message.type === 'loaded') {
      this.status = 'ready';
      // Whatever was typed while the index loaded is answered now.
      if (this.query.trim()) this.run(this.lastPagePath);
    }
    else if (message.type === 'failed') {
      this.status = 'failed';
      this.failure = message.message;
    } else if (message.id === this.lastQueryId) this.results = message.results;
  }
}
