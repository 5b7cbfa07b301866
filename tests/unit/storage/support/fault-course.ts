/** What the save-loop child and the fault test agree on. */
export const FAULT_COURSE = 'fault-course';
export const FAULT_SECTION = 'fault.md#section';
/**
 * Small, so that folding the journal into the file happens often enough to be interrupted: the
 * first rounds rewrite the file on every save, later ones fold every 40 saves.
 */
export const FAULT_COMPACTION = { writeThroughBytes: 16 * 1024, transactions: 40, bytes: 64 * 1024 };

/** mulberry32: a small seeded generator, so a failing round can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
