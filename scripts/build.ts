/**
 * `npm run build` (after `npm run generate`): bundles the runtime to dist/ as ES module (`.js`)
 * and CommonJS (`.cjs`), emits declarations with tsc, and mirrors them as `.d.cts` for
 * `require` users.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { Project } from 'ts-morph';
import { bundleNodeEntry, bundleRuntimeEntry, NODE_ENTRIES, RUNTIME_ENTRIES, STATIC_FILES } from './lib/bundles.ts';

const DIST = 'dist';
const ROOT = process.cwd();

async function bundle(): Promise<void> {
  for (const entry of RUNTIME_ENTRIES) {
    await bundleRuntimeEntry(ROOT, entry, 'esm', `${DIST}/${entry.out}.js`);
    await bundleRuntimeEntry(ROOT, entry, 'cjs', `${DIST}/${entry.out}.cjs`);
  }
  for (const entry of NODE_ENTRIES) await bundleNodeEntry(ROOT, entry, `${DIST}/${entry.out}.js`);
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
