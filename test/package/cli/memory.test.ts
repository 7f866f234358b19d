/**
 * Bounded memory on a generated 1,000,000-line JSON Lines file: the command line's peak
 * resident memory stays a small fraction of the file, and every line is accounted for. The peak
 * is printed; time is not asserted (bench/cli-memory.ts reports it).
 */
import { expect, it } from 'vitest';
import { MALFORMED_EVERY, measureCliMemory } from '../../../harness/cli.ts';

const LINES = 1_000_000;
const MIB = 1024 * 1024;

it(`validates ${LINES.toLocaleString('en-US')} lines in bounded memory`, async () => {
  const run = await measureCliMemory(LINES);
  console.log(
    `peak RSS ${(run.peakRss / MIB).toFixed(1)} MiB for ${(run.fileBytes / MIB).toFixed(1)} MiB of JSON Lines (${LINES} lines)`,
  );
  const broken = LINES / MALFORMED_EVERY;
  expect({
    code: run.exitCode,
    counts: [run.report.records, run.report.valid, run.report.invalid, run.report.unparseable],
    peakBelow256MiB: run.peakRss < 256 * MIB,
    fileAtLeast4xPeak: run.fileBytes > 4 * run.peakRss,
  }).toEqual({
    code: 1,
    counts: [LINES, LINES - 2 * broken, broken, broken],
    peakBelow256MiB: true,
    fileAtLeast4xPeak: true,
  });
});
