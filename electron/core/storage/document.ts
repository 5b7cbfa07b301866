import { CarrelError } from '../errors.js';
import type { Validator } from '../validate.js';

/** A JSON document as it sits on disk, before Carrel knows anything about its shape. */
export type RawDocument = Record<string, unknown>;

/**
 * What a store file holds and how older files become current. Every file carries a
 * `schemaVersion`; `migrations[n]` turns a version-n document into a version n+1 one, so a file
 * from any earlier Carrel is brought up to `version` step by step before it is validated.
 */
export interface DocumentSchema<T> {
  version: number;
  /** Checks a current-version document exactly; throws a CarrelError naming the first thing wrong. */
  validate: Validator<T>;
  migrations: Readonly<Record<number, (document: RawDocument) => RawDocument>>;
  /**
   * Reads what this Carrel understands of a document a newer Carrel wrote, for showing it
   * read-only; throws when even that is impossible.
   */
  readNewer: Validator<T>;
}

export type Inspection<T> =
  | { kind: 'current'; value: T; migratedFrom: number | null }
  | { kind: 'newer'; version: number; value: T | null; problem: string | null }
  | { kind: 'damaged'; problem: string };

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function isRawDocument(value: unknown): value is RawDocument {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function damaged(problem: string): Inspection<never> {
  return { kind: 'damaged', problem };
}

/** Why a JSON.parse failure happened, in words: a file cut short reads differently from garbage. */
function parseProblem(text: string, error: Error): string {
  const startsLikeJson = /^\s*[{[]/.test(text);
  if (startsLikeJson && (/end of (JSON )?input|Unterminated/i.test(error.message) || !/[}\]]\s*$/.test(text))) {
    return 'it ends early, as if it was cut off while being written';
  }
  return `it is not valid JSON (${error.message})`;
}

/**
 * Decides whether the bytes of a store file can be used, and brings an older document up to date.
 * Never throws: every way a file can be unusable comes back as a problem to tell the user about.
 */
export function inspectDocument<T>(bytes: Buffer, schema: DocumentSchema<T>, label: string): Inspection<T> {
  if (bytes.length === 0) return damaged('it is empty');
  if (bytes.subarray(0, BOM.length).equals(BOM))
    return damaged('it starts with a byte-order mark, which Carrel never writes');
  if (bytes.includes(0)) return damaged('it contains NUL bytes, as a file does when the disk lost part of it');
  const text = bytes.toString('utf8');
  if (text.trim() === '') return damaged('it holds only blank space');

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return damaged(parseProblem(text, error as Error));
  }
  if (!isRawDocument(parsed)) return damaged('it does not hold a JSON object');

  const version = parsed.schemaVersion;
  if (!Number.isInteger(version) || (version as number) < 1) {
    return damaged('it has no valid schemaVersion');
  }
  if ((version as number) > schema.version) {
    try {
      return { kind: 'newer', version: version as number, value: schema.readNewer(parsed, label), problem: null };
    } catch (error) {
      return { kind: 'newer', version: version as number, value: null, problem: (error as Error).message };
    }
  }

  let document = parsed;
  for (let from = version as number; from < schema.version; from++) {
    const migrate = schema.migrations[from];
    if (!migrate) return damaged(`Carrel cannot upgrade data format ${from}`);
    try {
      document = migrate(document);
    } catch (error) {
      return damaged(`it could not be upgraded from data format ${from} (${(error as Error).message})`);
    }
  }
  try {
    const value = schema.validate(document, label);
    return { kind: 'current', value, migratedFrom: version === schema.version ? null : (version as number) };
  } catch (error) {
    if (error instanceof CarrelError) return damaged(`it does not match Carrel's data format: ${error.message}`);
    throw error;
  }
}
