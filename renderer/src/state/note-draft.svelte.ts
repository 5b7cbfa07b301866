export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

/** Typing pauses this long before a save; blur, section changes and closing save at once. */
const AUTOSAVE_DELAY_MS = 400;

/** What a draft is attached to: a section note (new or existing) or a highlight's note. */
export type DraftTarget =
  | { kind: 'note'; sectionId: string; noteId: string | null }
  | { kind: 'highlight'; sectionId: string; highlightId: string };

/**
 * Text being edited. Keystrokes are coalesced into one save per pause; saves run one at a time so
 * a late answer never overwrites newer text, and `flush()` waits until the last keystroke is on
 * disk. `save` returns the id the text was saved under, so a new note keeps its id afterwards.
 */
export class NoteDraft {
  body = $state('');
  status = $state<SaveStatus>('idle');
  errorMessage = $state<string | null>(null);
  target: DraftTarget;

  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> = Promise.resolve();
  private savedBody: string;

  constructor(
    target: DraftTarget,
    initialBody: string,
    private readonly save: (target: DraftTarget, body: string) => Promise<DraftTarget>,
  ) {
    this.target = target;
    this.body = initialBody;
    this.savedBody = initialBody;
  }

  get dirty(): boolean {
    return this.body !== this.savedBody;
  }

  /** The id of the note or highlight being edited; null for a note not saved yet. */
  get recordId(): string | null {
    return this.target.kind === 'note' ? this.target.noteId : this.target.highlightId;
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
    const unsavedNewNote = this.target.kind === 'note' && this.target.noteId === null;
    if (!this.dirty || (unsavedNewNote && !this.body.trim())) {
      if (this.status === 'pending') this.status = unsavedNewNote ? 'idle' : 'saved';
      return;
    }
    const body = this.body;
    this.status = 'saving';
    try {
      this.target = await this.save(this.target, body);
      this.savedBody = body;
      this.errorMessage = null;
      this.status = this.dirty ? 'pending' : 'saved';
    } catch (error) {
      this.status = 'error';
      this.errorMessage = error instanceof Error ? error.message : String(error);
    }
  }
}
