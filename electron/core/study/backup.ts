import { isDeepStrictEqual } from 'node:util';
import type {
  Bookmark,
  ChangeCounts,
  ExportFile,
  Highlight,
  ImportSummary,
  Note,
  ReadingLocation,
  SectionProgress,
} from '../../contract.js';
import { CarrelError, invalidPayload } from '../errors.js';
import { courseId, literal, nullable, object, string, type Validator } from '../validate.js';
import { studyCollections, timestamp, type StudyOp } from './study-schema.js';
import type { CourseStudy, StudyRepository } from './study-repository.js';

/**
 * The JSON backup of all study data:
 *
 *   { "format": "carrel-study-backup", "version": 1, "exportedAt": "<ISO time>",
 *     "courses": { "<course id>": { "title": "<course title>" | null, "bookmarks": [...],
 *       "notes": [...], "highlights": [...], "readSections": [...], "lastLocation": {...} | null } } }
 *
 * Records have exactly the fields of the contract's Bookmark, Note, Highlight and SectionProgress.
 */
export const BACKUP_FORMAT = 'carrel-study-backup';
export const BACKUP_VERSION = 1;
/** Characters of backup text accepted: room for a few hundred thousand notes. */
export const BACKUP_CONTENT_LIMIT = 32_000_000;

export interface CourseBackup {
  title: string | null;
  bookmarks: Bookmark[];
  notes: Note[];
  highlights: Highlight[];
  readSections: SectionProgress[];
  lastLocation: ReadingLocation | null;
}

export interface StudyBackup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: string;
  courses: Record<string, CourseBackup>;
}

/** What the backup needs to know about the library. */
export interface CourseCatalog {
  /** The course's title when it is in the library, else undefined. */
  titleOf(courseId: string): string | undefined;
}

const courseBackup: Validator<CourseBackup> = object({ title: nullable(string({ max: 500 })), ...studyCollections });

/** Course ids as keys: checked like any course id, so `__proto__` and friends are refused by name. */
const coursesRecord: Validator<Record<string, CourseBackup>> = (value, path) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalidPayload(`${path} must be an object.`);
  const result: Record<string, CourseBackup> = Object.create(null) as Record<string, CourseBackup>;
  for (const key of Object.keys(value)) {
    courseId(key, `${path} key ${JSON.stringify(key)}`);
    result[key] = courseBackup((value as Record<string, unknown>)[key], `${path}.${key}`);
  }
  return result;
};

const validateBackup: Validator<StudyBackup> = object({
  format: literal(BACKUP_FORMAT),
  version: literal(BACKUP_VERSION),
  exportedAt: timestamp,
  courses: coursesRecord,
});

function checkUniqueIds(backup: StudyBackup): void {
  for (const [id, course] of Object.entries(backup.courses)) {
    const lists = [
      ['notes', course.notes.map((n) => n.id)],
      ['bookmarks', course.bookmarks.map((b) => b.id)],
      ['highlights', course.highlights.map((h) => h.id)],
      ['readSections', course.readSections.map((r) => r.sectionId)],
    ] as const;
    for (const [kind, keys] of lists) {
      const seen = new Map<string, number>();
      keys.forEach((key, index) => {
        const first = seen.get(key);
        if (first !== undefined) {
          const field = kind === 'readSections' ? 'sectionId' : 'id';
          throw invalidPayload(`backup.courses.${id}.${kind}[${index}].${field} repeats ${kind}[${first}] (${key}).`);
        }
        seen.set(key, index);
      });
    }
  }
}

/** Parses and checks a whole backup; throws a CarrelError that names the first thing wrong. */
export function parseBackup(content: string): StudyBackup {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (error) {
    throw invalidPayload(`This file is not a Carrel backup: it is not valid JSON (${(error as Error).message}).`);
  }
  const head = parsed as { format?: unknown; version?: unknown } | null;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || head?.format !== BACKUP_FORMAT) {
    throw invalidPayload(`This file is not a Carrel backup: it has no "format": "${BACKUP_FORMAT}".`);
  }
  if (typeof head.version === 'number' && head.version > BACKUP_VERSION) {
    throw invalidPayload(
      `This backup was made by a newer version of Carrel (backup format ${head.version}); this version reads format ${BACKUP_VERSION}. Update Carrel to import it.`,
    );
  }
  const backup = validateBackup(parsed, 'backup');
  checkUniqueIds(backup);
  return backup;
}

export function exportBackup(study: StudyRepository, catalog: CourseCatalog, exportedAt: Date): ExportFile {
  const courses: Record<string, CourseBackup> = {};
  for (const id of study.courseIds()) {
    const state = study.forCourse(id).state();
    courses[id] = { title: catalog.titleOf(id) ?? null, ...state };
  }
  const backup: StudyBackup = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: exportedAt.toISOString(),
    courses,
  };
  return {
    fileName: `carrel-study-backup-${exportedAt.toISOString().slice(0, 10)}.json`,
    mimeType: 'application/json',
    content: `${JSON.stringify(backup, null, 2)}\n`,
  };
}

interface Merge<T> {
  counts: ChangeCounts;
  changed: T[];
}

/**
 * Same key: the record with the later stamp wins; on a tie the one already here stays. A record
 * that wins but reads the same is unchanged.
 */
function merge<T>(
  current: Iterable<T>,
  incoming: readonly T[],
  key: (r: T) => string,
  stamp: (r: T) => string,
): Merge<T> {
  const existing = new Map<string, T>();
  for (const record of current) existing.set(key(record), record);
  const counts = { added: 0, updated: 0, unchanged: 0 };
  const changed: T[] = [];
  for (const record of incoming) {
    const here = existing.get(key(record));
    if (here === undefined) {
      counts.added += 1;
      changed.push(record);
    } else if (!isDeepStrictEqual({ ...here }, { ...record }) && Date.parse(stamp(record)) > Date.parse(stamp(here))) {
      counts.updated += 1;
      changed.push(record);
    } else {
      counts.unchanged += 1;
    }
  }
  return { counts, changed };
}

/** A bookmark on a place already bookmarked under another id is the same bookmark. */
function newBookmarks(current: Bookmark[], incoming: Bookmark[]): Bookmark[] {
  const ids = new Set(current.map((b) => b.id));
  const places = new Set(current.map((b) => `${b.sectionId}\u0000${b.headingId ?? ''}`));
  return incoming.filter((b) => ids.has(b.id) || !places.has(`${b.sectionId}\u0000${b.headingId ?? ''}`));
}

interface CoursePlan {
  study: CourseStudy;
  summary: ImportSummary['courses'][number];
  ops: StudyOp[];
}

function planCourse(id: string, incoming: CourseBackup, study: CourseStudy, title: string | null): CoursePlan {
  const state = study.state();
  const keptBookmarks = newBookmarks(state.bookmarks, incoming.bookmarks);
  const notes = merge(
    state.notes,
    incoming.notes,
    (n) => n.id,
    (n) => n.updatedAt,
  );
  const bookmarks = merge(
    state.bookmarks,
    keptBookmarks,
    (b) => b.id,
    (b) => b.createdAt,
  );
  bookmarks.counts.unchanged += incoming.bookmarks.length - keptBookmarks.length;
  const highlights = merge(
    state.highlights,
    incoming.highlights,
    (h) => h.id,
    (h) => h.updatedAt,
  );
  const readSections = merge(
    state.readSections,
    incoming.readSections,
    (r) => r.sectionId,
    (r) => r.readAt,
  );
  const ops: StudyOp[] = [
    ...notes.changed.map((value): StudyOp => ({ op: 'put', kind: 'notes', value })),
    ...bookmarks.changed.map((value): StudyOp => ({ op: 'put', kind: 'bookmarks', value })),
    ...highlights.changed.map((value): StudyOp => ({ op: 'put', kind: 'highlights', value })),
    ...readSections.changed.map((value): StudyOp => ({ op: 'put', kind: 'readSections', value })),
  ];
  // Where the student is now matters more than where they were when the backup was made.
  if (state.lastLocation === null && incoming.lastLocation !== null)
    ops.push({ op: 'location', value: incoming.lastLocation });
  return {
    study,
    ops,
    summary: {
      courseId: id,
      title,
      notes: notes.counts,
      bookmarks: bookmarks.counts,
      highlights: highlights.counts,
      readSections: readSections.counts,
    },
  };
}

/**
 * Everything an import would change, worked out before anything is written. A course must be in
 * the library or already have study data here; otherwise its records would have no course to
 * show them, and the whole backup is refused by name.
 */
function plan(content: string, study: StudyRepository, catalog: CourseCatalog): CoursePlan[] {
  const backup = parseBackup(content);
  const known = new Set(study.courseIds());
  const ids = Object.keys(backup.courses).sort();
  const unknown = ids.filter((id) => catalog.titleOf(id) === undefined && !known.has(id));
  if (unknown.length > 0) {
    const names = unknown.map((id) => `"${backup.courses[id]!.title ?? id}" (${id})`).join(', ');
    throw new CarrelError(
      'not-found',
      `This backup holds study data for ${unknown.length === 1 ? 'a course' : 'courses'} not in your library: ${names}. Add ${unknown.length === 1 ? 'it' : 'them'} to Carrel first, then import the backup again. Nothing was imported.`,
    );
  }
  const plans = ids.map((id) => {
    const course = backup.courses[id]!;
    return planCourse(id, course, study.forCourse(id), catalog.titleOf(id) ?? course.title);
  });
  const readOnly = plans.find((p) => p.study.readOnly && p.ops.length > 0);
  if (readOnly) {
    throw new CarrelError(
      'not-allowed',
      `The study data for "${readOnly.summary.title ?? readOnly.summary.courseId}" was saved by a newer version of Carrel and is read-only here. Update Carrel to import this backup. Nothing was imported.`,
    );
  }
  return plans;
}

export function previewImport(content: string, study: StudyRepository, catalog: CourseCatalog): ImportSummary {
  return { courses: plan(content, study, catalog).map((p) => p.summary) };
}

/** Merges a backup into the study data: all of it after checking all of it, or nothing. */
export function importBackup(content: string, study: StudyRepository, catalog: CourseCatalog): ImportSummary {
  const plans = plan(content, study, catalog);
  // One transaction per course: a crash part-way through a course leaves that course as it was.
  for (const { study: course, ops } of plans) if (ops.length > 0) course.commit(ops);
  return { courses: plans.map((p) => p.summary) };
}
