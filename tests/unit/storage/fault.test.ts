import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { NoticeBoard } from '../../../electron/core/notices.js';
import { storeOpener } from '../../../electron/core/storage/store.js';
import { emptyStudyData, studyOp, studySchema } from '../../../electron/core/study/study-schema.js';
import { StudyRepository, studyModel } from '../../../electron/core/study/study-repository.js';
import { NodeStore, tempDir } from '../support/services.js';
import { saveLoopScript, startChild } from './support/child.js';
import { FAULT_COMPACTION, FAULT_COURSE, seededRandom } from './support/fault-course.js';

const SEED = 20_240_611;
const ROUNDS = 50;
/** Counters of one round stay below the next round's first, so a larger counter is a later save. */
const COUNTERS_PER_ROUND = 10_000_000;

interface Expectations {
  /** Note id -> counter of its last acknowledged save. */
  saved: Map<string, number>;
  /** Deletes that were acknowledged. */
  deleted: Set<string>;
  /** Deletes that were started; they may or may not have reached the disk. */
  deleting: Set<string>;
}

function record(lines: readonly string[], expectations: Expectations): number {
  let acknowledged = 0;
  for (const line of lines) {
    const [kind, id, counter] = line.split(' ');
    if (kind === 'saved') {
      expectations.saved.set(id!, Number(counter));
      acknowledged += 1;
    } else if (kind === 'deleting') {
      expectations.deleting.add(id!);
    } else if (kind === 'deleted') {
      expectations.saved.delete(id!);
      expectations.deleted.add(id!);
      acknowledged += 1;
    }
  }
  return acknowledged;
}

/**
 * What a start would load, read without writing anything: the shard must parse and pass its
 * schema, and the journal's complete lines are replayed with the repository's own operations.
 */
function readWithoutWriting(dir: string): Map<string, string> {
  const shard = path.join(dir, 'study', `${FAULT_COURSE}.json`);
  const document = existsSync(shard)
    ? studySchema.validate(JSON.parse(readFileSync(shard, 'utf8')), 'shard')
    : emptyStudyData();
  const model = studyModel.fromDocument(document);
  const journal = path.join(dir, 'study', `${FAULT_COURSE}.journal.jsonl`);
  if (existsSync(journal)) {
    const bytes = readFileSync(journal);
    const complete = bytes.subarray(0, bytes.lastIndexOf(0x0a) + 1).toString('utf8');
    for (const line of complete.split('\n').filter((l) => l !== '')) {
      const { ops } = JSON.parse(line) as { ops: unknown[] };
      for (const op of ops) studyModel.apply(model, studyOp(op, 'journal'));
    }
  }
  return new Map([...model.notes.values()].map((note) => [note.id, note.body]));
}

function check(bodies: Map<string, string>, expectations: Expectations, round: number): void {
  for (const [id, counter] of expectations.saved) {
    const body = bodies.get(id);
    if (body === undefined && expectations.deleting.has(id)) continue;
    expect(body, `round ${round}: acknowledged note ${id} (save ${counter}) is missing`).toBeDefined();
    expect(Number(body!.slice(1)), `round ${round}: note ${id} lost save ${counter}`).toBeGreaterThanOrEqual(counter);
  }
  for (const id of expectations.deleted) {
    expect(bodies.has(id), `round ${round}: acknowledged delete of ${id} came back`).toBe(false);
  }
}

describe('saves under SIGKILL', () => {
  it(`keeps every acknowledged save when the saving process is killed at random moments (${ROUNDS} rounds)`, async () => {
    const script = await saveLoopScript();
    const userDataDir = tempDir('carrel-fault-');
    const random = seededRandom(SEED);
    const expectations: Expectations = { saved: new Map(), deleted: new Set(), deleting: new Set() };
    let acknowledged = 0;

    for (let round = 0; round < ROUNDS; round++) {
      const child = startChild(script, [userDataDir, String(SEED + round), String(round * COUNTERS_PER_ROUND)]);
      // Most rounds are killed while saving; every fifth while still opening (replaying, folding, backing up).
      if (round % 5 !== 4) await child.waitFor((line) => line === 'ready');
      await sleep(Math.floor(random() * 150));
      child.process.kill('SIGKILL');
      const exit = await child.exited;
      expect(exit.signal, `round ${round} (seed ${SEED + round}) ended on its own: ${exit.stderr}`).toBe('SIGKILL');
      expect(
        child.lines.filter((line) => line.startsWith('notice')),
        `round ${round}: a start found damage`,
      ).toEqual([]);
      acknowledged += record(child.lines, expectations);

      check(readWithoutWriting(userDataDir), expectations, round);
      if (round % 10 === 9) {
        // Now and then the way the app starts: replay, fold, back up, and tell the user nothing.
        const notices = new NoticeBoard();
        const study = new StudyRepository(storeOpener(NodeStore), userDataDir, notices, {
          compaction: FAULT_COMPACTION,
        });
        const course = study.forCourse(FAULT_COURSE);
        check(new Map(course.state().notes.map((n) => [n.id, n.body])), expectations, round);
        study.close();
        expect(notices.list()).toEqual([]);
      }
    }
    expect(acknowledged).toBeGreaterThan(0);
  }, 120_000);
});
