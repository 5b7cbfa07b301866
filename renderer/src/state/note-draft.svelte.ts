import type { Note } from '../../../electron/contract';
import { api } from '../lib/api';

export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

/** Typing pauses this long before a save; blur, section changes and closing save at once. */
const AUTOSAVE_DELAY_MS = 400;

/**
 * A note being edited. Keystrokes are coalesced into one save per pause; saves run one at a time
 * so a late answer never overwrites newer text, and `flush()` waits until the last keystroke is
 * on disk.
 */
export class NoteDraft {
  body = $state('');
  status = $state<SaveStatus>('idle');
  errorMessage = $state<string | null>(null);
  noteId: string | null;

  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> = Promise.resolve();
  private savedBody: string;

  constructor(
    private readonly courseId: string,
    readonly sectionId: string,
    note: Note | null,
    private readonly onSaved: (note: Note) => void,
  ) {
    this.noteId = note?.id ?? null;
    this.body = note?.body ?? '';
    this.savedBody = this.body;
  }

  get dirty(): boolean {
    return this.body !== this.savedBody;
  }

  edit(body: string): void {
    this.body = body;
    this.status = 'pending';
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), AUTOSAVE_DELAY_MS);
  }

  /** Saves now if anything is unsaved; resolves when every save so far is acknowledged. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.inFlight = this.inFlight.then(() => this.saveIfDirty());
    return this.inFlight;
  }

  private async saveIfDirty(): Promise<void> {
    // A brand-new, still empty note is not worth a file write.
    if (!this.dirty || (this.noteId === null && !this.body.trim())) {
      if (this.status === 'pending') this.status = this.noteId ? 'saved' : 'idle';
      return;
    }
    const body = this.body;
    this.status = 'saving';
    try {
      const note = await api.saveNote({ courseId: this.courseId, sectionId: this.sectionId, noteId: this.noteId, body });
      this.noteId = note.id;
      this.savedBody = body;
      this.errorMessage = null;
      this.status = this.dirty ? 'pending' : 'saved';
      this.onSaved(note);
    } catch (error) {
      this.status = 'error';
      this.errorMessage = error instanceof Error ? error.message : String(error);
    }
  }
}
