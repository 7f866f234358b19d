/**
 * `npm run build` (after `npm run generate`): bundles the runtime to dist/ as ES module (`.js`)
 * and CommonJS (`.cjs`), emits declarations with tsc, and mirrors them as `.d.cts` for
 * `require` users.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { build, type BuildOptions } from 'esbuild';
import { Project } from 'ts-morph';

const DIST = 'dist';

async function bundleRuntime(): Promise<void> {
  const shared: BuildOptions = {
    entryPoints: ['src/index.ts'],
    bundle: true,
    platform: 'neutral',
    target: 'es2020',
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  };
  await build({ ...shared, format: 'esm', outfile: `${DIST}/index.js` });
  await build({ ...shared, format: 'cjs', outfile: `${DIST}/index.cjs` });
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
await bundleRuntime();
emitDeclarations();
mirrorDeclarationsAsCommonJs();
console.log('built dist/ (ESM, CommonJS, declarations)');
