/**
 * `npm run bench`: every benchmark, with its peer measured side by side in the same run.
 *
 *   npm run bench                  a readable table (progress on stderr)
 *   npm run bench -- --json        one JSON object { "comparisons": [...] } on stdout
 *   npm run bench -- --only search only the named groups (comma-separated)
 *
 * A group of comparisons is a module under comparisons/ registered in GROUPS below. When more
 * than one group runs, each runs in a process of its own (see runInOwnProcess).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createContext, meetsTarget, type Comparison, type ComparisonGroup } from './comparison.js';
import { compileComparisons } from './comparisons/compile.js';
import { searchComparisons } from './comparisons/search.js';
import { storageComparisons } from './comparisons/storage.js';

const GROUPS: ComparisonGroup[] = [
  { name: 'search', run: searchComparisons },
  { name: 'compile', run: compileComparisons },
  { name: 'storage', run: storageComparisons },
];

function parseArguments(argv: readonly string[]): { json: boolean; only: Set<string> | undefined } {
  let json = false;
  let only: Set<string> | undefined;
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i]!;
    if (argument === '--json') json = true;
    else if (argument === '--only' || argument.startsWith('--only=')) {
      const value = argument === '--only' ? argv[++i] : argument.slice('--only='.length);
      if (!value) throw new Error('--only needs a comma-separated list of groups.');
      only = new Set(value.split(','));
      const unknown = [...only].filter((name) => !GROUPS.some((group) => group.name === name));
      if (unknown.length > 0) {
        throw new Error(
          `Unknown benchmark group ${unknown.join(', ')}; known: ${GROUPS.map((g) => g.name).join(', ')}.`,
        );
      }
    } else throw new Error(`Unknown argument ${argument}; use --json and --only GROUP[,GROUP].`);
  }
  return { json, only };
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(3);
}

function printTable(comparisons: readonly Comparison[]): void {
  const header = ['comparison', 'unit', 'carrel', 'peer', 'peer value', 'ratio', 'target', 'met'];
  const rows = comparisons.map((c) => {
    const met = meetsTarget(c.ratio, c.target);
    return [
      c.name,
      c.unit,
      formatNumber(c.carrel),
      c.peer,
      formatNumber(c.peerValue),
      formatNumber(c.ratio),
      c.target,
      met === undefined ? '' : met ? 'yes' : 'NO',
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ');
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
}

/**
 * Runs one group in a process of its own and returns its comparisons, so that what one group
 * leaves in memory cannot slow the next: each figure is the same whichever groups run with it.
 */
function runInOwnProcess(group: ComparisonGroup): Comparison[] {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--only', group.name, '--json'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 },
  );
  if (child.status !== 0) throw new Error(`The ${group.name} benchmarks failed (exit ${child.status}).`);
  return (JSON.parse(child.stdout) as { comparisons: Comparison[] }).comparisons;
}

async function main(): Promise<void> {
  const { json, only } = parseArguments(process.argv.slice(2));
  const context = createContext((message) => process.stderr.write(`${message}\n`));
  const groups = GROUPS.filter((group) => !only || only.has(group.name));
  const comparisons: Comparison[] = [];
  for (const group of groups) {
    if (groups.length > 1) {
      comparisons.push(...runInOwnProcess(group));
      continue;
    }
    context.log(`== ${group.name}`);
    comparisons.push(...(await group.run(context)));
  }
  if (json) console.log(JSON.stringify({ comparisons }, null, 2));
  else printTable(comparisons);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
