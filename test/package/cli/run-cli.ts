/**
 * Runs the bundled command line as a child process: each test file bundles it once into its own
 * temporary directory (`buildCli` of harness/cli.ts) and writes its inputs there.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { catalog, validPayload } from '../../../harness/payloads.ts';
import { buildCli, writePeakRssPreload } from '../../../harness/cli.ts';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory of the child in bytes, when asked for. */
  peakRss?: number;
}

export interface CliWorkspace {
  dir: string;
  /** Writes `content` to `name` in the workspace and returns its path. */
  write(name: string, content: string | Buffer): string;
  /** Runs `openai-audit-logs ...args` in the workspace, with `stdin` piped in (nothing by default). */
  run(args: readonly string[], options?: { stdin?: string | Buffer; measureRss?: boolean }): Promise<CliRun>;
}

/** Bundles the CLI before the file's tests and removes the workspace after them. */
export function useCliWorkspace(): CliWorkspace {
  let dir = '';
  let cli = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'oal-cli-'));
    cli = await buildCli(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let runs = 0;
  return {
    get dir() {
      return dir;
    },
    write(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    async run(args, options = {}) {
      const rssFile = join(dir, `rss-${++runs}.txt`);
      const preload = options.measureRss ? ['--require', writePeakRssPreload(dir)] : [];
      const child = spawn(process.execPath, [...preload, cli, ...args], {
        cwd: dir,
        env: { ...process.env, PEAK_RSS_FILE: rssFile },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
      child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
      child.stdin.on('error', () => {}); // the CLI may exit (usage error) before reading it all
      child.stdin.end(options.stdin ?? '');
      const [code] = (await once(child, 'close')) as [number | null];
      return {
        code,
        stdout,
        stderr,
        ...(options.measureRss ? { peakRss: Number(readFileSync(rssFile, 'utf8')) } : {}),
      };
    },
  };
}

/** One valid log per catalog event, each a line of JSON. */
export const validLines = (): string[] => catalog.map((event) => JSON.stringify(validPayload(event)));

/** The JSON report's counts, for comparing a run with what is wanted. */
export interface Counts {
  code: number | null;
  records: number;
  valid: number;
  invalid: number;
  unparseable: number;
}

/** Runs with `--format json` and keeps the exit code and the counts. */
export async function counts(
  workspace: CliWorkspace,
  args: readonly string[],
  stdin?: string | Buffer,
): Promise<Counts> {
  const run = await workspace.run(['validate', '--format', 'json', ...args], stdin === undefined ? {} : { stdin });
  const report = JSON.parse(run.stdout) as Omit<Counts, 'code'>;
  return {
    code: run.code,
    records: report.records,
    valid: report.valid,
    invalid: report.invalid,
    unparseable: report.unparseable,
  };
}
