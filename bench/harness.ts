/** What the benchmark and the scaling run share: where things are, the timing loop, the agreement count, targets. */
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Bench } from 'tinybench';
import type * as Runtime from '../src/index.ts';
import type { Validator } from './baselines.ts';
import type { Machine, TargetResult } from '../harness/bench-results.ts';
import { importBundle } from '../harness/bundle.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface Row {
  name: string;
  corpus: 'valid' | 'invalid';
  nsPerEvent: number;
  /** Relative margin of error of the mean in the kept round, percent. */
  rme: number;
  /** Each round's median, ns per event, in round order. */
  rounds: number[];
}

/**
 * A full garbage collection, run before each task is timed: otherwise a task pays for the
 * garbage of the one before it (validateAuditLog on invalid logs allocates every error), and
 * on 2 busy cores the concurrent marking that garbage starts shows in the next task's figure.
 */
const collectGarbage = ((): (() => void) => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

/** Interleaved rounds per run: each task keeps its best median. */
export const ROUNDS = 3;

export function machine(): Machine {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

export const loadRuntime = () => importBundle<typeof Runtime>("export * from './src/index.ts';", ROOT);

type Corpus = 'valid' | 'invalid';

export interface Task {
  name: string;
  fn: Validator;
  /** Which corpora to time it on; both by default. */
  corpora?: Corpus[];
  /** Its own corpora (the scale run times several catalogs in one run); the shared ones by default. */
  data?: Record<Corpus, unknown[]>;
}

/**
 * Times every task over each corpus; ns per event = median time per pass / corpus length. The
 * machine may be shared, so all tasks run in `rounds` interleaved rounds (every task once per
 * round, in order) and each keeps its best median: a disturbance hits one round of every task
 * alike rather than all rounds of one task. Every round's median is kept too (`rounds`).
 */
export async function measure(
  tasks: Task[],
  corpora: Record<Corpus, unknown[]>,
  { time = 500, rounds = ROUNDS } = {},
): Promise<Row[]> {
  const best = new Map<string, Row>();
  let sink = 0;
  for (let round = 0; round < rounds; round++) {
    for (const task of tasks) {
      for (const corpus of task.corpora ?? (['valid', 'invalid'] as const)) {
        const items = (task.data ?? corpora)[corpus];
        const fn = task.fn;
        // One task per Bench, so that each is warmed up right before it is timed: tinybench warms
        // every task of a Bench first, and the first one timed then ran ~30% slower while V8
        // was still compiling the others in the background (2 cores).
        const bench = new Bench({ time, warmupTime: 200, warmupIterations: 3, iterations: 10 });
        bench.add(task.name, () => {
          for (let i = 0; i < items.length; i++) if (fn(items[i])) sink++;
        });
        collectGarbage();
        await bench.run();
        const result = bench.tasks[0]!.result;
        if (result.state !== 'completed') throw new Error(`${task.name} (${corpus}): ${result.state}`);
        const nsPerEvent = (result.latency.p50 * 1e6) / items.length;
        const key = `${task.name}\0${corpus}`;
        const previous = best.get(key);
        const all = [...(previous?.rounds ?? []), nsPerEvent];
        if (!previous || nsPerEvent < previous.nsPerEvent) {
          best.set(key, { name: task.name, corpus, nsPerEvent, rme: result.latency.rme, rounds: all });
        } else previous.rounds = all;
      }
    }
  }
  if (sink < 0) console.log(sink);
  return [...best.values()];
}

/**
 * How many payloads `fn` judges differently from the reference. A peer that disagrees is
 * reported with this count and left out of the ranking: its timing is not of the same contract.
 * A peer that throws disagrees too (the contract never throws).
 */
export function countDisagreements(fn: Validator, reference: Validator, payloads: unknown[]): number {
  let count = 0;
  for (const payload of payloads) {
    let verdict: boolean | 'threw';
    try {
      verdict = fn(payload);
    } catch {
      verdict = 'threw';
    }
    if (verdict !== reference(payload)) count++;
  }
  return count;
}

/** `want` is `<= x` or `>= x`; a value that cannot be computed (nothing to compare) is neither met nor missed. */
export function target(name: string, value: number | null, want: string, note?: string): TargetResult {
  const [op, bound] = want.split(' ') as ['<=' | '>=', string];
  const met = value === null ? null : op === '<=' ? value <= Number(bound) : value >= Number(bound);
  return {
    target: name,
    want,
    value: value === null ? null : Number(value.toFixed(2)),
    met,
    ...(note === undefined ? {} : { note }),
  };
}

/** The file of `--json FILE`, resolved from the working directory, if given. */
export function jsonFile(argv: readonly string[]): string | undefined {
  const at = argv.indexOf('--json');
  if (at === -1) return undefined;
  const file = argv[at + 1];
  if (file === undefined || file.startsWith('--')) throw new Error('npm run bench: --json needs a file');
  return resolve(process.cwd(), file);
}
