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
import { catalog, validPayload } from './payloads.ts';

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

export interface MemoryRun {
  lines: number;
  fileBytes: number;
  /** Peak resident set size of the command-line process, in bytes. */
  peakRss: number;
  seconds: number;
  exitCode: number | null;
  report: {
    records: number;
    valid: number;
    invalid: number;
    unparseable: number;
    unknownEventTypes: Record<string, number>;
  };
}

/** Writes `lines` lines of JSON Lines: valid logs round-robin over the catalog, a few malformed or of unknown type. */
export async function writeLargeJsonLines(path: string, lines: number): Promise<void> {
  const valid = catalog.map((event) => JSON.stringify(validPayload(event)));
  const unknown = JSON.stringify({ ...validPayload(catalog[0]!), type: `${catalog[0]!.type}.renamed` });
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
    const child = spawn(process.execPath, ['--require', preload, cli, 'validate', '--format', 'json', input], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
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
