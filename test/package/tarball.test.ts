/**
 * The tarball itself: it holds what users need and nothing else, its declarations point only at
 * files it holds, and publint and arethetypeswrong (the checks `.ci/run` also runs) find no
 * problem. Each check is also run on a deliberately broken copy, to show it can fail.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { beforeAll, describe } from 'vitest';
import { runCases } from '../support/cases.ts';
import {
  binTargets,
  exec,
  exportTargets,
  packedPackage,
  REPO,
  scratchDir,
  type PackageManifest,
  type PackedPackage,
} from './packed.ts';

let packed: PackedPackage;
/** A copy of the package whose CommonJS declarations are gone (the `require` types point at nothing). */
let broken: { root: string; tarball: string };
/** A copy without `typesVersions`: under TypeScript's node10 resolution its subpaths resolve to nothing. */
let withoutTypesVersions: { tarball: string };
beforeAll(async () => {
  packed = await packedPackage();
  const dir = scratchDir('broken');
  const root = join(dir, 'package');
  cpSync(packed.root, root, { recursive: true });
  rmSync(join(root, 'dist/index.d.cts'));
  await exec('tar', ['-czf', 'broken.tgz', 'package'], dir);
  broken = { root, tarball: join(dir, 'broken.tgz') };
  const bare = scratchDir('no-types-versions');
  cpSync(packed.root, join(bare, 'package'), { recursive: true });
  const { typesVersions: _dropped, ...manifest } = packed.manifest;
  writeFileSync(join(bare, 'package/package.json'), JSON.stringify(manifest, null, 2));
  await exec('tar', ['-czf', 'bare.tgz', 'package'], bare);
  withoutTypesVersions = { tarball: join(bare, 'bare.tgz') };
});

/** Files every user needs, besides what package.json points at. */
const DOCUMENTS = [
  'package.json',
  'README.md',
  'LICENSE',
  'CHANGELOG.md',
  'CONTRIBUTING.md',
  'docs/events.md',
  'docs/siem.md',
];

/** What package.json points at: `exports` (every condition), `bin`, and the legacy `main`/`module`/`types`. */
function entryFiles(manifest: PackageManifest): string[] {
  const legacy = (['main', 'module', 'types'] as const).flatMap((field) =>
    typeof manifest[field] === 'string' ? [manifest[field].replace(/^\.\//, '')] : [],
  );
  return [...new Set([...Object.values(manifest.exports).flatMap(exportTargets), ...binTargets(manifest), ...legacy])];
}

/** Declarations of the built code may sit anywhere under dist/ (the generated types under dist/generated/). */
const DECLARATION = /^dist\/.+\.d\.c?ts$/;
const pattern = (path: string) => new RegExp(`^${path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.+')}$`);

/** npm packs a README of every directory it packs from, whatever `files` says (schema/README.md). */
const DIRECTORY_README = /(^|\/)README\.md$/;

function isAllowed(path: string, manifest: PackageManifest): boolean {
  return (
    DOCUMENTS.includes(path) ||
    DIRECTORY_README.test(path) ||
    DECLARATION.test(path) ||
    entryFiles(manifest).some((entry) => pattern(entry).test(path))
  );
}

async function tarballFiles(tarball: string): Promise<string[]> {
  const { stdout } = await exec('tar', ['-tzf', tarball], REPO);
  return stdout
    .split('\n')
    .filter((line) => line && !line.endsWith('/'))
    .map((line) => line.replace(/^package\//, ''))
    .sort();
}

describe('the tarball holds what users need and nothing else', () => {
  runCases(
    [
      ['files outside the allow-list', { given: 'unexpected' as const, want: [] }],
      ['needed files that are missing', { given: 'missing' as const, want: [] }],
    ],
    async (which) => {
      const files = await tarballFiles(packed.tarball);
      if (which === 'unexpected') return files.filter((file) => !isAllowed(file, packed.manifest));
      const needed = [...DOCUMENTS, ...entryFiles(packed.manifest).filter((file) => !file.includes('*'))];
      return needed.filter((file) => !files.includes(file));
    },
  );

  // The allow-list's own verdicts, so that the checks above can fail.
  runCases(
    [
      ['the ES module bundle', { given: 'dist/index.js', want: true }],
      ['a declaration file', { given: 'dist/parse.d.cts', want: true }],
      ['a generated declaration file', { given: 'dist/generated/guards.d.ts', want: true }],
      ['the schema', { given: 'schema/audit-log.schema.json', want: true }],
      ['the licence', { given: 'LICENSE', want: true }],
      ['TypeScript sources', { given: 'src/index.ts', want: false }],
      ['generated sources', { given: 'generated/types.ts', want: false }],
      ['tests', { given: 'test/package/packed.ts', want: false }],
      ['a source map', { given: 'dist/index.js.map', want: false }],
      ['a stray bundle', { given: 'dist/chunk-1.js', want: false }],
      ['JavaScript among the generated declarations', { given: 'dist/generated/guards.js', want: false }],
      ['scratch files', { given: '.scratch/notes.md', want: false }],
      ['a directory README npm adds', { given: 'schema/README.md', want: true }],
    ],
    (path) => isAllowed(path, packed.manifest),
  );
});

/**
 * Relative imports of every declaration file that do not lead to a declaration in the package:
 * `./x.js` from a `.d.ts` must be `./x.d.ts`, and `./x.cjs` from a `.d.cts` must be `./x.d.cts`.
 */
function danglingImports(root: string, files: string[]): string[] {
  const present = new Set(files);
  return files
    .filter((file) => /\.d\.c?ts$/.test(file))
    .flatMap((file) => {
      const text = readFileSync(join(root, file), 'utf8');
      const commonJs = file.endsWith('.d.cts');
      return [...text.matchAll(/(?:from\s+|import\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)].flatMap(([, specifier]) => {
        const target = join(file, '..', specifier!);
        const declaration = commonJs ? target.replace(/\.cjs$/, '.d.cts') : target.replace(/\.js$/, '.d.ts');
        return declaration !== target && present.has(declaration) ? [] : [`${file} -> ${specifier}`];
      });
    });
}

describe('the declarations point only at files in the package', () => {
  runCases(
    [
      ['the packed package', { given: () => packed, want: [] }],
      [
        'control: a copy without dist/index.d.cts',
        { given: () => ({ ...broken, manifest: packed.manifest }), want: ['dist/index.d.cts'] },
      ],
    ],
    async (pick) => {
      const { root, tarball, manifest } = pick();
      const files = await tarballFiles(tarball);
      // The package.json `types` targets count as imports too.
      const missingTargets = entryFiles(manifest).filter((file) => /\.d\.c?ts$/.test(file) && !files.includes(file));
      return [...missingTargets, ...danglingImports(root, files)];
    },
  );
});

describe('publint and arethetypeswrong find no problem', () => {
  runCases(
    [
      ['publint (strict), the packed package', { given: () => packed.tarball, want: [] }],
      [
        'publint (strict), control: require types missing',
        { given: () => broken.tarball, want: ['error: FILE_DOES_NOT_EXIST'] },
      ],
    ],
    async (tarball) => {
      const bytes = readFileSync(tarball());
      const { messages, pkg } = await publint({
        pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
        strict: true,
      });
      // Codes are compared; the readable messages are printed to explain a failure.
      for (const message of messages) console.warn(`publint: ${formatMessage(message, pkg)}`);
      return [...new Set(messages.map((message) => `${message.type}: ${message.code}`))];
    },
  );

  runCases(
    [
      [
        'attw (profile strict: node10, node16 and bundler), the packed package',
        { given: () => packed.tarball, want: { exitCode: 0, problems: [] } },
      ],
      [
        'attw (profile strict), control: require types missing',
        { given: () => broken.tarball, want: { exitCode: 1, problems: ['UntypedResolution'] } },
      ],
      [
        'attw (profile strict), control: no typesVersions, so node10 resolves no subpath',
        { given: () => withoutTypesVersions.tarball, want: { exitCode: 1, problems: ['NoResolution'] } },
      ],
    ],
    async (tarball) => {
      // `npm run lint:package` runs the same check as `attw --pack . --profile strict`.
      let output: string;
      let exitCode = 0;
      try {
        output = (
          await exec(
            join(REPO, 'node_modules/.bin/attw'),
            [tarball(), '--profile', 'strict', '--no-color', '--no-emoji', '--format', 'ascii'],
            REPO,
          )
        ).stdout;
      } catch (error) {
        output = String((error as Error).message);
        exitCode = 1;
      }
      const problems = [...output.matchAll(/^(?!\(ignored)[^\n]*docs\/problems\/(\w+)\.md/gm)].map(
        (match) => match[1]!,
      );
      return { exitCode, problems: [...new Set(problems)] };
    },
  );
});

/** Every kind of dependency a manifest can declare, with what it declares. */
const declaredDependencies = (manifest: Record<string, unknown>) =>
  Object.fromEntries(
    ['dependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies', 'bundledDependencies']
      .filter((field) => manifest[field] !== undefined && Object.keys(manifest[field] as object).length > 0)
      .map((field) => [field, manifest[field]]),
  );

describe('the package declares no runtime dependency of any kind', () => {
  runCases(
    [
      ['the packed package.json', { given: () => packed.manifest as Record<string, unknown>, want: {} }],
      [
        'control: a manifest with a dependency',
        { given: () => ({ ...packed.manifest, dependencies: { ajv: '^8' } }), want: { dependencies: { ajv: '^8' } } },
      ],
    ],
    (manifest) => declaredDependencies(manifest()),
  );
});
