/**
 * Speed of `openai-audit-logs validate --quiet` against the least a Node program can do with the
 * same file: a minimal readline + JSON.parse script that parses every line and counts. Generates
 * a JSON Lines file of valid logs of every catalog type, bundles the command line as `npm run
 * build` does, and runs both on the file in turns (which one goes first alternates every round),
 * reporting the median wall times and their ratio. The target is a ratio of at most 1.0: checking
 * every record costs no more than reading the file the obvious way without checking anything.
 *
 *     npx tsx bench/cli-speed.ts [LINES] [--rounds N]      (default 300,000 lines, 7 rounds)
 *
 * Wall times include starting Node, as a user waits for both.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildCli, writeLargeJsonLines } from '../harness/cli.ts';

/** What `validate --quiet` must not exceed, as a multiple of the baseline's median wall time. */
export const TARGET_RATIO = 1.0;

/** The baseline: read line by line with readline, `JSON.parse` every line, count. Nothing else. */
export const BASELINE_SCRIPT = `import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

let records = 0;
const lines = createInterface({ input: createReadStream(process.argv[2]), crlfDelay: Infinity });
lines.on('line', (line) => {
  JSON.parse(line);
  records++;
});
lines.on('close', () => console.log(records));
`;

/** How `runCliSpeed` measures. */
export interface CliSpeedOptions {
  /** Lines of the generated file. */
  lines?: number;
  /** Rounds, each running both once (after one unmeasured warm-up run of each). */
  rounds?: number;
  /** Progress, one line per run. */
  log?: (line: string) => void;
}

/** The wall times of one program. */
export interface Timings {
  /** Wall times in seconds, in the order they were run. */
  runs: number[];
  median: number;
  min: number;
}

/** What `runCliSpeed` measured. */
export interface CliSpeedResult {
  lines: number;
  fileBytes: number;
  rounds: number;
  node: string;
  cli: Timings;
  baseline: Timings;
  /** `cli.median / baseline.median`. */
  ratio: number;
  /** `cli.min / baseline.min`: the same comparison, less sensitive to a busy machine. */
  minRatio: number;
  target: number;
  met: boolean;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export const timings = (runs: number[]): Timings => ({ runs, median: median(runs), min: Math.min(...runs) });

/** Runs `node ...args`, returning its wall time in seconds; throws unless it exits with `code` and prints `stdout`. */
export async function timed(args: string[], want: { code: number; stdout: string }): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  const [code] = (await once(child, 'close')) as [number | null];
  const seconds = (performance.now() - started) / 1000;
  if (code !== want.code || stdout !== want.stdout)
    throw new Error(`node ${args.join(' ')}: exit code ${code}, printed ${JSON.stringify(stdout.slice(0, 200))}`);
  return seconds;
}

/** Generates the file, bundles the command line, and times both programs in alternating turns. */
export async function runCliSpeed(options: CliSpeedOptions = {}): Promise<CliSpeedResult> {
  const lines = options.lines ?? 300_000;
  const rounds = options.rounds ?? 7;
  const log = options.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'oal-cli-speed-'));
  try {
    const cli = await buildCli(dir);
    const baseline = join(dir, 'readline-baseline.mjs');
    writeFileSync(baseline, BASELINE_SCRIPT);
    const input = join(dir, 'logs.jsonl');
    // Valid logs only: both programs read the same lines and the command line exits 0.
    await writeLargeJsonLines(input, lines, { malformed: false });
    const runCli = () => timed([cli, 'validate', '--quiet', input], { code: 0, stdout: '' });
    const runBaseline = () => timed([baseline, input], { code: 0, stdout: `${lines}\n` });
    // Warm-up: the file into the page cache, both programs checked.
    await runCli();
    await runBaseline();
    const cliRuns: number[] = [];
    const baselineRuns: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? (['cli', 'baseline'] as const) : (['baseline', 'cli'] as const);
      for (const which of order) {
        const seconds = which === 'cli' ? await runCli() : await runBaseline();
        (which === 'cli' ? cliRuns : baselineRuns).push(seconds);
        log(`round ${round + 1}/${rounds}: ${which.padEnd(8)} ${seconds.toFixed(2)} s`);
      }
    }
    const cliTimes = timings(cliRuns);
    const baselineTimes = timings(baselineRuns);
    const ratio = cliTimes.median / baselineTimes.median;
    return {
      lines,
      fileBytes: statSync(input).size,
      rounds,
      node: process.version,
      cli: cliTimes,
      baseline: baselineTimes,
      ratio,
      minRatio: cliTimes.min / baselineTimes.min,
      target: TARGET_RATIO,
      met: ratio <= TARGET_RATIO,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The result for people: one line per figure. */
export function formatCliSpeed(result: CliSpeedResult): string {
  const mib = (result.fileBytes / (1024 * 1024)).toFixed(1);
  const runs = (t: Timings) => t.runs.map((s) => s.toFixed(2)).join(' ');
  return [
    `input:     ${result.lines.toLocaleString('en-US')} lines of JSON Lines (${mib} MiB), ${result.rounds} rounds, Node ${result.node}`,
    `cli:       median ${result.cli.median.toFixed(2)} s, min ${result.cli.min.toFixed(2)} s   (openai-audit-logs validate --quiet; ${runs(result.cli)})`,
    `baseline:  median ${result.baseline.median.toFixed(2)} s, min ${result.baseline.min.toFixed(2)} s   (readline + JSON.parse; ${runs(result.baseline)})`,
    `ratio:     ${result.ratio.toFixed(3)} of the baseline's median (min/min ${result.minRatio.toFixed(3)}); target <= ${result.target.toFixed(1)}: ${result.met ? 'met' : 'NOT met'}`,
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const roundsAt = args.indexOf('--rounds');
  const rounds = roundsAt === -1 ? undefined : Number(args[roundsAt + 1]);
  const positional = args.filter((arg, i) => !arg.startsWith('--') && (roundsAt === -1 || i !== roundsAt + 1));
  const lines = positional[0] === undefined ? undefined : Number(positional[0]);
  const result = await runCliSpeed({ lines, rounds, log: (line) => console.error(line) });
  console.log(formatCliSpeed(result));
  process.exitCode = result.met ? 0 : 1;
}
