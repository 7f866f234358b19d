/**
 * A Worker in workerd: worker.mjs bundled by esbuild from the installed package (as wrangler
 * would), served on 127.0.0.1 on a free port, and each case POSTed to it. Every request has a
 * time limit, the wait for the server a bounded number of tries, and workerd one of its own.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { build } from 'esbuild';
import { npmBinary } from './installed.ts';
import { describeEnd, freePort, start, type Started } from './processes.ts';

const READY_TRIES = 50;
const READY_PAUSE_MS = 200;
const REQUEST_TIMEOUT_MS = 10_000;

/** Waits until the Worker answers, at most READY_TRIES times; fails at once if workerd ended. */
async function ready(origin: string, workerd: Started): Promise<void> {
  let ended = false;
  void workerd.done.then(() => (ended = true));
  for (let attempt = 0; attempt < READY_TRIES && !ended; attempt++) {
    try {
      if ((await fetch(origin, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })).ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(READY_PAUSE_MS);
  }
  throw new Error(`the Worker never answered at ${origin}: workerd ${describeEnd(await workerd.stop())}`);
}

/** The Worker's answer to each of `logs` (by name), POSTed one at a time. */
export async function workerVerdicts(
  dir: string,
  logs: Record<string, unknown>,
  timeoutMs: number,
): Promise<Record<string, unknown>> {
  const binary = npmBinary('workerd', '@cloudflare/workerd-linux-64/bin/workerd');
  const bundle = await build({
    absWorkingDir: dir,
    entryPoints: ['worker.mjs'],
    bundle: true,
    platform: 'browser',
    conditions: ['workerd', 'worker'],
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  writeFileSync(join(dir, 'worker.js'), bundle.outputFiles[0]!.text);
  const origin = `http://127.0.0.1:${await freePort()}`;
  const address = origin.slice('http://'.length);
  const workerd = start(binary, ['serve', 'workerd.capnp', '--socket-addr', `http=${address}`], {
    cwd: dir,
    timeoutMs,
  });
  try {
    await ready(origin, workerd);
    const answers: Record<string, unknown> = {};
    for (const [name, log] of Object.entries(logs)) {
      const response = await fetch(origin, {
        method: 'POST',
        body: JSON.stringify(log),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`the Worker answered ${response.status}: ${await response.text()}`);
      answers[name] = await response.json();
    }
    return answers;
  } finally {
    await workerd.stop();
  }
}
