/**
 * A separate process that saves notes through the real study repository as fast as it can and
 * prints each acknowledged save, until it is killed. Bundled by child.ts for the fault test.
 *
 *   node save-loop.mjs <user-data dir> <seed> <first counter>   saves in a loop
 *   node save-loop.mjs <user-data dir> hold                     opens the store, says "ready", waits
 *
 * Lines printed: `ready`, `saved <note id> <counter>`, `deleting <note id>`, `deleted <note id>`.
 * A note's body is `v<counter>`, with the counter growing on every save, so a later body on disk
 * is a later save.
 */
import Conf from 'conf';
import { NoticeBoard } from '../../../../electron/core/notices.js';
import { storeOpener, type ConfConstructor } from '../../../../electron/core/storage/store.js';
import { StudyRepository } from '../../../../electron/core/study/study-repository.js';
import { FAULT_COMPACTION, FAULT_COURSE, FAULT_SECTION, seededRandom } from './fault-course.js';

const [userDataDir, seedText, firstCounter] = process.argv.slice(2);
if (!userDataDir || !seedText) throw new Error('usage: save-loop <user-data dir> (<seed> <first counter> | hold)');

const notices = new NoticeBoard();
const study = new StudyRepository(storeOpener(Conf as unknown as ConfConstructor), userDataDir, notices, {
  compaction: FAULT_COMPACTION,
}).forCourse(FAULT_COURSE);
for (const notice of notices.list()) process.stdout.write(`notice ${notice.title}: ${notice.message}\n`);
process.stdout.write('ready\n');

if (seedText === 'hold') {
  setInterval(() => undefined, 60_000);
} else {
  const random = seededRandom(Number(seedText));
  const live = study.state().notes.map((n) => n.id);
  let counter = Number(firstCounter);
  for (;;) {
    counter += 1;
    const roll = random();
    if (live.length > 0 && roll < 0.1) {
      const [id] = live.splice(Math.floor(random() * live.length), 1);
      process.stdout.write(`deleting ${id}\n`);
      study.deleteNote(id!);
      process.stdout.write(`deleted ${id}\n`);
    } else {
      const noteId = live.length > 0 && roll < 0.75 ? live[Math.floor(random() * live.length)]! : null;
      const note = study.saveNote(FAULT_SECTION, noteId, `v${counter}`);
      if (noteId === null) live.push(note.id);
      process.stdout.write(`saved ${note.id} ${counter}\n`);
    }
    // Lets a scheduled compaction run, as it would between two calls from the window.
    if (counter % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}
