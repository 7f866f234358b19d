/**
 * Bounded memory of `openai-audit-logs validate` on a large JSON Lines file: generates a file of
 * valid logs of every catalogue type (with malformed lines and unknown types mixed in), runs the
 * bundled command line on it and reports the child's peak resident memory.
 *
 *     npx tsx bench/cli-memory.ts [LINES]      (default 1,000,000)
 *
 * test/cli/memory.test.ts runs the same measurement and bounds the peak; this script prints it.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildCli } from '../test/cli/build-cli.ts';
import { catalogue, validPayload } from '../test/support/payloads.ts';

/** Every this many lines, one is not JSON, and one (offset) has a type outside the catalogue. */
export const MALFORMED_EVERY = 1000;

export interface MemoryRun {
  lines: number;
  fileBytes: number;
  /** Peak resident set size of the command-line process, in bytes. */
  peakRss: number;
  seconds: number;
  exitCode: number | null;
  report: { records: number; valid: number; invalid: number; unparseable: number; unknownEventTypes: Record<string, number> };
}

/** Writes `lines` lines of JSON Lines: valid logs round-robin over the catalogue, a few malformed or of unknown type. */
export async function writeLargeJsonLines(path: string, lines: number): Promise<void> {
  const valid = catalogue.map((event) => JSON.stringify(validPayload(event)));
  const unknown = JSON.stringify({ ...validPayload(catalogue[0]!), type: `${catalogue[0]!.type}.renamed` });
  const out = createWriteStream(path);
  let block: string[] = [];
  for (let i = 0; i < lines; i++) {
    if (i % MALFORMED_EVERY === 1) block.push('{"id": "cut short", "type": "api_k');
    else if (i % MALFORMED_EVERY === 2) block.push(unknown);
    else block.push(valid[i % valid.length]!);
    if (block.length === 10_000 || i === lines - 1) {
      if (!out.write(block.join('\n') + '\n')) await once(out, 'drain');
      block = [];
    }
  }
  out.end();
  await once(out, 'finish');
}

/** Generates the file, runs the command line on it with `--format json`, and measures. */
export async function measureCliMemory(lines: number): Promise<MemoryRun> {
  const dir = mkdtempSync(join(tmpdir(), 'oal-cli-memory-'));
  try {
    const cli = await buildCli(dir);
    const input = join(dir, 'large.jsonl');
    await writeLargeJsonLines(input, lines);
    // Preloaded into the child: writes its peak RSS (maxRSS is in KiB) when it exits.
    const rssFile = join(dir, 'rss.txt');
    const preload = join(dir, 'peak-rss.cjs');
    writeFileSync(
      preload,
      `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS * 1024)));\n`,
    );
    const started = performance.now();
    const child = spawn(process.execPath, ['--require', preload, cli, 'validate', '--format', 'json', input], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    const [exitCode] = (await once(child, 'close')) as [number | null];
    return {
      lines,
      fileBytes: statSync(input).size,
      peakRss: Number(readFileSync(rssFile, 'utf8')),
      seconds: (performance.now() - started) / 1000,
      exitCode,
      report: JSON.parse(stdout) as MemoryRun['report'],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

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
