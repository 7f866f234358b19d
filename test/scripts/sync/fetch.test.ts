/**
 * `npm run sync -- <URL>` and `--latest` against a document served from a local HTTP server on
 * 127.0.0.1 (started here, closed after the tests; every request it answers is counted). Only
 * loopback addresses may be read over plain http://; a host that cannot be reached exits 2 with a
 * message saying so.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { LATEST_OPENAPI_URL } from '../../../scripts/shared/audit-log-api.ts';
import { isLoopback, MAX_REDIRECTS } from '../../../scripts/sync/fetch-document.ts';
import { sync } from '../../../scripts/sync/sync.ts';
import { runCases } from '../../support/cases.ts';
import { CHANGED, ROOT } from './support.ts';

const OWN = readFileSync(`${ROOT}generated/openapi.json`, 'utf8');
/** What the server serves, by path. */
const ROUTES: Record<string, { status: number; body?: string; location?: string }> = {
  '/openapi.json': { status: 200, body: OWN },
  '/openapi.yaml': { status: 200, body: stringify(JSON.parse(OWN)) },
  '/changed.json': { status: 200, body: readFileSync(CHANGED, 'utf8') },
  '/moved': { status: 301, location: '/openapi.yaml' },
  '/loop': { status: 302, location: '/loop' },
  '/to-elsewhere': { status: 302, location: 'http://example.com/openapi.yaml' },
  '/gone': { status: 404 },
};
/** More requests than the tests can make means a loop that is not bounded. */
const MAX_REQUESTS = 100;

let server: Server;
let base: string;
let requests = 0;
/** A port of 127.0.0.1 nothing listens on (one just closed): what offline looks like, without a network. */
let closedPort: number;

beforeAll(async () => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  server = createServer((request, response) => {
    if (++requests > MAX_REQUESTS) {
      response.writeHead(429).end();
      return;
    }
    const route = ROUTES[request.url ?? ''] ?? { status: 404 };
    response.writeHead(route.status, route.location ? { location: route.location } : {});
    response.end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function run(argv: string[], latestUrl?: string): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const code = await sync(argv, (line) => lines.push(line), latestUrl === undefined ? {} : { latestUrl });
  return { code, output: lines.join('\n') };
}

describe('a document read over the network', () => {
  runCases(
    [
      [
        'JSON, in sync',
        { given: { path: '/openapi.json', says: 'is in sync with http://127.0.0.1' }, want: { code: 0, said: true } },
      ],
      [
        'YAML, in sync',
        { given: { path: '/openapi.yaml', says: 'is in sync with http://127.0.0.1' }, want: { code: 0, said: true } },
      ],
      [
        'a document that differs',
        { given: { path: '/changed.json', says: 'Event types added (2)' }, want: { code: 1, said: true } },
      ],
      ['through a redirect', { given: { path: '/moved', says: '/moved' }, want: { code: 0, said: true } }],
      [
        'a redirect loop: bounded',
        { given: { path: '/loop', says: `redirects more than ${MAX_REDIRECTS} times` }, want: { code: 2, said: true } },
      ],
      [
        'a redirect to plain http:// elsewhere: refused before any request to it',
        {
          given: {
            path: '/to-elsewhere',
            says: 'plain http:// is accepted for loopback addresses only (example.com is not one)',
          },
          want: { code: 2, said: true },
        },
      ],
      [
        'a missing document',
        { given: { path: '/gone', says: 'cannot be fetched: HTTP 404' }, want: { code: 2, said: true } },
      ],
    ],
    async ({ path, says }) => {
      const { code, output } = await run([`${base}${path}`]);
      return { code, said: output.includes(says) };
    },
  );

  it('--latest reads the one address it names (here pointed at the local server)', async () => {
    const { code, output } = await run(['--latest'], `${base}/openapi.yaml`);
    expect([code, output]).toEqual([0, expect.stringContaining(`is in sync with ${base}/openapi.yaml`)]);
    expect(LATEST_OPENAPI_URL).toMatch(/^https:\/\/.*openapi\.yaml$/);
  });

  it('--changelog names the URL as the source', async () => {
    const { code, output } = await run([`${base}/changed.json`, '--changelog']);
    expect([code, output.split('\n')[0]]).toEqual([1, expect.stringContaining(`synced with ${base}/changed.json`)]);
  });

  it('the server answered a bounded number of requests', () => {
    expect(requests).toBeGreaterThan(0);
    expect(requests).toBeLessThan(MAX_REQUESTS);
  });
});

describe('what cannot be read exits 2 and says why', () => {
  runCases(
    [
      [
        'plain http:// to another host',
        { given: 'http://example.com/openapi.yaml', want: 'plain http:// is accepted for loopback addresses only' },
      ],
      [
        'another scheme',
        { given: 'ftp://example.com/openapi.yaml', want: 'ftp: addresses are not read: use https://' },
      ],
      [
        'a host that refuses (offline)',
        {
          given: 'http://127.0.0.1:CLOSED/openapi.yaml',
          want: 'cannot reach 127.0.0.1:CLOSED (ECONNREFUSED): offline, or the host refuses',
        },
      ],
    ],
    async (given) => {
      const url = given.replace('CLOSED', String(closedPort));
      const { code, output } = await run([url]);
      const prefix = `cannot use the document: ${url}: `;
      return code === 2 && output.startsWith(prefix)
        ? output
            .slice(prefix.length)
            .replaceAll(String(closedPort), 'CLOSED')
            .split(';')[0]!
            .replace(/ \([^)]*is not one\).*$/, '')
        : output;
    },
  );

  it.each(['localhost', '127.0.0.1', '127.1.2.3', '[::1]'])('%s is loopback', (host) => {
    expect(isLoopback(host)).toBe(true);
  });
  it.each(['example.com', '10.0.0.1', '128.0.0.1', '127.0.0.1.example.com', '::2'])('%s is not', (host) => {
    expect(isLoopback(host)).toBe(false);
  });
});
