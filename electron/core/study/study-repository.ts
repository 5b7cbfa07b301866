import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type {
  Bookmark,
  Highlight,
  HighlightColor,
  Note,
  ReadingLocation,
  SectionProgress,
  StudyState,
  TextPositionSelector,
  TextQuoteSelector,
} from '../../contract.js';
import { notFound } from '../errors.js';
import type { NoticeBoard } from '../notices.js';
import type { CompactionPolicy, JournaledStore, JournalModel, StoreOpener } from '../storage/store.js';
import { emptyStudyData, studyOp, studySchema, type StudyData, type StudyOp } from './study-schema.js';

/** A course's study data in memory: records by id (reading progress by section id). */
export interface StudyModel {
  bookmarks: Map<string, Bookmark>;
  notes: Map<string, Note>;
  highlights: Map<string, Highlight>;
  readSections: Map<string, SectionProgress>;
  lastLocation: ReadingLocation | null;
}

export interface NewHighlight {
  sectionId: string;
  color: HighlightColor;
  quote: TextQuoteSelector;
  position: TextPositionSelector;
  note: string;
}

/** Code-unit order: ISO timestamps sort by time, and no locale makes two runs disagree. */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byCreation = <T extends { id: string; createdAt: string }>(a: T, b: T) =>
  compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id);
const byReading = (a: SectionProgress, b: SectionProgress) =>
  compareText(a.readAt, b.readAt) || compareText(a.sectionId, b.sectionId);

/** Records in a stable order (oldest first), whatever order the changes arrived in. */
export function studyState(model: StudyModel): StudyState {
  return {
    bookmarks: [...model.bookmarks.values()].sort(byCreation),
    notes: [...model.notes.values()].sort(byCreation),
    highlights: [...model.highlights.values()].sort(byCreation),
    readSections: [...model.readSections.values()].sort(byReading),
    lastLocation: model.lastLocation,
  };
}

export const studyModel: JournalModel<StudyData, StudyModel, StudyOp> = {
  fromDocument: (document) => ({
    bookmarks: new Map(document.bookmarks.map((b) => [b.id, b])),
    notes: new Map(document.notes.map((n) => [n.id, n])),
    highlights: new Map(document.highlights.map((h) => [h.id, h])),
    readSections: new Map(document.readSections.map((r) => [r.sectionId, r])),
    lastLocation: document.lastLocation,
  }),
  toDocument: (model) => ({ schemaVersion: 2, ...studyState(model) }),
  validateOp: studyOp,
  apply: (model, op) => {
    if (op.op === 'location') {
      model.lastLocation = op.value;
    } else if (op.op === 'delete') {
      model[op.kind].delete(op.id);
    } else if (op.kind === 'readSections') {
      model.readSections.set(op.value.sectionId, op.value);
    } else {
      (model[op.kind] as Map<string, typeof op.value>).set(op.value.id, op.value);
    }
  },
};

/**
 * A student's bookmarks, notes, highlights, reading progress and position for one course, in its
 * own shard (`study/<course id>.json` and its journal), so a damaged or removed course never
 * touches another's data. Every method that changes something returns once the change is on disk.
 */
export class CourseStudy {
  constructor(
    private readonly store: JournaledStore<StudyModel, StudyOp>,
    private readonly now: () => Date,
  ) {}

  get path(): string {
    return this.store.path;
  }

  get readOnly(): boolean {
    return this.store.readOnly;
  }

  private get model(): StudyModel {
    return this.store.read();
  }

  state(): StudyState {
    return studyState(this.model);
  }

  /** Applies changes as one transaction, as an import does. */
  commit(ops: readonly StudyOp[]): void {
    this.store.commit(ops);
  }

  /** Bookmarks a section (headingId null) or a heading inside it; bookmarking the same place twice keeps one. */
  addBookmark(sectionId: string, headingId: string | null): Bookmark {
    for (const existing of this.model.bookmarks.values()) {
      if (existing.sectionId === sectionId && existing.headingId === headingId) return existing;
    }
    const bookmark: Bookmark = { id: randomUUID(), sectionId, headingId, createdAt: this.now().toISOString() };
    this.store.commit([{ op: 'put', kind: 'bookmarks', value: bookmark }]);
    return bookmark;
  }

  removeBookmark(bookmarkId: string): void {
    if (!this.model.bookmarks.has(bookmarkId)) return;
    this.store.commit([{ op: 'delete', kind: 'bookmarks', id: bookmarkId }]);
  }

  /** Creates a note (noteId null) or replaces the body of an existing one. */
  saveNote(sectionId: string, noteId: string | null, body: string): Note {
    const stamp = this.now().toISOString();
    let saved: Note;
    if (noteId === null) {
      saved = { id: randomUUID(), sectionId, body, createdAt: stamp, updatedAt: stamp };
    } else {
      const existing = this.model.notes.get(noteId);
      if (!existing) throw notFound(`There is no note with id ${noteId}; it may have been deleted.`);
      saved = { ...existing, body, updatedAt: stamp };
    }
    this.store.commit([{ op: 'put', kind: 'notes', value: saved }]);
    return saved;
  }

  deleteNote(noteId: string): Note {
    const note = this.model.notes.get(noteId);
    if (!note) throw notFound(`There is no note with id ${noteId}; it may have been deleted already.`);
    this.store.commit([{ op: 'delete', kind: 'notes', id: noteId }]);
    return note;
  }

  /** Puts a deleted note back exactly as it was (Undo). */
  restoreNote(note: Note): Note {
    this.store.commit([{ op: 'put', kind: 'notes', value: note }]);
    return note;
  }

  addHighlight(input: NewHighlight): Highlight {
    const stamp = this.now().toISOString();
    const highlight: Highlight = {
      id: randomUUID(),
      sectionId: input.sectionId,
      color: input.color,
      quote: input.quote,
      position: input.position,
      note: input.note,
      createdAt: stamp,
      updatedAt: stamp,
      orphaned: false,
    };
    this.store.commit([{ op: 'put', kind: 'highlights', value: highlight }]);
    return highlight;
  }

  /** Changes a highlight's colour and note; its anchor stays as it is. */
  updateHighlight(highlightId: string, color: HighlightColor, note: string): Highlight {
    const existing = this.model.highlights.get(highlightId);
    if (!existing) throw notFound(`There is no highlight with id ${highlightId}; it may have been deleted.`);
    const updated: Highlight = { ...existing, color, note, updatedAt: this.now().toISOString() };
    this.store.commit([{ op: 'put', kind: 'highlights', value: updated }]);
    return updated;
  }

  deleteHighlight(highlightId: string): Highlight {
    const highlight = this.model.highlights.get(highlightId);
    if (!highlight) throw notFound(`There is no highlight with id ${highlightId}; it may have been deleted already.`);
    this.store.commit([{ op: 'delete', kind: 'highlights', id: highlightId }]);
    return highlight;
  }

  /** Puts a deleted highlight back exactly as it was (Undo). */
  restoreHighlight(highlight: Highlight): Highlight {
    this.store.commit([{ op: 'put', kind: 'highlights', value: highlight }]);
    return highlight;
  }

  /** Marks a section read (keeping when it was first read) or unread; returns every read section. */
  setSectionRead(sectionId: string, read: boolean): SectionProgress[] {
    const current = this.model.readSections.get(sectionId);
    if (read && !current) {
      this.store.commit([{ op: 'put', kind: 'readSections', value: { sectionId, readAt: this.now().toISOString() } }]);
    } else if (!read && current) {
      this.store.commit([{ op: 'delete', kind: 'readSections', id: sectionId }]);
    }
    return studyState(this.model).readSections;
  }

  setLocation(location: ReadingLocation): void {
    this.store.commit([{ op: 'location', value: location }]);
  }

  close(): void {
    this.store.close();
  }
}

/** Shard files are named by course id, which never contains a dot: backups and copies do. */
const SHARD_FILE = /^([a-z0-9][a-z0-9-]*)\.(?:json|journal\.jsonl)$/;

export interface StudyRepositoryOptions {
  now?: () => Date;
  /** When to fold a shard's journal into its file; the default suits the app. */
  compaction?: CompactionPolicy;
}

/** Opens each course's shard once and keeps it open until close. */
export class StudyRepository {
  private readonly open = new Map<string, CourseStudy>();
  private readonly now: () => Date;
  readonly dir: string;

  constructor(
    private readonly openStore: StoreOpener,
    userDataDir: string,
    private readonly notices: NoticeBoard,
    private readonly options: StudyRepositoryOptions = {},
  ) {
    this.dir = path.join(userDataDir, 'study');
    this.now = options.now ?? (() => new Date());
  }

  forCourse(courseId: string): CourseStudy {
    let study = this.open.get(courseId);
    if (!study) {
      const store = this.openStore.journaled({
        dir: this.dir,
        name: courseId,
        schema: studySchema,
        defaults: emptyStudyData,
        description: `notes, highlights and bookmarks for "${courseId}"`,
        notices: this.notices,
        model: studyModel,
        ...(this.options.compaction ? { compaction: this.options.compaction } : {}),
      });
      study = new CourseStudy(store, this.now);
      this.open.set(courseId, study);
    }
    return study;
  }

  /** Every course with study data on disk or open, whether or not it is still in the library. */
  courseIds(): string[] {
    const ids = new Set(this.open.keys());
    if (existsSync(this.dir)) {
      for (const entry of readdirSync(this.dir)) {
        const match = SHARD_FILE.exec(entry);
        if (match) ids.add(match[1]!);
      }
    }
    return [...ids].sort();
  }

  /** Deletes a course's study data: its shard, journal and backups (the student chose this). */
  deleteCourse(courseId: string): void {
    this.open.get(courseId)?.close();
    this.open.delete(courseId);
    if (!existsSync(this.dir)) return;
    for (const entry of readdirSync(this.dir)) {
      if (entry.startsWith(`${courseId}.`)) rmSync(path.join(this.dir, entry), { force: true });
    }
  }

  /** Folds every open shard's journal into its file and releases the files. */
  close(): void {
    const errors: unknown[] = [];
    for (const study of this.open.values()) {
      try {
        study.close();
      } catch (error) {
        errors.push(error);
      }
    }
    this.open.clear();
    if (errors.length > 0) throw errors[0];
  }
}
