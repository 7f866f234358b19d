/**
 * The import layers of ARCHITECTURE.md, as eslint.config.js enforces them: each row lints a
 * module, placed at a path of the tree, with the `layers` rules alone. Back-edges must be
 * reported (so the rules are known to work); the edges the architecture allows must pass.
 * `npm run lint` holds the real tree to the same rules.
 */
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe } from 'vitest';
import tseslint from 'typescript-eslint';
import { layers } from '../../eslint.config.js';
import { runCases, type Case } from '../support/cases.ts';

const ROOT = join(import.meta.dirname, '../..');
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, ...layers }],
  ignore: false,
});

/** The rules a module at `path` importing `specifier` breaks (none when the edge is allowed). */
async function broken({ path, specifier }: { path: string; specifier: string }): Promise<string[]> {
  const [result] = await eslint.lintText(`import * as target from '${specifier}';\nexport { target };\n`, {
    filePath: join(ROOT, path),
  });
  return result!.messages.map((message) => message.ruleId ?? message.message);
}

const RESTRICTED = ['import-x/no-restricted-paths'];

describe('back-edges are reported', () => {
  const cases: Case<{ path: string; specifier: string }, string[]>[] = [
    [
      'generated code importing the runtime beyond its leaf',
      { given: { path: 'generated/back-edge.ts', specifier: '../src/validate.js' }, want: RESTRICTED },
    ],
    [
      'generated code importing a tool',
      { given: { path: 'generated/back-edge.ts', specifier: '../scripts/generate/naming.ts' }, want: RESTRICTED },
    ],
    [
      'the leaf importing generated code',
      { given: { path: 'src/internal.ts', specifier: '../generated/event-types.js' }, want: RESTRICTED },
    ],
    [
      'the leaf importing the runtime',
      { given: { path: 'src/internal.ts', specifier: './catalog.js' }, want: RESTRICTED },
    ],
    [
      'a topic of the leaf importing the runtime',
      { given: { path: 'src/internal/pointers.ts', specifier: '../catalog.js' }, want: RESTRICTED },
    ],
    [
      'a topic of the leaf importing generated code',
      { given: { path: 'src/internal/pointers.ts', specifier: '../../generated/event-types.js' }, want: RESTRICTED },
    ],
    [
      'the runtime importing a tool',
      { given: { path: 'src/back-edge.ts', specifier: '../scripts/generate/naming.ts' }, want: RESTRICTED },
    ],
    [
      'the runtime reading the schema file',
      {
        given: { path: 'src/back-edge.ts', specifier: '../schema/audit-log.schema.json' },
        want: RESTRICTED,
      },
    ],
    [
      'the runtime importing the test harness',
      { given: { path: 'src/back-edge.ts', specifier: '../harness/schema.ts' }, want: RESTRICTED },
    ],
    [
      'a tool importing the runtime beyond its leaf',
      { given: { path: 'scripts/generate/back-edge.ts', specifier: '../../src/validate.ts' }, want: RESTRICTED },
    ],
    [
      'a tool importing generated code',
      { given: { path: 'scripts/sync/back-edge.ts', specifier: '../../generated/event-types.ts' }, want: RESTRICTED },
    ],
    [
      'the generators importing the sync',
      { given: { path: 'scripts/generate/back-edge.ts', specifier: '../sync/compare.ts' }, want: RESTRICTED },
    ],
    [
      'the shared tool modules importing a generator',
      { given: { path: 'scripts/shared/back-edge.ts', specifier: '../generate/naming.ts' }, want: RESTRICTED },
    ],
    [
      'a test importing a benchmark',
      { given: { path: 'test/src/back-edge.test.ts', specifier: '../../bench/harness.ts' }, want: RESTRICTED },
    ],
    [
      'a benchmark importing a test helper',
      { given: { path: 'bench/back-edge.ts', specifier: '../test/support/cases.ts' }, want: RESTRICTED },
    ],
    [
      'the harness importing a test helper',
      { given: { path: 'harness/back-edge.ts', specifier: '../test/support/cases.ts' }, want: RESTRICTED },
    ],
    [
      'a cycle: the validators of the runtime importing its entry point',
      { given: { path: 'src/errors.ts', specifier: './index.js' }, want: ['import-x/no-cycle'] },
    ],
  ];
  runCases(cases, broken);
});

describe('the edges the architecture allows pass', () => {
  const cases: Case<{ path: string; specifier: string }, string[]>[] = [
    [
      'generated code importing the leaf',
      { given: { path: 'generated/allowed.ts', specifier: '../src/internal.js' }, want: [] },
    ],
    [
      'the runtime importing generated code',
      { given: { path: 'src/allowed.ts', specifier: '../generated/event-types.js' }, want: [] },
    ],
    [
      'the leaf importing its topics',
      { given: { path: 'src/internal.ts', specifier: './internal/pointers.js' }, want: [] },
    ],
    [
      'a topic of the leaf importing another',
      { given: { path: 'src/internal/standard-schema.ts', specifier: './pointers.js' }, want: [] },
    ],
    [
      'a tool importing the leaf',
      { given: { path: 'scripts/generate/allowed.ts', specifier: '../../src/internal.ts' }, want: [] },
    ],
    [
      'the sync importing the generators',
      { given: { path: 'scripts/sync/allowed.ts', specifier: '../generate/model/index.ts' }, want: [] },
    ],
    [
      'a test importing the harness',
      { given: { path: 'test/src/allowed.test.ts', specifier: '../../harness/schema.ts' }, want: [] },
    ],
    [
      'a benchmark importing the harness',
      { given: { path: 'bench/allowed.ts', specifier: '../harness/corpus.ts' }, want: [] },
    ],
  ];
  runCases(cases, broken);
});
