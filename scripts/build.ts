/**
 * `npm run build` (after `npm run generate`): bundles the runtime to dist/ as ES module (`.js`)
 * and CommonJS (`.cjs`), emits declarations with tsc, and mirrors them as `.d.cts` for
 * `require` users.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { Project } from 'ts-morph';

const DIST = 'dist';

/** Platform-neutral entry points (browsers, edge runtimes, Node): built as `.js` and `.cjs`. */
const RUNTIME_ENTRIES: { source: string; out: string }[] = [
  { source: 'src/index.ts', out: 'index' },
  { source: 'src/catalog.ts', out: 'catalog' },
];
/** Node-only entry points (the command line): built as ES modules. */
const NODE_ENTRIES: { source: string; out: string; banner?: string }[] = [
  { source: 'src/cli.ts', out: 'cli', banner: '#!/usr/bin/env node' },
];
/** Files shipped as they are: [from, to]. */
const STATIC_FILES: [string, string][] = [['generated/openapi.json', 'openapi.json']];

async function bundle(): Promise<void> {
  const shared: BuildOptions = {
    bundle: true,
    target: 'es2020',
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  };
  for (const entry of RUNTIME_ENTRIES) {
    for (const [format, extension] of [['esm', 'js'], ['cjs', 'cjs']] as const) {
      await build({ ...shared, platform: 'neutral', entryPoints: [entry.source], format, outfile: `${DIST}/${entry.out}.${extension}` });
    }
  }
  for (const entry of NODE_ENTRIES) {
    await build({
      ...shared,
      platform: 'node',
      target: 'node18',
      format: 'esm',
      entryPoints: [entry.source],
      outfile: `${DIST}/${entry.out}.js`,
      ...(entry.banner ? { banner: { js: entry.banner } } : {}),
    });
  }
  for (const [from, to] of STATIC_FILES) {
    mkdirSync(dirname(`${DIST}/${to}`), { recursive: true });
    copyFileSync(from, `${DIST}/${to}`);
  }
}

function emitDeclarations(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}

/** `x.d.ts` -> `x.d.cts` with relative specifiers `./y.js` -> `./y.cjs`, so CommonJS resolution stays CommonJS. */
function mirrorDeclarationsAsCommonJs(): void {
  const project = new Project({ skipAddingFilesFromTsConfig: true });
  const files = project.addSourceFilesAtPaths(`${DIST}/types/**/*.d.ts`);
  for (const file of files) {
    const target = project.createSourceFile(file.getFilePath().replace(/\.d\.ts$/, '.d.cts'), file.getFullText(), { overwrite: true });
    for (const declaration of [...target.getImportDeclarations(), ...target.getExportDeclarations()]) {
      const specifier = declaration.getModuleSpecifierValue();
      if (specifier?.startsWith('.') && specifier.endsWith('.js')) {
        declaration.setModuleSpecifier(specifier.replace(/\.js$/, '.cjs'));
      }
    }
  }
  project.saveSync();
}

rmSync(DIST, { recursive: true, force: true });
await bundle();
emitDeclarations();
mirrorDeclarationsAsCommonJs();
console.log('built dist/ (ESM, CommonJS, declarations)');
