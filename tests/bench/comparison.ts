import { generateCorpus, type Corpus } from './corpus.js';

/** One figure of Carrel's measured against a peer in the same run. */
export interface Comparison {
  name: string;
  /** Unit of `carrel` and `peerValue`, e.g. "ms", "bytes", "fraction". */
  unit: string;
  carrel: number;
  /** The peer measured, with its version, e.g. "lunr 2.3.9". */
  peer: string;
  peerValue: number;
  /** carrel / peerValue. */
  ratio: number;
  /** What the ratio should be, e.g. "<= 0.25"; "-" when the figure is for information only. */
  target: string;
}

/** What every comparison module gets: the shared corpus (generated once per run) and a progress log. */
export interface BenchContext {
  corpus(): Corpus;
  log(message: string): void;
}

/** A group of comparisons, registered in run.ts. */
export interface ComparisonGroup {
  name: string;
  run(context: BenchContext): Promise<Comparison[]>;
}

export function compare(
  name: string,
  unit: string,
  carrel: number,
  peer: string,
  peerValue: number,
  target: string,
): Comparison {
  return { name, unit, carrel, peer, peerValue, ratio: carrel / peerValue, target };
}

/** Whether a ratio meets a target such as "<= 0.25" or ">= 1"; undefined for "-". */
export function meetsTarget(ratio: number, target: string): boolean | undefined {
  const match = /^(<=|>=)\s*([\d.]+)$/.exec(target.trim());
  if (!match) return undefined;
  const bound = Number(match[2]);
  return match[1] === '<=' ? ratio <= bound : ratio >= bound;
}

export function createContext(log: (message: string) => void): BenchContext {
  let corpus: Corpus | undefined;
  return {
    corpus() {
      if (!corpus) {
        const started = performance.now();
        corpus = generateCorpus();
        const megabytes = (corpus.markdownBytes / 1e6).toFixed(1);
        log(`corpus: ${corpus.pages.length} pages, ${megabytes} MB of Markdown in ${elapsed(started)}`);
      }
      return corpus;
    },
    log,
  };
}

/** Milliseconds a call takes. */
export function time(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

export function elapsed(started: number): string {
  return `${((performance.now() - started) / 1000).toFixed(1)} s`;
}

/** The p-th percentile (0..100) by the nearest-rank method. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);
