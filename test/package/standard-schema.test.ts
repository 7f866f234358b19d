/**
 * The packed package as a Standard Schema in real consumers: a strict TypeScript project with
 * Hono (`@hono/standard-validator`) and tRPC (`@trpc/server`), resolved from this repository's
 * node_modules, compiled by tsc against the installed declarations and run with node. Hono answers
 * POSTed logs and pages (200 with the typed body, 400 with our issues); a tRPC procedure takes
 * `auditLogSchema` as its input and rejects bad input with our message; the types each infers are
 * ours exactly. A file of deliberate type errors shows the type check can fail.
 */
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe } from 'vitest';
import { catalog, validPayload } from '../../harness/payloads.ts';
import { runCases } from '../support/cases.ts';
import { exec, packedPackage, REPO, scratchDir } from './packed.ts';
import { readJson } from '../support/json.ts';

const FIXTURE = join(REPO, 'test/fixtures/consumers/standard-schema');
const TSC = join(REPO, 'node_modules/typescript/bin/tsc');
/** What the consumer takes from the repository rather than from a registry. */
const FRAMEWORKS = ['hono', '@hono/standard-validator', '@trpc/server'];

const payloads = catalog.map(validPayload);
const log = payloads[catalog.findIndex((event) => event.type === 'api_key.created')]!;
const bad = { ...log, effective_at: '1722461446' };
const newer = { ...log, id: 'audit_log-new', type: 'brand_new.event' };
const pageOf = (data: unknown[]) => ({ object: 'list', data, first_id: null, last_id: null, has_more: false });
const page = pageOf([...payloads, newer]);
const badPage = pageOf(
  payloads.map((payload, index) => (index === 3 ? { ...payload, effective_at: '1722461446' } : payload)),
);
const wrongEffectiveAt = { message: 'must be integer, got string "1722461446"', path: ['effective_at'] };

/** The lines of the deliberate-error file that say they hold a type error. */
const deliberateErrors = readFileSync(join(FIXTURE, 'fail/wrong-types.ts'), 'utf8')
  .split('\n')
  .flatMap((line, index) => (line.includes('// type error') ? [`fail/wrong-types.ts(${index + 1})`] : []));

let outcome: { errors: string[]; output: Record<string, Record<string, unknown>> };

beforeAll(async () => {
  const packed = await packedPackage();
  const dir = scratchDir('standard-schema');
  cpSync(FIXTURE, dir, { recursive: true });
  writeFileSync(join(dir, 'cases.json'), JSON.stringify({ log, bad, page, badPage }));
  const manifest = readJson<object>(join(dir, 'package.json'));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'consumer-standard-schema', private: true, ...manifest }),
  );
  await exec('npm', ['install', packed.tarball, '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], dir);
  for (const name of FRAMEWORKS) {
    const link = join(dir, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(REPO, 'node_modules', name), link, 'dir');
  }
  const compilerOptions = {
    strict: true,
    module: 'node16',
    moduleResolution: 'node16',
    target: 'ES2022',
    lib: ['ES2022'],
    outDir: 'out',
    rootDir: '.',
    // The frameworks' declarations are theirs to check; ours are checked by consumers.test.ts.
    skipLibCheck: true,
    types: ['node'],
    typeRoots: [join(REPO, 'node_modules/@types')],
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['src', 'fail'] }));
  let errors: string[] = [];
  try {
    await exec(process.execPath, [TSC, '-p', 'tsconfig.json'], dir);
  } catch (error) {
    const text = String((error as Error).message);
    errors = [...text.matchAll(/^(\S+\(\d+),\d+\): error TS\d+/gm)].map((match) => `${match[1]})`);
    // Anything tsc says that is not an error at a line (a bad option) fails the run outright.
    if (errors.length === 0) throw error;
  }
  // tsc still emits; the program runs.
  const { stdout } = await exec(process.execPath, ['out/src/main.js'], dir);
  outcome = { errors, output: JSON.parse(stdout) as typeof outcome.output };
});

describe('a Hono app validates with sValidator(json, ...)', () => {
  runCases(
    [
      [
        'a POSTed audit log: 200, the typed body',
        { given: 'log', want: { status: 200, body: { exact: true, type: log.type, id: log.id } } },
      ],
      [
        'a bad audit log: 400 with our issues',
        { given: 'bad', want: { status: 400, body: { data: bad, error: [wrongEffectiveAt], success: false } } },
      ],
      [
        'a per-event schema (apiKeyCreatedSchema)',
        { given: 'perEvent', want: { status: 200, body: { exact: true, type: 'api_key.created' } } },
      ],
      [
        'a POSTed page with a log of a newer type: 200',
        { given: 'page', want: { status: 200, body: { exact: true, logs: page.data.length } } },
      ],
      [
        'a page whose log 3 is bad: 400, the issue placed in the page',
        {
          given: 'badPage',
          want: {
            status: 400,
            body: {
              data: badPage,
              error: [{ ...wrongEffectiveAt, path: ['data', 3, 'effective_at'] }],
              success: false,
            },
          },
        },
      ],
    ],
    (key) => outcome.output.hono![key],
  );
});

describe('a tRPC procedure with .input(auditLogSchema), through createCaller', () => {
  runCases(
    [
      ['a valid log: the typed input', { given: 'log', want: { exact: true, type: log.type } }],
      [
        'a bad log: BAD_REQUEST with our message and issues',
        { given: 'bad', want: { code: 'BAD_REQUEST', message: wrongEffectiveAt.message, issues: [wrongEffectiveAt] } },
      ],
    ],
    (key) => outcome.output.trpc![key],
  );
});

describe('the installed package, typed', () => {
  runCases(
    [
      [
        'openai-audit-logs/standard-json-schema resolves and describes a page',
        {
          given: 'jsonSchema',
          want: { title: 'ListAuditLogsResponse', $schema: 'https://json-schema.org/draft/2020-12/schema' },
        },
      ],
    ],
    (key) => outcome.output[key],
  );
  runCases(
    [['tsc reports the deliberate type errors and no other', { given: null, want: deliberateErrors }]],
    () => outcome.errors,
  );
});
