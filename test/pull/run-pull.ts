/**
 * `openai-audit-logs pull` as a process: each test file bundles the command once (harness/cli.ts)
 * into its own temporary directory and runs it there against a local server. Every run is
 * bounded: it is killed if it outlives `timeoutMs`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { buildCli } from '../../harness/cli.ts';

export const KEY = 'sk-admin-PROCESS-fedcba9876543210';

export interface PullRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface PullWorkspace {
  dir: string;
  path(name: string): string;
  read(name: string): string;
  /** Starts `openai-audit-logs pull ...args` in the workspace with `OPENAI_ADMIN_KEY` (unless `env` replaces it). */
  start(
    args: readonly string[],
    env?: Record<string, string | undefined>,
  ): { child: ChildProcess; done: Promise<PullRun> };
  run(args: readonly string[], env?: Record<string, string | undefined>, timeoutMs?: number): Promise<PullRun>;
}

export function usePullWorkspace(): PullWorkspace {
  let dir = '';
  let cli = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'oal-pull-'));
    cli = await buildCli(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const workspace: PullWorkspace = {
    get dir() {
      return dir;
    },
    path: (name) => join(dir, name),
    read: (name) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : ''),
    start(args, env = {}) {
      const child = spawn(process.execPath, [cli, 'pull', ...args], {
        cwd: dir,
        env: { ...process.env, OPENAI_ADMIN_KEY: KEY, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
      child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
      const done = once(child, 'close').then(([code, signal]) => ({
        code: code as number | null,
        signal: signal as NodeJS.Signals | null,
        stdout,
        stderr,
      }));
      return { child, done };
    },
    async run(args, env, timeoutMs = 30_000) {
      const { child, done } = workspace.start(args, env);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      try {
        return await done;
      } finally {
        clearTimeout(timer);
      }
    },
  };
  return workspace;
}

/** The ids of a file of JSON Lines, in order; throws on a line that is not JSON (a torn write). */
export const idsOfLines = (text: string): string[] =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (JSON.parse(line) as { id: string }).id);
