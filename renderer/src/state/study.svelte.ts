import type { Bookmark, Note, ReadingLocation } from '../../../electron/contract';
import { api } from '../lib/api';
import { NoteDraft } from './note-draft.svelte';
import { toasts } from './toasts.svelte';

/** The student's bookmarks and notes for the open course. */
export class Study {
  courseId = $state<string | null>(null);
  bookmarks = $state.raw<Bookmark[]>([]);
  notes = $state.raw<Note[]>([]);
  lastLocation = $state.raw<ReadingLocation | null>(null);
  /** The note open in the editor, if any. */
  draft = $state<NoteDraft | null>(null);

  async load(courseId: string): Promise<void> {
    await this.closeDraft();
    const state = await api.getStudyState({ courseId });
    this.courseId = courseId;
    this.bookmarks = state.bookmarks;
    this.notes = state.notes;
    this.lastLocation = state.lastLocation;
  }

  bookmarkFor(sectionId: string): Bookmark | undefined {
    return this.bookmarks.find((b) => b.sectionId === sectionId);
  }

  notesFor(sectionId: string): Note[] {
    return this.notes.filter((n) => n.sectionId === sectionId);
  }

  async toggleBookmark(sectionId: string, title: string): Promise<void> {
    const courseId = this.courseId;
    if (!courseId) return;
    const existing = this.bookmarkFor(sectionId);
    try {
      if (existing) {
        await api.removeBookmark({ courseId, bookmarkId: existing.id });
        this.bookmarks = this.bookmarks.filter((b) => b.id !== existing.id);
        toasts.show(`Removed the bookmark on “${title}”.`, {
          action: { label: 'Undo', run: () => this.toggleBookmark(sectionId, title) },
        });
      } else {
        const bookmark = await api.addBookmark({ courseId, sectionId });
        this.bookmarks = [...this.bookmarks.filter((b) => b.id !== bookmark.id), bookmark];
      }
    } catch (error) {
      toasts.error(error);
    }
  }

  /** Opens the editor on an existing note, or on a new one for the section. */
  async edit(sectionId: string, note: Note | null): Promise<void> {
    await this.closeDraft();
    if (!this.courseId) return;
    this.draft = new NoteDraft(this.courseId, sectionId, note, (saved) => this.remember(saved));
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
    if (this.draft?.noteId === note.id) this.draft = null;
    try {
      const deleted = await api.deleteNote({ courseId, noteId: note.id });
      this.notes = this.notes.filter((n) => n.id !== note.id);
      toasts.show('Note deleted.', {
        action: {
          label: 'Undo',
          run: async () => {
            const restored = await api.restoreNote({ courseId, note: deleted });
            this.remember(restored);
          },
        },
      });
    } catch (error) {
      toasts.error(error);
    }
  }

  async saveLocation(location: ReadingLocation): Promise<void> {
    if (!this.courseId) return;
    this.lastLocation = location;
    await api.setLocation({ courseId: this.courseId, location });
  }

  private remember(note: Note): void {
    const others = this.notes.filter((n) => n.id !== note.id);
    this.notes = [...others, note].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
}
