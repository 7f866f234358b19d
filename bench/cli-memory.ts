/**
 * Bounded memory of `openai-audit-logs validate` on a large JSON Lines file: generates a file of
 * valid logs of every catalog type (with malformed lines and unknown types mixed in), runs the
 * bundled command line on it and reports the child's peak resident memory.
 *
 *     npx tsx bench/cli-memory.ts [LINES]      (default 1,000,000)
 *
 * test/package/cli/memory.test.ts runs the same measurement and bounds the peak; this script prints it.
 */
import { pathToFileURL } from 'node:url';
import { measureCliMemory } from '../harness/cli.ts';

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const lines = Number(process.argv[2] ?? 1_000_000);
  const run = await measureCliMemory(lines);
  const mib = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  console.log(
    [
      `lines:        ${run.lines.toLocaleString('en-US')} (${mib(run.fileBytes)})`,
      `records:      ${run.report.records.toLocaleString('en-US')} (${run.report.valid} valid, ${run.report.invalid} invalid, ${run.report.unparseable} unparseable)`,
      `peak RSS:     ${mib(run.peakRss)}`,
      `wall time:    ${run.seconds.toFixed(1)} s (${Math.round(run.lines / run.seconds).toLocaleString('en-US')} lines/s, including start-up)`,
      `exit code:    ${run.exitCode}`,
    ].join('\n'),
  );
}
