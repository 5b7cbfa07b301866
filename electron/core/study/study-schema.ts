import type {
  Bookmark,
  Highlight,
  HighlightColor,
  Note,
  ReadingLocation,
  SectionProgress,
  TextPositionSelector,
  TextQuoteSelector,
} from '../../contract.js';
import { invalidPayload } from '../errors.js';
import type { DocumentSchema, RawDocument } from '../storage/document.js';
import {
  arrayOf,
  boolean,
  integer,
  literal,
  nullable,
  number,
  object,
  oneOf,
  recordId,
  sectionId,
  string,
  type Validator,
} from '../validate.js';

/**
 * The shape of a course's study data, on disk (`study/<course id>.json`), in journal operations and
 * in backups. The same validators check what the renderer sends, so nothing is stored that could
 * not be loaded back.
 */

/** Notes are Markdown typed by a person; 1 MB is far beyond any real note and keeps files sane. */
export const NOTE_BODY_LIMIT = 1_000_000;
/** A highlight is a passage, not a chapter. */
export const QUOTE_LIMIT = 5_000;
/** Context kept beside a quote; the anchoring code keeps a few dozen characters. */
export const QUOTE_CONTEXT_LIMIT = 256;
/** Per kind and course: far beyond a lifetime of study, small enough to load in well under a second. */
export const RECORDS_LIMIT = 100_000;

export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink'] as const satisfies readonly HighlightColor[];

const timestampText = string({
  min: 1,
  max: 40,
  pattern: /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?Z$/,
  hint: 'an ISO timestamp',
});
export const timestamp: Validator<string> = (value, path) => {
  const text = timestampText(value, path);
  if (Number.isNaN(Date.parse(text))) throw invalidPayload(`${path} must be a real date and time, not ${text}.`);
  return text;
};
export const noteBody = string({ max: NOTE_BODY_LIMIT });
export const headingId = string({ min: 1, max: 300, pattern: /^[^\0#\s]+$/, hint: 'a heading id (no spaces or #)' });
export const highlightColor = oneOf(HIGHLIGHT_COLORS);

export const quoteSelector: Validator<TextQuoteSelector> = object({
  type: literal('TextQuoteSelector'),
  exact: string({ min: 1, max: QUOTE_LIMIT }),
  prefix: string({ max: QUOTE_CONTEXT_LIMIT }),
  suffix: string({ max: QUOTE_CONTEXT_LIMIT }),
});

const offset = integer({ min: 0, max: 100_000_000 });
export const positionSelector: Validator<TextPositionSelector> = object({
  type: literal('TextPositionSelector'),
  start: offset,
  end: offset,
});

/**
 * A new highlight's position spans exactly its quote, as describeSelection builds them. A stored
 * one only needs to run forward: re-anchored to text that changed a little, it may span more or less.
 */
export function checkSpan(quote: TextQuoteSelector, position: TextPositionSelector, path: string): void {
  if (position.end - position.start !== quote.exact.length) {
    throw invalidPayload(
      `${path}.position spans ${position.end - position.start} characters, but the quote has ${quote.exact.length}.`,
    );
  }
}

export const note: Validator<Note> = object({
  id: recordId,
  sectionId,
  body: noteBody,
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const bookmark: Validator<Bookmark> = object({
  id: recordId,
  sectionId,
  headingId: nullable(headingId),
  createdAt: timestamp,
});

const highlightShape = object({
  id: recordId,
  sectionId,
  color: highlightColor,
  quote: quoteSelector,
  position: positionSelector,
  note: noteBody,
  createdAt: timestamp,
  updatedAt: timestamp,
  orphaned: boolean,
});

export const highlight: Validator<Highlight> = (value, path) => {
  const checked = highlightShape(value, path);
  if (checked.position.end < checked.position.start) {
    throw invalidPayload(
      `${path}.position ends (${checked.position.end}) before it starts (${checked.position.start}).`,
    );
  }
  return checked;
};

export const sectionProgress: Validator<SectionProgress> = object({ sectionId, readAt: timestamp });

export const readingLocation: Validator<ReadingLocation> = object({
  sectionId,
  scrollRatio: number({ min: 0, max: 1 }),
});

/** The study data of one course, version 2: version 1 had no highlights, no reading progress and section bookmarks only. */
export interface StudyData {
  schemaVersion: 2;
  bookmarks: Bookmark[];
  notes: Note[];
  highlights: Highlight[];
  readSections: SectionProgress[];
  lastLocation: ReadingLocation | null;
}

export const STUDY_SCHEMA_VERSION = 2;

export const emptyStudyData = (): StudyData => ({
  schemaVersion: 2,
  bookmarks: [],
  notes: [],
  highlights: [],
  readSections: [],
  lastLocation: null,
});

const limit = (noun: string) => ({ max: RECORDS_LIMIT, noun });

/** The collections of study data, without the file's version: also the shape of a course in a backup. */
export const studyCollections = {
  bookmarks: arrayOf(bookmark, limit('bookmarks')),
  notes: arrayOf(note, limit('notes')),
  highlights: arrayOf(highlight, limit('highlights')),
  readSections: arrayOf(sectionProgress, limit('read sections')),
  lastLocation: nullable(readingLocation),
};

const validateStudyData: Validator<StudyData> = object({
  schemaVersion: literal(STUDY_SCHEMA_VERSION),
  ...studyCollections,
});

const isRecord = (value: unknown): value is RawDocument =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keeps only the fields this version knows, for reading what a newer version wrote. */
function known(value: unknown, fields: readonly string[]): unknown {
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    fields.filter((field) => Object.hasOwn(value, field)).map((field) => [field, value[field]]),
  );
}

const knownList = (value: unknown, fields: readonly string[]) =>
  Array.isArray(value) ? value.map((v) => known(v, fields)) : [];

const FIELDS = {
  bookmark: ['id', 'sectionId', 'headingId', 'createdAt'],
  note: ['id', 'sectionId', 'body', 'createdAt', 'updatedAt'],
  highlight: ['id', 'sectionId', 'color', 'quote', 'position', 'note', 'createdAt', 'updatedAt', 'orphaned'],
  sectionProgress: ['sectionId', 'readAt'],
} as const;

export const studySchema: DocumentSchema<StudyData> = {
  version: STUDY_SCHEMA_VERSION,
  validate: validateStudyData,
  migrations: {
    // Version 1: { schemaVersion, bookmarks: {id, sectionId, createdAt}[], notes, lastLocation }.
    1: (document) => ({
      schemaVersion: 2,
      bookmarks: Array.isArray(document.bookmarks)
        ? document.bookmarks.map((entry: unknown) => (isRecord(entry) ? { ...entry, headingId: null } : entry))
        : (document.bookmarks ?? []),
      notes: document.notes ?? [],
      highlights: [],
      readSections: [],
      lastLocation: document.lastLocation ?? null,
    }),
  },
  readNewer: (value, path) => {
    const document = value as RawDocument;
    return validateStudyData(
      {
        schemaVersion: STUDY_SCHEMA_VERSION,
        bookmarks: knownList(document.bookmarks, FIELDS.bookmark),
        notes: knownList(document.notes, FIELDS.note),
        highlights: knownList(document.highlights, FIELDS.highlight).map((entry) =>
          isRecord(entry)
            ? {
                ...entry,
                quote: known(entry.quote, ['type', 'exact', 'prefix', 'suffix']),
                position: known(entry.position, ['type', 'start', 'end']),
              }
            : entry,
        ),
        readSections: knownList(document.readSections, FIELDS.sectionProgress),
        lastLocation: known(document.lastLocation ?? null, ['sectionId', 'scrollRatio']),
      },
      path,
    );
  },
};

/**
 * One change to a course's study data, as written to its journal. Each sets state (this record
 * now reads so, that one is gone), so replaying a change twice changes nothing.
 */
export type StudyOp =
  | { op: 'put'; kind: 'bookmarks'; value: Bookmark }
  | { op: 'put'; kind: 'notes'; value: Note }
  | { op: 'put'; kind: 'highlights'; value: Highlight }
  | { op: 'put'; kind: 'readSections'; value: SectionProgress }
  /** `id` is the record's id; for readSections, the section's id. */
  | { op: 'delete'; kind: StudyKind; id: string }
  | { op: 'location'; value: ReadingLocation | null };

export const STUDY_KINDS = ['bookmarks', 'notes', 'highlights', 'readSections'] as const;
export type StudyKind = (typeof STUDY_KINDS)[number];

const putValidators = { bookmarks: bookmark, notes: note, highlights: highlight, readSections: sectionProgress };

export const studyOp: Validator<StudyOp> = (value, path) => {
  if (!isRecord(value)) throw invalidPayload(`${path} must be an object.`);
  switch (value.op) {
    case 'put': {
      const kind = oneOf(STUDY_KINDS)(value.kind, `${path}.kind`);
      return object({ op: literal('put'), kind: literal(kind), value: putValidators[kind] as Validator<unknown> })(
        value,
        path,
      ) as StudyOp;
    }
    case 'delete': {
      const kind = oneOf(STUDY_KINDS)(value.kind, `${path}.kind`);
      const id = kind === 'readSections' ? sectionId : recordId;
      return object({ op: literal('delete'), kind: literal(kind), id })(value, path) as StudyOp;
    }
    case 'location':
      return object({ op: literal('location'), value: nullable(readingLocation) })(value, path) as StudyOp;
    default:
      throw invalidPayload(`${path}.op must be one of put, delete, location.`);
  }
};
