/**
 * Bounded memory on a generated 1,000,000-line JSON Lines file, run as a quarantine filter
 * (`--emit valid --format jsonl`): the command line's peak resident memory stays a small fraction
 * of the file, and every line is accounted for from what it printed: the valid records it wrote
 * (counted as they arrive), one problem line per invalid or unparseable record, and the summary.
 * The peak is printed; time is not asserted (bench/cli-memory.ts reports it).
 */
import { expect, it } from 'vitest';
import { MALFORMED_EVERY, measureCliMemory } from '../../../harness/cli.ts';

const LINES = 1_000_000;
const MIB = 1024 * 1024;

it(`validates ${LINES.toLocaleString('en-US')} lines in bounded memory, accounting for each`, async () => {
  const run = await measureCliMemory(LINES, 'emit-jsonl');
  console.log(
    `peak RSS ${(run.peakRss / MIB).toFixed(1)} MiB for ${(run.fileBytes / MIB).toFixed(1)} MiB of JSON Lines (${LINES} lines, --emit valid --format jsonl)`,
  );
  const broken = LINES / MALFORMED_EVERY;
  const { records, valid, invalid, unparseable } = run.report;
  expect({
    code: run.exitCode,
    counts: [records, valid, invalid, unparseable],
    accounted: valid + invalid + unparseable === records,
    emitted: run.emitted,
    // One line per problem (the unknown types are invalid only by their type), then the summary.
    kinds: run.kinds,
    peakBelow256MiB: run.peakRss < 256 * MIB,
    fileAtLeast4xPeak: run.fileBytes > 4 * run.peakRss,
  }).toEqual({
    code: 1,
    counts: [LINES, LINES - 2 * broken, broken, broken],
    accounted: true,
    emitted: LINES - 2 * broken,
    kinds: { unparseable: broken, 'unknown-type': broken, summary: 1 },
    peakBelow256MiB: true,
    fileAtLeast4xPeak: true,
  });
});
