/**
 * A page in headless Chromium: served by the test from 127.0.0.1 under a Content-Security-Policy
 * without 'unsafe-eval', loading the package bundled by esbuild from the installed package. The
 * page POSTs what it found (its result, the policy violations and the uncaught errors it
 * counted) and Chromium is then stopped.
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from './installed.ts';
import { describeEnd, start } from './processes.ts';

/** Scripts only from the page's own origin: no inline script, no eval, no `new Function`. */
export const POLICY = "default-src 'none'; script-src 'self'; connect-src 'self'";

/** The flags that run Chromium here: headless, and no connection of its own to anywhere. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** What a page POSTs. */
export interface PageReport {
  result: unknown;
  violations: string[];
  errors: string[];
}

const CONTENT_TYPES: Record<string, string> = { html: 'text/html', js: 'text/javascript', json: 'application/json' };

/** The page's module, bundled for the browser from the consumer's installed package. */
export async function bundlePage(dir: string): Promise<string> {
  const bundle = await build({
    absWorkingDir: dir,
    entryPoints: ['page.mjs'],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  return bundle.outputFiles[0]!.text;
}

/** Serves the consumer's files (and `extra` ones) under the policy; resolves `reported` with the first POST. */
function servePage(dir: string, extra: Record<string, string>) {
  let report: (body: string) => void = () => undefined;
  const reported = new Promise<string>((resolve) => (report = resolve));
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const name = (request.url ?? '/').slice(1).split('?')[0]!;
    if (request.method === 'POST' && name === 'result') {
      let body = '';
      request.setEncoding('utf8').on('data', (text: string) => (body += text));
      request.on('end', () => (response.end(), report(body)));
      return;
    }
    let content: string;
    try {
      content = extra[name] ?? readFileSync(join(dir, name), 'utf8');
    } catch {
      response.writeHead(404).end();
      return;
    }
    const type = CONTENT_TYPES[name.split('.').pop()!] ?? 'application/octet-stream';
    response.writeHead(200, { 'content-type': type, 'content-security-policy': POLICY }).end(content);
  });
  server.listen(0, '127.0.0.1');
  return { server, reported };
}

/**
 * Opens `page` (a file of the consumer, such as `index.html`) in headless Chromium and returns
 * what it POSTed; fails when Chromium ends or `timeoutMs` passes first.
 */
export async function visit(
  dir: string,
  page: string,
  extra: Record<string, string>,
  timeoutMs: number,
): Promise<PageReport> {
  const binary = chromium();
  const { server, reported } = servePage(dir, extra);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const profile = join(dir, `chromium-profile-${page}`);
  const browser = start(binary, [...FLAGS, `--user-data-dir=${profile}`, `http://127.0.0.1:${port}/${page}`], {
    cwd: dir,
    timeoutMs,
  });
  try {
    const body = await Promise.race([
      reported,
      browser.done.then((end) => Promise.reject(new Error(`Chromium ${describeEnd(end)}`))),
    ]);
    return JSON.parse(body) as PageReport;
  } finally {
    await browser.stop();
    server.closeAllConnections();
    server.close();
  }
}
