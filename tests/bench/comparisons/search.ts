import { gzipSync } from 'node:zlib';
import lunr from 'lunr';
import {
  buildSearchIndex,
  loadSearchIndex,
  search,
  serializeIndex,
  type SearchDocument,
  type SearchIndex,
} from '../../../electron/core/search/index.js';
import { compare, elapsed, median, percentile, time, type BenchContext, type Comparison } from '../comparison.js';
import type { BenchQuery, Corpus, QueryKind } from '../corpus.js';

/**
 * Carrel's search against lunr, the engine MkDocs Material ships, over the same sections of the
 * generated corpus: query latency, time from the index file to first results, index size and
 * recall@10 on queries whose target sections are known.
 */
const PEER = `lunr ${lunr.version}`;
const LOAD_RUNS = 5;
const RESULTS = 10;

/** One document per section, plus one per page intro, as the course compiler makes them. */
export function corpusSearchDocuments(corpus: Corpus): SearchDocument[] {
  return corpus.pages.flatMap((page) => [
    {
      id: page.path,
      pagePath: page.path,
      pageTitle: page.title,
      sectionTitle: page.title,
      headings: [],
      text: page.intro,
      kind: 'course' as const,
    },
    ...page.sections.map((section) => ({
      id: section.id,
      pagePath: page.path,
      pageTitle: page.title,
      sectionTitle: section.title,
      headings: section.headings,
      text: section.text,
      kind: 'course' as const,
    })),
  ]);
}

/** What a student types into Carrel's search box. */
const carrelQuery = (query: BenchQuery) => query.words.join(' ');

/** The same request in lunr's query syntax: `*` for a prefix, `~1` for one typo. */
function lunrQuery(query: BenchQuery): string {
  if (query.kind === 'prefix') return `${query.words[0]}*`;
  if (query.kind === 'typo') return `${query.words[0]}~1`;
  return query.words.join(' ');
}

function buildLunr(docs: readonly SearchDocument[]): lunr.Index {
  return lunr(function () {
    this.ref('id');
    this.field('pageTitle', { boost: 2 });
    this.field('sectionTitle', { boost: 10 });
    this.field('headings', { boost: 5 });
    this.field('text');
    for (const doc of docs) {
      this.add({
        id: doc.id,
        pageTitle: doc.pageTitle,
        sectionTitle: doc.sectionTitle,
        headings: doc.headings.join('\n'),
        text: doc.text,
      });
    }
  });
}

export async function searchComparisons(context: BenchContext): Promise<Comparison[]> {
  const corpus = context.corpus();
  const docs = corpusSearchDocuments(corpus);
  context.log(`search: ${docs.length} sections`);

  let carrel: SearchIndex | undefined;
  let peer: lunr.Index | undefined;
  const carrelBuild = time(() => (carrel = buildSearchIndex(docs)));
  context.log(`  Carrel index built in ${(carrelBuild / 1000).toFixed(1)} s`);
  const peerBuild = time(() => (peer = buildLunr(docs)));
  context.log(`  lunr index built in ${(peerBuild / 1000).toFixed(1)} s`);

  const carrelFile = serializeIndex(carrel!);
  const peerFile = new TextEncoder().encode(JSON.stringify(peer!));
  const carrelGzip = gzipSync(carrelFile).length;
  const peerGzip = gzipSync(peerFile).length;
  context.log(
    `  index files: Carrel ${carrelFile.length} bytes (${carrelGzip} gzipped), lunr ${peerFile.length} (${peerGzip} gzipped)`,
  );

  // From the bytes of the index file to the first results, as when a course is opened and searched.
  const first = corpus.commonQueries[0]!;
  const carrelLoads: number[] = [];
  const peerLoads: number[] = [];
  for (let run = 0; run < LOAD_RUNS; run++) {
    carrelLoads.push(time(() => search(loadSearchIndex(carrelFile), carrelQuery(first), { limit: RESULTS })));
    peerLoads.push(
      time(() => lunr.Index.load(JSON.parse(new TextDecoder().decode(peerFile)) as object).search(lunrQuery(first))),
    );
  }
  const loaded = loadSearchIndex(carrelFile);

  const queries = [...corpus.knownTargets, ...corpus.commonQueries];
  const started = performance.now();
  for (const query of queries) {
    search(loaded, carrelQuery(query), { limit: RESULTS });
    peer!.search(lunrQuery(query));
  }
  const carrelTimes: number[] = [];
  const peerTimes: number[] = [];
  const byKind = new Map<QueryKind, { carrel: number[]; peer: number[] }>();
  for (const query of queries) {
    const c = time(() => search(loaded, carrelQuery(query), { limit: RESULTS }));
    const p = time(() => peer!.search(lunrQuery(query)));
    carrelTimes.push(c);
    peerTimes.push(p);
    const kind = byKind.get(query.kind) ?? { carrel: [], peer: [] };
    kind.carrel.push(c);
    kind.peer.push(p);
    byKind.set(query.kind, kind);
  }
  context.log(`  ${queries.length} queries, each once to warm up and once measured, in ${elapsed(started)}`);
  for (const [kind, times] of byKind) {
    const p95 = (values: number[]) => percentile(values, 95).toFixed(2);
    context.log(
      `    ${kind.padEnd(9)} p95 ms: Carrel ${p95(times.carrel)}, lunr ${p95(times.peer)} (${times.carrel.length} queries)`,
    );
  }

  const found = (ids: readonly string[], query: BenchQuery) => query.targets.every((target) => ids.includes(target));
  let carrelFound = 0;
  let peerFound = 0;
  const recallByKind = new Map<QueryKind, [number, number, number]>();
  for (const query of corpus.knownTargets) {
    const c = found(
      search(loaded, carrelQuery(query), { limit: RESULTS }).map((result) => result.id),
      query,
    );
    const p = found(
      peer!
        .search(lunrQuery(query))
        .slice(0, RESULTS)
        .map((result) => result.ref),
      query,
    );
    carrelFound += Number(c);
    peerFound += Number(p);
    const counts = recallByKind.get(query.kind) ?? [0, 0, 0];
    recallByKind.set(query.kind, [counts[0] + Number(c), counts[1] + Number(p), counts[2] + 1]);
  }
  for (const [kind, [c, p, n]] of recallByKind)
    context.log(`    ${kind.padEnd(9)} recall@10: Carrel ${c}/${n}, lunr ${p}/${n}`);
  const total = corpus.knownTargets.length;

  return [
    compare(
      `search: query latency p50 (${queries.length} queries)`,
      'ms',
      percentile(carrelTimes, 50),
      PEER,
      percentile(peerTimes, 50),
      '-',
    ),
    compare(
      `search: query latency p95 (${queries.length} queries)`,
      'ms',
      percentile(carrelTimes, 95),
      PEER,
      percentile(peerTimes, 95),
      '<= 0.25',
    ),
    compare(
      'search: index file to first results (median)',
      'ms',
      median(carrelLoads),
      PEER,
      median(peerLoads),
      '<= 0.5',
    ),
    compare('search: index size, gzipped', 'bytes', carrelGzip, PEER, peerGzip, '<= 1'),
    compare(
      `search: recall@10 (${total} known-target queries)`,
      'fraction',
      carrelFound / total,
      PEER,
      peerFound / total,
      '>= 1',
    ),
    compare(`search: index build (${docs.length} sections)`, 'ms', carrelBuild, PEER, peerBuild, '-'),
  ];
}
