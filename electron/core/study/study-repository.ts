import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Bookmark, Note, ReadingLocation, StudyState } from '../../contract.js';
import { notFound } from '../errors.js';
import type { NoticeBoard } from '../notices.js';
import type { StoreFile, StoreOpener } from '../storage/store.js';

interface StudyData extends Record<string, unknown> {
  schemaVersion: 1;
  bookmarks: Bookmark[];
  notes: Note[];
  lastLocation: ReadingLocation | null;
}

const emptyStudyData = (): StudyData => ({ schemaVersion: 1, bookmarks: [], notes: [], lastLocation: null });

/**
 * A student's bookmarks, notes and reading position for one course, in its own shard
 * (`study/<course id>.json`), so a damaged or removed course never touches another's data.
 */
export class CourseStudy {
  constructor(
    private readonly file: StoreFile<StudyData>,
    private readonly now: () => Date,
  ) {}

  get path(): string {
    return this.file.path;
  }

  state(): StudyState {
    const { bookmarks, notes, lastLocation } = this.data();
    return { bookmarks, notes, lastLocation };
  }

  private data(): StudyData {
    return { ...emptyStudyData(), ...this.file.read() };
  }

  private change(mutate: (data: StudyData) => void): void {
    const data = structuredClone(this.data());
    mutate(data);
    this.file.write(data);
  }

  addBookmark(sectionId: string): Bookmark {
    const existing = this.data().bookmarks.find((b) => b.sectionId === sectionId);
    if (existing) return existing;
    const bookmark: Bookmark = { id: randomUUID(), sectionId, createdAt: this.now().toISOString() };
    this.change((data) => data.bookmarks.push(bookmark));
    return bookmark;
  }

  removeBookmark(bookmarkId: string): void {
    this.change((data) => {
      data.bookmarks = data.bookmarks.filter((b) => b.id !== bookmarkId);
    });
  }

  /** Creates a note (noteId null) or replaces the body of an existing one. */
  saveNote(sectionId: string, noteId: string | null, body: string): Note {
    const stamp = this.now().toISOString();
    let saved: Note | undefined;
    this.change((data) => {
      if (noteId === null) {
        saved = { id: randomUUID(), sectionId, body, createdAt: stamp, updatedAt: stamp };
        data.notes.push(saved);
        return;
      }
      const note = data.notes.find((n) => n.id === noteId);
      if (!note) throw notFound(`There is no note with id ${noteId}; it may have been deleted.`);
      note.body = body;
      note.updatedAt = stamp;
      saved = { ...note };
    });
    return saved!;
  }

  deleteNote(noteId: string): Note {
    const note = this.data().notes.find((n) => n.id === noteId);
    if (!note) throw notFound(`There is no note with id ${noteId}; it may have been deleted already.`);
    this.change((data) => {
      data.notes = data.notes.filter((n) => n.id !== noteId);
    });
    return note;
  }

  /** Puts a deleted note back exactly as it was (Undo). */
  restoreNote(note: Note): Note {
    this.change((data) => {
      data.notes = data.notes.filter((n) => n.id !== note.id);
      data.notes.push(note);
      data.notes.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    });
    return note;
  }

  setLocation(location: ReadingLocation): void {
    this.change((data) => {
      data.lastLocation = location;
    });
  }
}

/** Opens each course's shard once and keeps it. */
export class StudyRepository {
  private readonly open = new Map<string, CourseStudy>();

  constructor(
    private readonly openStore: StoreOpener,
    private readonly dir: string,
    private readonly notices: NoticeBoard,
    private readonly now: () => Date = () => new Date(),
  ) {}

  forCourse(courseId: string): CourseStudy {
    let study = this.open.get(courseId);
    if (!study) {
      const file = this.openStore({
        dir: path.join(this.dir, 'study'),
        name: courseId,
        defaults: emptyStudyData(),
        description: `notes and bookmarks for "${courseId}"`,
        notices: this.notices,
      });
      study = new CourseStudy(file, this.now);
      this.open.set(courseId, study);
    }
    return study;
  }
}
