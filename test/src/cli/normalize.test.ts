/**
 * `validate --emit valid --to ocsf|ecs`: each valid record written as the event its mapper makes of
 * it, every record of the input still accounted for in the summary. (main.test.ts has the usage errors.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import { toEcs } from '../../../src/ecs.ts';
import type { AnyAuditLog } from '../../../src/index.ts';
import { toOcsf } from '../../../src/ocsf.ts';
import { catalog, validPayload } from '../../../harness/payloads.ts';
import { runCases, type Case } from '../../support/cases.ts';
import { collector } from '../../support/streams.ts';

interface Outcome {
  code: number;
  /** Each line of standard output, parsed. */
  events: unknown[];
  /** What the summary counts. */
  counts: Record<string, unknown>;
}

const logs = catalog.map((event) => validPayload(event) as AnyAuditLog);
const unknown = { ...logs[0]!, type: 'brand.new_event' } as AnyAuditLog;
const invalid = { ...logs[0]!, effective_at: 'soon' };
const INPUT = [...logs.map((log) => JSON.stringify(log)), JSON.stringify(invalid), '{"id": ', JSON.stringify(unknown)];
const organization = { id: 'org-123', name: 'Example' };

let file = '';
beforeAll(() => {
  file = join(mkdtempSync(join(tmpdir(), 'oal-cli-to-')), 'logs.jsonl');
  writeFileSync(file, `${INPUT.join('\n')}\n`);
});
afterAll(() => rmSync(join(file, '..'), { recursive: true, force: true }));

async function normalize(args: readonly string[]): Promise<Outcome> {
  const stdout = collector();
  const stderr = collector();
  const code = await main(['validate', '--emit', 'valid', '--format', 'json', ...args, file], {
    stdin: Readable.from([]),
    stdout,
    stderr,
    version: '0.0.0',
  });
  const { records, valid, invalid, unparseable, emitted } = JSON.parse(stderr.text) as Record<string, unknown>;
  const events = stdout.text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);
  return { code, events, counts: { records, valid, invalid, unparseable, emitted } };
}

const accounted = (valid: number) => ({
  records: INPUT.length,
  valid,
  invalid: INPUT.length - 1 - valid,
  unparseable: 1,
  emitted: valid,
});
const ORG = ['--org-id', organization.id, '--org-name', organization.name];

describe('--to: one normalized event per valid record, and every record accounted for', () => {
  const cases: Case<string[], Outcome>[] = [
    [
      '--to ocsf: toOcsf of each catalog event, in order',
      {
        given: ['--to', 'ocsf'],
        want: { code: 1, events: logs.map((log) => toOcsf(log)), counts: accounted(logs.length) },
      },
    ],
    [
      '--to ecs: toEcs of each catalog event, in order',
      {
        given: ['--to', 'ecs'],
        want: { code: 1, events: logs.map((log) => toEcs(log)), counts: accounted(logs.length) },
      },
    ],
    [
      '--to ocsf with the organization and the original',
      {
        given: ['--to', 'ocsf', ...ORG, '--keep-original'],
        want: {
          code: 1,
          events: logs.map((log) => toOcsf(log, { organization, keepOriginal: true })),
          counts: accounted(logs.length),
        },
      },
    ],
    [
      '--to ecs --unknown-types accept: the unknown event type is normalized too',
      {
        given: ['--to', 'ecs', ...ORG, '--unknown-types', 'accept'],
        want: {
          code: 1,
          events: [...logs, unknown].map((log) => toEcs(log, { organization })),
          counts: accounted(logs.length + 1),
        },
      },
    ],
  ];
  runCases(cases, normalize);
});
