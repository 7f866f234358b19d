/** What the benchmark and the scaling run share: where things are, the timing loop, the agreement check. */
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import type * as Runtime from '../src/index.ts';
import type { Validator } from './baselines.ts';
import { importBundle } from '../harness/bundle.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface Row {
  name: string;
  corpus: 'valid' | 'invalid';
  nsPerEvent: number;
  /** Relative margin of error of the mean in the kept round, percent. */
  rme: number;
}

export function machine() {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

export const loadRuntime = () => importBundle<typeof Runtime>("export * from './src/index.ts';", ROOT);

/**
 * Times `fn` over each corpus; ns per event = median time per pass / corpus length. The machine
 * may be shared, so every task runs in `rounds` interleaved rounds and keeps its best median.
 */
export async function measure(
  tasks: { name: string; fn: Validator; corpora?: ('valid' | 'invalid')[] }[],
  corpora: Record<'valid' | 'invalid', unknown[]>,
  { time = 500, rounds = 3 } = {},
): Promise<Row[]> {
  const best = new Map<string, Row>();
  let sink = 0;
  for (let round = 0; round < rounds; round++) {
    const bench = new Bench({ time, warmupTime: 200, iterations: 10 });
    for (const task of tasks) {
      for (const corpus of task.corpora ?? (['valid', 'invalid'] as const)) {
        const items = corpora[corpus];
        bench.add(`${task.name}\0${corpus}`, () => {
          for (let i = 0; i < items.length; i++) if (task.fn(items[i])) sink++;
        });
      }
    }
    await bench.run();
    for (const task of bench.tasks) {
      const [name, corpus] = task.name.split('\0') as [string, 'valid' | 'invalid'];
      const result = task.result;
      if (result.state !== 'completed') throw new Error(`${name} (${corpus}): ${result.state}`);
      const row = {
        name,
        corpus,
        nsPerEvent: (result.latency.p50 * 1e6) / corpora[corpus].length,
        rme: result.latency.rme,
      };
      const previous = best.get(task.name);
      if (!previous || row.nsPerEvent < previous.nsPerEvent) best.set(task.name, row);
    }
  }
  if (sink < 0) console.log(sink);
  return [...best.values()];
}

/** Verdicts of `fn` must equal the reference's on every payload, or the timing means nothing. */
export function assertAgreement(name: string, fn: Validator, reference: Validator, payloads: unknown[]): void {
  const disagree = payloads.filter((payload) => fn(payload) !== reference(payload));
  if (disagree.length > 0) {
    throw new Error(
      `${name} disagrees with validateAuditLog on ${disagree.length} payloads, e.g. ${JSON.stringify(disagree[0])}`,
    );
  }
}
