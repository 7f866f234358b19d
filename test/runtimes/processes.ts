/**
 * Child processes of the runtimes project, each bounded in time: killed (with its process group,
 * for browsers that start helpers) when it outlives its limit, and reported with what it printed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Whether it was killed for outliving its limit. */
  timedOut: boolean;
}

export interface Started {
  child: ChildProcess;
  /** Resolves when the process has ended, by itself or by `stop`. */
  done: Promise<Finished>;
  /** Kills the process and its group, and waits for it to end. */
  stop(): Promise<Finished>;
}

/** Starts `command` in a process group of its own, killed after `timeoutMs` at the latest. */
export function start(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number },
): Started {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const kill = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  const timer = setTimeout(() => {
    timedOut = true;
    kill();
  }, options.timeoutMs);
  const done = Promise.race([
    once(child, 'close'),
    once(child, 'error').then(([error]) => Promise.reject(error as Error)),
  ]).then(
    ([code, signal]) => ({
      code: code as number | null,
      signal: signal as NodeJS.Signals | null,
      stdout,
      stderr,
      timedOut,
    }),
    (error: unknown) => ({ code: null, signal: null, stdout, stderr: `${stderr}${String(error)}`, timedOut }),
  );
  void done.finally(() => clearTimeout(timer));
  return {
    child,
    done,
    stop: () => {
      kill();
      return done;
    },
  };
}

/** Runs `command` to its end (or its limit) and returns what it printed, failing unless it exited 0. */
export async function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<string> {
  const finished = await start(command, args, options).done;
  if (finished.code !== 0) throw new Error(`${command} ${args.join(' ')} ${describeEnd(finished)}`);
  return finished.stdout;
}

/** How a process ended, with what it printed, for a failure message. */
export function describeEnd({ code, signal, stdout, stderr, timedOut }: Finished): string {
  const how = timedOut ? 'was killed at its time limit' : signal ? `was killed by ${signal}` : `exited ${String(code)}`;
  return `${how}\n--- stdout\n${stdout.slice(-4000)}\n--- stderr\n${stderr.slice(-4000)}`;
}

/** A port free on 127.0.0.1 a moment ago (the OS's choice), for a server that cannot be handed a socket. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}
