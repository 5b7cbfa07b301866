import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { CarrelError } from '../errors.js';
import type { NoticeBoard } from '../notices.js';
import type { Validator } from '../validate.js';
import { copyAside, listBackups, rotateBackups } from './backups.js';
import { inspectDocument, type DocumentSchema } from './document.js';
import { Journal, type JournalContents } from './journal.js';
import { acquireWriterLock } from './writer-lock.js';

/**
 * Carrel's store files. Each is a JSON document written by conf (electron-store in the app, its
 * base `conf` in plain Node: the same files), with a schema and a `schemaVersion`:
 *
 * - `<name>.json`                the document. Written atomically (temp file, fsync, rename).
 * - `<name>.backup-1..3.json`    the last good copies, newest first, rotated after each load.
 * - `<name>.unreadable-<time>.json`  a damaged file, copied aside before anything replaces it.
 * - `<name>.journal.jsonl`       journaled stores only: changes acknowledged since the document
 *                                was last written, one transaction per line (see JournaledStore),
 *                                then zero bytes reserved for the next lines (see journal.ts).
 * - `carrel-writer.lock`         the pid of the process writing this folder (see writer-lock.ts).
 */

/** The part of conf's and electron-store's API that Carrel uses. */
export interface ConfLike<T> {
  readonly path: string;
  store: T;
}

export type ConfConstructor = new <T extends Record<string, unknown>>(options: {
  cwd: string;
  configName: string;
  defaults: T;
  accessPropertiesByDotNotation: boolean;
  clearInvalidConfig: boolean;
  watch: boolean;
}) => ConfLike<T>;

export interface StoreOpenOptions<T> {
  dir: string;
  name: string;
  schema: DocumentSchema<T>;
  /** The document while its file does not exist yet. */
  defaults: () => T;
  /** Says what the file holds, in notices: "settings", "notes and bookmarks for …". */
  description: string;
  notices: NoticeBoard;
}

/** A whole document, read once and rewritten whole on each write: for small files such as settings. */
export interface StoreFile<T> {
  readonly path: string;
  /** True when a newer Carrel wrote the file: it is shown, and every write is refused. */
  readonly readOnly: boolean;
  /** The document in memory; treat it as immutable and replace it through write. */
  read(): T;
  /** Replaces the document; returns once it is on disk. */
  write(value: T): void;
  /** Releases the file for other processes. */
  close(): void;
}

/** How a journaled store keeps its document in memory and changes it. */
export interface JournalModel<T, M, Op> {
  fromDocument(document: T): M;
  toDocument(model: M): T;
  validateOp: Validator<Op>;
  /**
   * Applies one operation to the model. Operations must set state rather than adjust it (put this
   * record, delete that id), so replaying a journal that was already folded into the document,
   * as happens after a crash during compaction, ends in the same state.
   */
  apply(model: M, op: Op): void;
}

/** When a journaled store folds its journal into the document file. */
export interface CompactionPolicy {
  /**
   * A document smaller than this is rewritten within every commit, so the file itself is always
   * current; rewriting a small file costs little.
   */
  writeThroughBytes: number;
  /** Otherwise, soon after this many transactions... */
  transactions: number;
  /** ...or this many journal bytes (or the document's own size, if larger). */
  bytes: number;
}

export interface JournaledStoreOptions<T, M, Op> extends StoreOpenOptions<T> {
  model: JournalModel<T, M, Op>;
  compaction?: CompactionPolicy;
}

/**
 * A document kept in memory whose changes are appended to a journal, so a save costs one small
 * durable append however large the document is. `<name>.journal.jsonl` holds one line per
 * transaction, `{"v":<schemaVersion>,"ops":[...]}`, and a line counts only with its newline.
 * Opening replays the journal over the document and folds it in; so does compaction, when the
 * journal grows, and close.
 */
export interface JournaledStore<M, Op> {
  readonly path: string;
  readonly journalPath: string;
  readonly readOnly: boolean;
  /** The current state; change it only through commit. */
  read(): M;
  /** Applies the operations as one transaction; returns once the transaction is on disk. */
  commit(ops: readonly Op[]): void;
  /**
   * Folds the journal in and releases the files for other processes. A fold that fails is only
   * reported: every change is still in the journal, and the next open folds it in.
   */
  close(): void;
}

export interface StoreOpener {
  file<T>(options: StoreOpenOptions<T>): StoreFile<T>;
  journaled<T, M, Op>(options: JournaledStoreOptions<T, M, Op>): JournaledStore<M, Op>;
}

const DEFAULT_COMPACTION: CompactionPolicy = {
  writeThroughBytes: 128 * 1024,
  transactions: 1000,
  bytes: 1024 * 1024,
};

interface Loaded<T> {
  file: string;
  value: T;
  readOnly: boolean;
  /** The file on disk is not the loaded value (migrated, restored, or missing): write it. */
  stale: boolean;
  release: () => void;
}

const readOnlyError = (file: string, description: string) =>
  new CarrelError(
    'not-allowed',
    `Your ${description} were saved by a newer version of Carrel, so this version only reads them (${file}). Update Carrel to make changes.`,
  );

/** Leftovers of conf's atomic writes cut off by a crash: `<name>.json.tmp-<digits><hex>`. */
function removeStrayTempFiles(dir: string, name: string): void {
  const prefix = `${name}.json.tmp-`;
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith(prefix) && /^\d{10}[0-9a-f]{6}$/.test(entry.slice(prefix.length))) {
      rmSync(path.join(dir, entry), { force: true });
    }
  }
}

/** Replaces `file` with a copy of `source` in one rename, so a crash leaves one or the other. */
function replaceWithCopy(source: string, file: string): void {
  const pending = `${file}.restoring`;
  copyFileSync(source, pending);
  renameSync(pending, file);
}

export function storeOpener(Conf: ConfConstructor, now: () => Date = () => new Date()): StoreOpener {
  const when = (date: Date) =>
    date
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, ' UTC');

  function restoreBackup<T>(options: StoreOpenOptions<T>, file: string) {
    for (const backup of listBackups(file)) {
      const inspection = inspectDocument(readFileSync(backup), options.schema, options.description);
      if (inspection.kind !== 'current') continue;
      replaceWithCopy(backup, file);
      return { value: inspection.value, backup, savedAt: statSync(backup).mtime };
    }
    return undefined;
  }

  /**
   * Reads a store file and decides what to show: the document, brought up to date; a backup when
   * the file is damaged or missing; or, for a file from a newer Carrel, what can be read of it.
   */
  function load<T>(options: StoreOpenOptions<T>): Loaded<T> {
    mkdirSync(options.dir, { recursive: true });
    const file = path.join(options.dir, `${options.name}.json`);
    const label = path.basename(file);
    let release = acquireWriterLock(options.dir);
    try {
      removeStrayTempFiles(options.dir, options.name);
      if (!existsSync(file)) {
        const restored = restoreBackup(options, file);
        if (!restored) return { file, value: options.defaults(), readOnly: false, stale: false, release };
        options.notices.add({
          level: 'warning',
          title: `Your ${options.description} were restored from a backup`,
          message: `The file ${file} was missing. Carrel restored the last good backup, saved ${when(restored.savedAt)} (${restored.backup}).`,
        });
        return { file, value: restored.value, readOnly: false, stale: true, release };
      }

      const inspection = inspectDocument(readFileSync(file), options.schema, label);
      if (inspection.kind === 'current') {
        // The file as it was before an upgrade rewrites it is kept among the backups.
        if (inspection.migratedFrom !== null) rotateBackups(file);
        return { file, value: inspection.value, readOnly: false, stale: inspection.migratedFrom !== null, release };
      }

      if (inspection.kind === 'newer') {
        release();
        release = () => undefined;
        const unreadable = inspection.problem ? ` This version cannot show what it holds (${inspection.problem}).` : '';
        options.notices.add({
          level: 'warning',
          title: `Your ${options.description} are open read-only`,
          message: `${file} was saved by a newer version of Carrel (data format ${inspection.version}; this version knows up to ${options.schema.version}).${unreadable} Nothing in it is changed. Update Carrel to make changes.`,
        });
        return { file, value: inspection.value ?? options.defaults(), readOnly: true, stale: false, release };
      }

      const aside = copyAside(file, 'unreadable', now());
      const restored = restoreBackup(options, file);
      if (!restored) rmSync(file);
      const outcome = restored
        ? `restored the last good backup, saved ${when(restored.savedAt)} (${restored.backup}); changes made after that are only in the copy`
        : 'started a fresh file, as there was no good backup to restore';
      options.notices.add({
        level: 'warning',
        title: `Your ${options.description} could not be read`,
        message: `The file ${file} was damaged: ${inspection.problem}. Carrel kept a copy at ${aside} and ${outcome}.`,
      });
      return { file, value: restored?.value ?? options.defaults(), readOnly: false, stale: true, release };
    } catch (error) {
      release();
      throw error;
    }
  }

  /** conf is created on the first write: reading it would parse the file a second time. */
  function lazyConf<T>(options: StoreOpenOptions<T>): () => ConfLike<T> {
    let conf: ConfLike<T> | undefined;
    return () =>
      (conf ??= new Conf<Record<string, unknown>>({
        cwd: options.dir,
        configName: options.name,
        defaults: {},
        // Keys such as section ids contain dots; they are plain keys, never paths.
        accessPropertiesByDotNotation: false,
        clearInvalidConfig: false,
        watch: false,
      }) as unknown as ConfLike<T>);
  }

  function file<T>(options: StoreOpenOptions<T>): StoreFile<T> {
    const loaded = load(options);
    const conf = lazyConf(options);
    let value = loaded.value;
    if (!loaded.readOnly) {
      // A small file is written at once, defaults included, so it can be found and edited.
      if (loaded.stale || !existsSync(loaded.file)) conf().store = value;
      rotateBackups(loaded.file);
    }
    return {
      path: loaded.file,
      readOnly: loaded.readOnly,
      read: () => value,
      write: (next) => {
        if (loaded.readOnly) throw readOnlyError(loaded.file, options.description);
        // Never write what the next start could not read back.
        const checked = options.schema.validate(next, options.description);
        conf().store = checked;
        value = checked;
      },
      close: () => loaded.release(),
    };
  }

  function journaled<T, M, Op>(options: JournaledStoreOptions<T, M, Op>): JournaledStore<M, Op> {
    const loaded = load(options);
    const { model: definition, schema } = options;
    const conf = lazyConf(options);
    const { journal, contents } = Journal.open(path.join(options.dir, `${options.name}.journal.jsonl`));
    const policy = options.compaction ?? DEFAULT_COMPACTION;
    const model = definition.fromDocument(loaded.value);

    const replayed = replay(journal, contents, options, model, loaded.readOnly);
    let transactions = 0;
    let journalBytes = 0;
    let documentBytes = 0;
    let scheduled: NodeJS.Immediate | undefined;
    let closed = false;

    const compact = () => {
      if (loaded.readOnly) return;
      if (scheduled) clearImmediate(scheduled);
      scheduled = undefined;
      conf().store = definition.toDocument(model);
      journal.truncate(0);
      transactions = 0;
      journalBytes = 0;
      documentBytes = statSync(loaded.file).size;
    };

    if (!loaded.readOnly) {
      if (loaded.stale || replayed > 0) compact();
      if (existsSync(loaded.file)) {
        rotateBackups(loaded.file);
        documentBytes = statSync(loaded.file).size;
      }
    }

    let failureTold = false;
    /** After a commit is durable, so a failure here loses nothing: the journal keeps every change. */
    const compactSafely = () => {
      try {
        compact();
        failureTold = false;
      } catch (error) {
        if (failureTold) return;
        failureTold = true;
        options.notices.add({
          level: 'warning',
          title: `Carrel could not tidy up your ${options.description}`,
          message: `Writing ${loaded.file} failed (${(error as Error).message}). Your changes are safe in ${journal.path}; Carrel will try again.`,
        });
      }
    };
    const compactLater = () => {
      scheduled ??= setImmediate(() => {
        scheduled = undefined;
        compactSafely();
      });
    };

    return {
      path: loaded.file,
      journalPath: journal.path,
      readOnly: loaded.readOnly,
      read: () => model,
      commit: (ops) => {
        if (loaded.readOnly) throw readOnlyError(loaded.file, options.description);
        if (closed) {
          throw new CarrelError(
            'storage',
            `Your ${options.description} were already closed; the change was not saved.`,
          );
        }
        const checked = ops.map((op, index) => definition.validateOp(op, `change ${index + 1}`));
        const line = JSON.stringify({ v: schema.version, ops: checked });
        try {
          journal.append(line);
        } catch (error) {
          throw new CarrelError(
            'storage',
            `Carrel could not save to ${journal.path} (${(error as Error).message}). The change was not saved.`,
          );
        }
        for (const op of checked) definition.apply(model, op);
        transactions += 1;
        journalBytes += Buffer.byteLength(line) + 1;
        if (documentBytes < policy.writeThroughBytes) compactSafely();
        else if (transactions >= policy.transactions || journalBytes >= Math.max(policy.bytes, documentBytes)) {
          compactLater();
        }
      },
      close: () => {
        if (closed) return;
        closed = true;
        try {
          if (transactions > 0) compactSafely();
        } finally {
          journal.close();
          loaded.release();
        }
      },
    };
  }

  /**
   * Applies the journal's complete lines to the model and returns how many were applied. A torn
   * last line was never acknowledged and is dropped; a complete line that cannot be used is kept
   * in a copy of the journal, and the user is told.
   */
  function replay<T, M, Op>(
    journal: Journal,
    contents: JournalContents,
    options: JournaledStoreOptions<T, M, Op>,
    model: M,
    readOnly: boolean,
  ): number {
    if (contents.tornTail && !readOnly) journal.truncate(contents.completeBytes);
    const problems: string[] = [];
    let applied = 0;
    for (const line of contents.lines) {
      try {
        const ops = parseTransaction(line.text, options, readOnly);
        for (const op of ops) options.model.apply(model, op);
        applied += 1;
      } catch (error) {
        problems.push(`line ${line.number}: ${(error as Error).message}`);
      }
    }
    if (problems.length > 0 && !readOnly) {
      const aside = copyAside(journal.path, 'unreadable', now());
      options.notices.add({
        level: 'warning',
        title: `Some recent changes to your ${options.description} could not be read`,
        message: `${problems.length} of ${contents.lines.length} saved changes in ${journal.path} were damaged (${problems.slice(0, 3).join('; ')}). Carrel kept a copy at ${aside} and applied the rest.`,
      });
    }
    return applied + problems.length;
  }

  function parseTransaction<T, M, Op>(text: string, options: JournaledStoreOptions<T, M, Op>, readOnly: boolean): Op[] {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new Error(`not valid JSON (${(error as Error).message})`);
    }
    const transaction = parsed as { v?: unknown; ops?: unknown };
    if (typeof parsed !== 'object' || parsed === null || !Array.isArray(transaction.ops)) {
      throw new Error('not a transaction');
    }
    if (transaction.v !== options.schema.version) {
      // A read-only store shows a newer Carrel's file; the journal's newer changes are left to it.
      if (readOnly) return [];
      throw new Error(`written in data format ${String(transaction.v)}, not ${options.schema.version}`);
    }
    return transaction.ops.map((op, index) => options.model.validateOp(op, `change ${index + 1}`));
  }

  return { file, journaled };
}
