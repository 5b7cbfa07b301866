import type {
  Bookmark,
  Highlight,
  HighlightColor,
  Note,
  ReadingLocation,
  SectionProgress,
  TextPositionSelector,
  TextQuoteSelector,
} from '../../../electron/contract';
import { api } from '../lib/api';
import { NoteDraft, type DraftTarget } from './note-draft.svelte';
import { toasts } from './toasts.svelte';

const byCreation = <T extends { createdAt: string }>(a: T, b: T) => a.createdAt.localeCompare(b.createdAt);

/** The student's bookmarks, notes, highlights and progress for the open course. */
export class Study {
  courseId = $state<string | null>(null);
  bookmarks = $state.raw<Bookmark[]>([]);
  notes = $state.raw<Note[]>([]);
  highlights = $state.raw<Highlight[]>([]);
  readSections = $state.raw<SectionProgress[]>([]);
  lastLocation = $state.raw<ReadingLocation | null>(null);
  /** The note or highlight note open in the editor, if any. */
  draft = $state<NoteDraft | null>(null);

  // Rebuilt whole whenever progress changes, never mutated: a plain Set is enough.
  readIds = $derived(new Set(this.readSections.map((p) => p.sectionId)));

  async load(courseId: string): Promise<void> {
    await this.closeDraft();
    const state = await api.getStudyState({ courseId });
    this.courseId = courseId;
    this.bookmarks = state.bookmarks;
    this.notes = state.notes;
    this.highlights = state.highlights;
    this.readSections = state.readSections;
    this.lastLocation = state.lastLocation;
  }

  bookmarkFor(sectionId: string, headingId: string | null = null): Bookmark | undefined {
    return this.bookmarks.find((b) => b.sectionId === sectionId && b.headingId === headingId);
  }

  notesFor(sectionId: string): Note[] {
    return this.notes.filter((n) => n.sectionId === sectionId);
  }

  highlightsFor(sectionId: string): Highlight[] {
    return this.highlights.filter((h) => h.sectionId === sectionId && !h.orphaned);
  }

  async toggleBookmark(sectionId: string, title: string, headingId: string | null = null): Promise<void> {
    const courseId = this.courseId;
    if (!courseId) return;
    const existing = this.bookmarkFor(sectionId, headingId);
    try {
      if (existing) {
        await api.removeBookmark({ courseId, bookmarkId: existing.id });
        this.bookmarks = this.bookmarks.filter((b) => b.id !== existing.id);
        toasts.show(`Removed the bookmark on “${title}”.`, {
          action: { label: 'Undo', run: () => this.toggleBookmark(sectionId, title, headingId) },
        });
      } else {
        const bookmark = await api.addBookmark({ courseId, sectionId, headingId });
        this.bookmarks = [...this.bookmarks.filter((b) => b.id !== bookmark.id), bookmark];
      }
    } catch (error) {
      toasts.error(error);
    }
  }

  /** Opens the editor on an existing note, or on a new one for the section. */
  async edit(sectionId: string, note: Note | null): Promise<void> {
    await this.openDraft({ kind: 'note', sectionId, noteId: note?.id ?? null }, note?.body ?? '');
  }

  async editHighlight(highlight: Highlight): Promise<void> {
    await this.openDraft({ kind: 'highlight', sectionId: highlight.sectionId, highlightId: highlight.id }, highlight.note);
  }

  private async openDraft(target: DraftTarget, body: string): Promise<void> {
    await this.closeDraft();
    if (this.courseId) this.draft = new NoteDraft(target, body, (t, text) => this.saveDraft(t, text));
  }

  private async saveDraft(target: DraftTarget, body: string): Promise<DraftTarget> {
    const courseId = this.courseId!;
    if (target.kind === 'note') {
      const note = await api.saveNote({ courseId, sectionId: target.sectionId, noteId: target.noteId, body });
      this.notes = [...this.notes.filter((n) => n.id !== note.id), note].sort(byCreation);
      return { ...target, noteId: note.id };
    }
    const current = this.highlights.find((h) => h.id === target.highlightId);
    if (!current) throw new Error('This highlight was deleted.');
    this.rememberHighlight(await api.updateHighlight({ courseId, highlightId: current.id, color: current.color, note: body }));
    return target;
  }

  /** Saves what is being typed and closes the editor. */
  async closeDraft(): Promise<void> {
    const draft = this.draft;
    if (!draft) return;
    await draft.flush();
    if (draft.status !== 'error') this.draft = null;
  }

  flushDraft(): Promise<void> {
    return this.draft?.flush() ?? Promise.resolve();
  }

  async deleteNote(note: Note): Promise<void> {
    const courseId = this.courseId;
    if (!courseId) return;
    if (this.draft?.recordId === note.id) this.draft = null;
    try {
      const deleted = await api.deleteNote({ courseId, noteId: note.id });
      this.notes = this.notes.filter((n) => n.id !== note.id);
      toasts.show('Note deleted.', {
        action: {
          label: 'Undo',
          run: async () => {
            const restored = await api.restoreNote({ courseId, note: deleted });
            this.notes = [...this.notes.filter((n) => n.id !== restored.id), restored].sort(byCreation);
          },
        },
      });
    } catch (error) {
      toasts.error(error);
    }
  }

  async addHighlight(
    sectionId: string,
    color: HighlightColor,
    quote: TextQuoteSelector,
    position: TextPositionSelector,
  ): Promise<Highlight | undefined> {
    if (!this.courseId) return undefined;
    try {
      const highlight = await api.addHighlight({ courseId: this.courseId, sectionId, color, quote, position, note: '' });
      this.rememberHighlight(highlight);
      return highlight;
    } catch (error) {
      toasts.error(error);
      return undefined;
    }
  }

  async recolorHighlight(highlight: Highlight, color: HighlightColor): Promise<void> {
    if (!this.courseId) return;
    try {
      this.rememberHighlight(await api.updateHighlight({ courseId: this.courseId, highlightId: highlight.id, color, note: highlight.note }));
    } catch (error) {
      toasts.error(error);
    }
  }

  async deleteHighlight(highlight: Highlight): Promise<void> {
    const courseId = this.courseId;
    if (!courseId) return;
    if (this.draft?.recordId === highlight.id) this.draft = null;
    try {
      const deleted = await api.deleteHighlight({ courseId, highlightId: highlight.id });
      this.highlights = this.highlights.filter((h) => h.id !== highlight.id);
      toasts.show('Highlight deleted.', {
        action: {
          label: 'Undo',
          run: async () => this.rememberHighlight(await api.restoreHighlight({ courseId, highlight: deleted })),
        },
      });
    } catch (error) {
      toasts.error(error);
    }
  }

  async setRead(sectionId: string, read: boolean): Promise<void> {
    if (!this.courseId || this.readIds.has(sectionId) === read) return;
    try {
      this.readSections = await api.setSectionRead({ courseId: this.courseId, sectionId, read });
    } catch (error) {
      toasts.error(error);
    }
  }

  async saveLocation(location: ReadingLocation): Promise<void> {
    if (!this.courseId) return;
    this.lastLocation = location;
    await api.setLocation({ courseId: this.courseId, location });
  }

  private rememberHighlight(highlight: Highlight): void {
    this.highlights = [...this.highlights.filter((h) => h.id !== highlight.id), highlight].sort(byCreation);
  }
}
