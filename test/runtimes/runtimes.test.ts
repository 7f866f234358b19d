/**
 * Every runtime the package claims, running the packed package: Node 18, 20 and 22 (ES module
 * and CommonJS, code generation from strings refused), Bun, Deno, a Worker in workerd, and a page
 * in headless Chromium under a policy without 'unsafe-eval'. Each judges the same three logs
 * (valid, invalid, of an unknown type) and must give exactly the verdicts, errors and messages
 * that the source gives here; those are checked against what the catalog says of the logs. A
 * runtime that is not installed fails its test with what to install. Run by
 * `npm run test:runtimes` (and .ci/run), not by `npm test`.
 */
import { beforeAll, describe } from 'vitest';
import * as source from '../../src/index.ts';
import { runCases } from '../support/cases.ts';
import { packedPackage } from '../package/packed.ts';
import { bundlePage, visit } from './browser.ts';
import { consumerProject, npmBinary, pinnedVersion } from './installed.ts';
import { run } from './processes.ts';
import { CASES, FACTS, fixture, shapeOf, type CaseName } from './verdicts.ts';
import { workerVerdicts } from './workerd.ts';

/** Each runtime's time limit: far above the second or two each takes, so only a hang reaches it. */
const TIME_LIMIT_MS = 90_000;

const reference = fixture.verdictsOf(source, CASES);

const rejected = (paths: string[]) => ({ success: false, paths, readable: true });
const thrown = { isValidationError: true, name: 'AuditLogValidationError', errors: 1, listsEachError: true };
const known = { success: true, known: true, type: FACTS.type };

describe('the reference verdicts (the source, in this process) say what the catalog says', () => {
  runCases<CaseName, unknown>(
    [
      [
        'a valid log',
        { given: 'valid', want: { validated: true, guard: true, parsed: known, accepted: known, thrown: null } },
      ],
      [
        `a log with ${FACTS.wrongPointer} of the wrong type`,
        {
          given: 'invalid',
          want: {
            validated: false,
            guard: false,
            parsed: rejected([FACTS.wrongPointer]),
            accepted: rejected([FACTS.wrongPointer]),
            thrown,
          },
        },
      ],
      [
        `a log of an unknown type (${FACTS.unknownType})`,
        {
          given: 'unknown',
          want: {
            validated: false,
            guard: false,
            parsed: rejected(['/type']),
            accepted: { success: true, known: false, type: FACTS.unknownType },
            thrown,
          },
        },
      ],
    ],
    (name) => shapeOf(reference[name]),
  );
});

/** A script runtime: the consumer's `file` run by `binary`, its JSON printout parsed. */
const script =
  (binary: () => string, args: string[], env: (dir: string) => NodeJS.ProcessEnv = () => process.env) =>
  async (dir: string) =>
    JSON.parse(await run(binary(), args, { cwd: dir, env: env(dir), timeoutMs: TIME_LIMIT_MS })) as unknown;

const MODULE_KINDS = [
  ['ES module', 'main.mjs'],
  ['CommonJS', 'main.cjs'],
] as const;

const nodes = ['18', '20', '22'].flatMap((major) =>
  MODULE_KINDS.map(([kind, file]) => ({
    name: `Node ${major} (${kind})`,
    run: script(
      () => npmBinary(`Node ${major}`, `node${major}/bin/node`),
      ['--disallow-code-generation-from-strings', file],
    ),
    want: { runtime: `node ${pinnedVersion(`node${major}`)}`, verdicts: reference },
  })),
);

const bun = MODULE_KINDS.map(([kind, file]) => ({
  name: `Bun (${kind})`,
  run: script(() => npmBinary('Bun', '@oven/bun-linux-x64/bin/bun'), [file]),
  want: { runtime: `bun ${pinnedVersion('@oven/bun-linux-x64')}`, verdicts: reference },
}));

// Deno resolves the package from the consumer's node_modules; its cache stays in the consumer.
const denoEnv = (dir: string) => ({ ...process.env, DENO_DIR: `${dir}/.deno`, DENO_NO_UPDATE_CHECK: '1' });
const deno = MODULE_KINDS.map(([kind, file]) => ({
  name: `Deno (${kind})`,
  run: script(
    () => npmBinary('Deno', '@deno/linux-x64-glibc/deno'),
    ['run', '--no-prompt', '--allow-read=.', file],
    denoEnv,
  ),
  want: { runtime: `deno ${pinnedVersion('deno')}`, verdicts: reference },
}));

const workerd = {
  name: 'workerd (a Worker answering each POSTed log)',
  run: (dir: string) => workerVerdicts(dir, CASES, TIME_LIMIT_MS),
  want: reference,
};

const page = {
  name: `headless Chromium (a page under "${'script-src'} 'self'", no 'unsafe-eval')`,
  run: async (dir: string) => visit(dir, 'index.html', { 'page.js': await bundlePage(dir) }, TIME_LIMIT_MS),
  want: { result: reference, violations: [], errors: [] },
};

// The page's check can fail: under the same policy, `new Function` is refused and the violation counted.
const control = {
  name: 'headless Chromium: the policy refuses `new Function` in a control page, and the page counts it',
  run: (dir: string) => visit(dir, 'control.html', {}, TIME_LIMIT_MS),
  want: { result: 'EvalError', violations: ['script-src eval'], errors: [] },
};

const runtimes = [...nodes, ...bun, ...deno, workerd, page, control];

// The runtimes run concurrently (each is mostly waiting on a process); each test awaits its own.
const outcomes = new Map<string, Promise<unknown>>();
beforeAll(async () => {
  const dir = consumerProject(await packedPackage());
  for (const { name, run: start } of runtimes)
    outcomes.set(
      name,
      start(dir).catch((error: unknown) => ({ failed: String(error) })),
    );
});

describe('every claimed runtime gives the reference verdicts on the packed package', () => {
  runCases(
    runtimes.map(({ name, want }) => [name, { given: name, want }]),
    (name) => outcomes.get(name),
  );
});
