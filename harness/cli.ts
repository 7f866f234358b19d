/**
 * The command line as tests and benchmarks run it: bundled exactly as `npm run build` does, into
 * a directory of the caller's (so nothing depends on dist/), and fed generated JSON Lines.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleNodeEntry, NODE_ENTRIES } from '../scripts/build/bundles.ts';
import { catalog, unknownTypePayload, validPayload } from './payloads.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Builds the command line into `dir` and returns the path of the bundle. */
export async function buildCli(dir: string): Promise<string> {
  const outfile = join(dir, 'cli.js');
  await bundleNodeEntry(
    ROOT,
    NODE_ENTRIES.find((entry) => entry.source === 'src/cli.ts')!,
    outfile,
  );
  return outfile;
}

/** Every this many lines, one is not JSON, and one (offset) has a type outside the catalog. */
export const MALFORMED_EVERY = 1000;

/** How the memory run calls the command line, and so what it reads back. */
export type MemoryMode =
  /** `--format json`: one report at the end. */
  | 'json'
  /** `--emit valid --format jsonl`: the valid records on standard output, a line per problem and a summary on standard error. */
  | 'emit-jsonl';

/** What a memory run measured and what the command line reported. */
export interface MemoryRun {
  lines: number;
  fileBytes: number;
  /** Peak resident set size of the command-line process, in bytes. */
  peakRss: number;
  seconds: number;
  exitCode: number | null;
  /** The counts: the JSON report, or the `summary` line of JSON Lines. */
  report: {
    records: number;
    valid: number;
    invalid: number;
    unparseable: number;
    unknownEventTypes: Record<string, number>;
  };
  /** With `emit-jsonl`: the records written to standard output (its lines, counted as they arrive). */
  emitted?: number;
  /** With `emit-jsonl`: how many lines of each `kind` standard error held. */
  kinds?: Record<string, number>;
}

/**
 * Writes `lines` lines of JSON Lines: valid logs round-robin over the catalog and, unless
 * `malformed` is false, a few malformed or of unknown type (see `MALFORMED_EVERY`).
 */
export async function writeLargeJsonLines(
  path: string,
  lines: number,
  { malformed = true }: { malformed?: boolean } = {},
): Promise<void> {
  // Every documented field filled, nothing undocumented: about 800 bytes a line, as real logs go.
  const documented = (event: (typeof catalog)[number]) =>
    JSON.stringify(validPayload(event), (key, value: unknown) => (key === 'undocumented_extra' ? undefined : value));
  const valid = catalog.map(documented);
  const unknown = JSON.stringify(unknownTypePayload(catalog[0]!));
  const out = createWriteStream(path);
  let block: string[] = [];
  for (let i = 0; i < lines; i++) {
    if (malformed && i % MALFORMED_EVERY === 1) block.push('{"id": "cut short", "type": "api_k');
    else if (malformed && i % MALFORMED_EVERY === 2) block.push(unknown);
    else block.push(valid[i % valid.length]!);
    if (block.length === 10_000 || i === lines - 1) {
      if (!out.write(block.join('\n') + '\n')) await once(out, 'drain');
      block = [];
    }
  }
  out.end();
  await once(out, 'finish');
}

/** Counts the newlines of a stream as it arrives, holding nothing. */
function countLines(stream: NodeJS.ReadableStream): Promise<number> {
  let count = 0;
  stream.on('data', (chunk: Buffer) => {
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) count++;
  });
  return once(stream, 'end').then(() => count);
}

/**
 * Writes into `dir` a script that, preloaded into a child process (`--require`), writes the
 * child's peak RSS in bytes (maxRSS is in KiB) to the file named by `PEAK_RSS_FILE` when it exits.
 */
export function writePeakRssPreload(dir: string): string {
  const preload = join(dir, 'peak-rss.cjs');
  writeFileSync(
    preload,
    `process.on('exit', () => require('node:fs').writeFileSync(process.env.PEAK_RSS_FILE, String(process.resourceUsage().maxRSS * 1024)));\n`,
  );
  return preload;
}

/** Generates the file, runs the command line on it (`--format json`, or `--emit valid --format jsonl`), and measures. */
export async function measureCliMemory(lines: number, mode: MemoryMode = 'json'): Promise<MemoryRun> {
  const dir = mkdtempSync(join(tmpdir(), 'oal-cli-memory-'));
  try {
    const cli = await buildCli(dir);
    const input = join(dir, 'large.jsonl');
    await writeLargeJsonLines(input, lines);
    const rssFile = join(dir, 'rss.txt');
    const preload = writePeakRssPreload(dir);
    const args = mode === 'json' ? ['--format', 'json'] : ['--emit', 'valid', '--format', 'jsonl'];
    const started = performance.now();
    const child = spawn(process.execPath, ['--require', preload, cli, 'validate', ...args, input], {
      env: { ...process.env, PEAK_RSS_FILE: rssFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The report: the JSON on standard output, or the JSON Lines on standard error beside the records.
    let text = '';
    const reportStream = mode === 'json' ? child.stdout : child.stderr;
    reportStream.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    if (mode === 'json') child.stderr.pipe(process.stderr);
    const emitted = mode === 'json' ? undefined : countLines(child.stdout);
    const [exitCode] = (await once(child, 'close')) as [number | null];
    const measured = {
      lines,
      fileBytes: statSync(input).size,
      peakRss: Number(readFileSync(rssFile, 'utf8')),
      seconds: (performance.now() - started) / 1000,
      exitCode,
    };
    if (mode === 'json') return { ...measured, report: JSON.parse(text) as MemoryRun['report'] };
    const reported = text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { kind: string } & MemoryRun['report']);
    const kinds: Record<string, number> = {};
    for (const line of reported) kinds[line.kind] = (kinds[line.kind] ?? 0) + 1;
    return {
      ...measured,
      report: reported.find((line) => line.kind === 'summary')!,
      emitted: await emitted!,
      kinds,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
