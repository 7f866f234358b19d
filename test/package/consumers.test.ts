/**
 * The packed tarball installed (offline, with npm) into real consumer projects: ES module and
 * CommonJS projects run with node, strict TypeScript projects compiled by tsc and run, and a
 * browser bundle run without Node. Each consumer validates every event type's payload, narrows
 * with `switch (log.type)` and reads `openai-audit-logs/schema.json`, and prints a summary that
 * must match the one derived here from the schema's catalog.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCases } from '../support/cases.ts';
import { validPayload } from '../../harness/payloads.ts';
import { catalog, defs } from '../../harness/schema.ts';
import {
  exec,
  packedPackage,
  PACKAGE_NAME,
  REPO,
  scratchDir,
  type PackageManifest,
  type PackedPackage,
} from './packed.ts';
import { readJson } from '../support/json.ts';

const FIXTURES = join(REPO, 'test/fixtures/consumers');
const TSC = join(REPO, 'node_modules/typescript/bin/tsc');
/** The runtime must work where `eval` and `new Function` are forbidden (strict CSP, some edge runtimes). */
const NO_EVAL = '--disallow-code-generation-from-strings';

const payloads = catalog.map(validPayload);

/** What every consumer must print. */
const expected = {
  described: payloads.map((payload) =>
    payload.type === 'api_key.created'
      ? `api key ${(payload['api_key.created'] as { id: string }).id} created`
      : payload.type,
  ),
  missing: [...(defs.AuditLogEnvelope!.required as string[])].sort(),
  schemaEvents: catalog.length,
};

let packed: PackedPackage;

/** A new consumer project: the fixture directories copied in, the payloads written, the tarball installed. */
async function consumer(name: string, fixtures: string[], packageJson?: object): Promise<string> {
  const dir = scratchDir(name);
  for (const fixture of fixtures) cpSync(join(FIXTURES, fixture), dir, { recursive: true });
  writeFileSync(join(dir, 'payloads.json'), JSON.stringify(payloads));
  const fixtureManifest = existsSync(join(dir, 'package.json')) ? readJson<object>(join(dir, 'package.json')) : {};
  const manifest = { ...fixtureManifest, ...packageJson };
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `consumer-${name}`, private: true, ...manifest }));
  await exec('npm', ['install', packed.tarball, '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], dir);
  return dir;
}

const runNode = async (dir: string, file: string) =>
  JSON.parse((await exec(process.execPath, [NO_EVAL, file], dir)).stdout) as unknown;

interface TypeScriptSetup {
  /** package.json `type`: decides whether node16 compiles `import` to `require`. */
  type: 'module' | 'commonjs';
  module: string;
  moduleResolution: string;
}

function writeTsconfig(dir: string, setup: TypeScriptSetup, include: string[]): string {
  const file = 'tsconfig.json';
  const compilerOptions = {
    strict: true,
    resolveJsonModule: true,
    module: setup.module,
    moduleResolution: setup.moduleResolution,
    target: 'ES2022',
    lib: ['ES2022'],
    outDir: 'out',
    rootDir: '.',
    // Our declarations are type-checked like the consumer's own code.
    skipLibCheck: false,
    types: ['node'],
    typeRoots: [join(REPO, 'node_modules/@types')],
  };
  writeFileSync(join(dir, file), JSON.stringify({ compilerOptions, include }));
  return file;
}

/** `file(line)` of every error tsc reports, or [] when it compiles. */
async function typeErrors(dir: string, tsconfig: string): Promise<string[]> {
  try {
    await exec(process.execPath, [TSC, '-p', tsconfig], dir);
    return [];
  } catch (error) {
    return [...String((error as Error).message).matchAll(/^(\S+\(\d+),\d+\): error TS\d+/gm)].map(
      (match) => `${match[1]})`,
    );
  }
}

/** The lines of the deliberate-error fixture that say they hold a type error. */
const deliberateErrors = readFileSync(join(FIXTURES, 'typescript/fail/unnarrowed.ts'), 'utf8')
  .split('\n')
  .flatMap((line, index) => (line.includes('// type error') ? [`fail/unnarrowed.ts(${index + 1})`] : []));

const typescriptSetups: [string, TypeScriptSetup][] = [
  ['node16, ES module', { type: 'module', module: 'node16', moduleResolution: 'node16' }],
  ['node16, CommonJS', { type: 'commonjs', module: 'node16', moduleResolution: 'node16' }],
  ['bundler', { type: 'module', module: 'esnext', moduleResolution: 'bundler' }],
  // Still the default of `module: commonjs`: it ignores `exports`, so subpaths need `typesVersions`.
  ['node10, CommonJS', { type: 'commonjs', module: 'commonjs', moduleResolution: 'node10' }],
];

/**
 * A consumer file that imports every subpath of the package's `exports` (its modules, and the
 * types of its JSON files), so that a subpath a module setting cannot resolve is a type error.
 * Written from the packed manifest: a subpath added later is covered without editing a fixture.
 */
function subpathsSource(manifest: PackageManifest): string {
  const subpaths = Object.entries(manifest.exports).filter(
    ([subpath]) => subpath !== '.' && subpath !== './package.json',
  );
  const lines = subpaths.map(([subpath, target], index) => {
    const specifier = `${PACKAGE_NAME}${subpath.slice(1)}`;
    return typeof target === 'string'
      ? `export type Subpath${index} = keyof typeof import('${specifier}');`
      : `import * as subpath${index} from '${specifier}';\nexport const names${index}: string[] = Object.keys(subpath${index});`;
  });
  return `// Every subpath of the package's exports (written by test/package/consumers.test.ts).\n${lines.join('\n')}\n`;
}

/**
 * One TypeScript project per setup, compiled once with both the consumer (src/) and the
 * deliberate-error file (fail/): tsc must report exactly the marked lines, so src/ compiles
 * without errors and the check is seen to catch errors. tsc still emits, and the output runs.
 */
const typescriptOutcomes = new Map<TypeScriptSetup, Promise<{ errors: string[]; summary: unknown }>>();
function compileAndRun(setup: TypeScriptSetup) {
  let outcome = typescriptOutcomes.get(setup);
  if (!outcome) {
    outcome = (async () => {
      const dir = await consumer(`ts-${setup.type}-${setup.moduleResolution}`, ['typescript'], { type: setup.type });
      writeFileSync(join(dir, 'src/subpaths.ts'), subpathsSource(packed.manifest));
      const errors = await typeErrors(dir, writeTsconfig(dir, setup, ['src', 'fail']));
      return { errors, summary: await runNode(dir, 'out/src/main.js') };
    })();
    typescriptOutcomes.set(setup, outcome);
  }
  return outcome;
}

/** Every consumer, by the name its test reports. Each returns its summary (or what went wrong). */
const consumers: [string, () => Promise<unknown>][] = [
  [
    'an ES module project (import), with node',
    async () => runNode(await consumer('esm', ['javascript', 'esm']), 'main.js'),
  ],
  [
    'a CommonJS project (require), with node',
    async () => runNode(await consumer('cjs', ['javascript', 'cjs']), 'main.js'),
  ],
  ...typescriptSetups.map(([name, setup]): [string, () => Promise<unknown>] => [
    `a strict TypeScript project (${name}), compiled by tsc, with node`,
    async () => (await compileAndRun(setup)).summary,
  ]),
  [
    'a browser bundle (esbuild, platform browser), run without Node or eval',
    async () => {
      const dir = await consumer('browser', ['javascript', 'browser']);
      const bundle = await build({
        absWorkingDir: dir,
        entryPoints: ['main.js'],
        bundle: true,
        platform: 'browser',
        format: 'iife',
        write: false,
        logLevel: 'silent',
      });
      let reported: unknown;
      const page = createContext(
        { report: (json: string) => (reported = JSON.parse(json) as unknown) },
        { codeGeneration: { strings: false, wasm: false } },
      );
      runInContext(bundle.outputFiles[0]!.text, page);
      return reported;
    },
  ],
];

const typeChecks: [string, () => Promise<unknown>][] = typescriptSetups.map(([name, setup]) => [
  `a strict TypeScript project (${name}): tsc reports the deliberate type errors and no other`,
  async () => (await compileAndRun(setup)).errors,
]);

// The projects install and compile concurrently; each test then awaits its own.
const outcomes = new Map<string, Promise<unknown>>();
beforeAll(async () => {
  packed = await packedPackage();
  for (const [name, start] of [...consumers, ...typeChecks]) {
    outcomes.set(
      name,
      start().catch((error: unknown) => ({ failed: String(error) })),
    );
  }
});

describe('consumers run the installed package', () => {
  runCases(
    consumers.map(([name]) => [name, { given: name, want: expected }]),
    (name) => outcomes.get(name),
  );
});

/** The node10 consumer with the installed package's `typesVersions` removed: every subpath must fail. */
async function node10WithoutTypesVersions(): Promise<{ errors: string[]; want: string[] }> {
  const setup = typescriptSetups.find(([name]) => name.startsWith('node10'))![1];
  const dir = await consumer('ts-node10-bare', ['typescript'], { type: setup.type });
  const source = subpathsSource(packed.manifest);
  writeFileSync(join(dir, 'src/subpaths.ts'), source);
  const installed = join(dir, 'node_modules', PACKAGE_NAME, 'package.json');
  const { typesVersions: _dropped, ...manifest } = readJson<PackageManifest>(installed);
  writeFileSync(installed, JSON.stringify(manifest));
  const want = source
    .split('\n')
    .flatMap((line, index) => (line.includes(`'${PACKAGE_NAME}/`) ? [`src/subpaths.ts(${index + 1})`] : []));
  return { errors: await typeErrors(dir, writeTsconfig(dir, setup, ['src/subpaths.ts'])), want };
}

describe('the consumer checks can fail', () => {
  it('under node10, without typesVersions, every subpath is a type error', async () => {
    const { errors, want } = await node10WithoutTypesVersions();
    expect(want.length).toBe(Object.keys(packed.manifest.exports).length - 2);
    expect(errors).toEqual(want);
  });

  it('the deliberate-error fixture marks its errors', () => {
    expect(deliberateErrors.length).toBeGreaterThan(0);
  });

  runCases(
    typeChecks.map(([name]) => [name, { given: name, want: deliberateErrors }]),
    (name) => outcomes.get(name),
  );

  runCases(
    [
      [
        'code generation from strings is refused under the flag the consumers run with',
        { given: 'new Function("return 1")()', want: 'EvalError' },
      ],
    ],
    async (code) => {
      try {
        await exec(process.execPath, [NO_EVAL, '-e', code], REPO);
        return 'ran';
      } catch (error) {
        return /\b(EvalError)\b/.exec(String((error as Error).message))?.[1] ?? String(error);
      }
    },
  );
});

describe('the command line from the installed package', () => {
  // `npx openai-audit-logs validate`, resolved from the consumer's node_modules/.bin, offline.
  const npx = (dir: string, ...args: string[]) =>
    spawnSync('npx', ['--offline', '--no-install', 'openai-audit-logs', ...args], { cwd: dir, encoding: 'utf8' });

  it('validates a JSON Lines file and accounts for every line', async () => {
    const dir = await consumer('cli', []);
    const lines = [
      ...payloads.map((payload) => JSON.stringify(payload)),
      '{"id": truncated',
      JSON.stringify({ ...payloads[0], effective_at: 'soon' }),
    ];
    writeFileSync(join(dir, 'logs.jsonl'), `${lines.join('\n')}\n`);
    const run = npx(dir, 'validate', '--format', 'json', 'logs.jsonl');
    const report = JSON.parse(run.stdout) as Record<string, unknown>;
    expect({
      status: run.status,
      records: report.records,
      valid: report.valid,
      invalid: report.invalid,
      unparseable: report.unparseable,
    }).toEqual({
      status: 1,
      records: payloads.length + 2,
      valid: payloads.length,
      invalid: 1,
      unparseable: 1,
    });
    expect(npx(dir, '--version').stdout.trim()).toBe(packed.manifest.version);
  });
});
