/**
 * `npm run build` (after `npm run generate`): bundles the runtime to dist/ as ES module (`.js`)
 * and CommonJS (`.cjs`), emits declarations with tsc next to them (`dist/index.d.ts`, with the
 * generated types under `dist/generated/`), mirrors them as `.d.cts` for `require` users, and
 * rewrites the API report (api/openai-audit-logs.api.md) from the built declarations, so that a
 * change to the public API shows up in the diff.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Project } from 'ts-morph';
import { isMain } from '../shared/is-main.ts';
import { apiReport, apiReportPath } from './api-report.ts';
import { bundleNodeEntry, bundleRuntimeEntry, NODE_ENTRIES, RUNTIME_ENTRIES, STATIC_FILES } from './bundles.ts';

const DIST = 'dist';
/** Where tsc writes the declarations before they are moved into place. */
const EMITTED = `${DIST}/.declarations`;

async function bundle(root: string): Promise<void> {
  for (const entry of RUNTIME_ENTRIES) {
    await bundleRuntimeEntry(root, entry, 'esm', join(root, DIST, `${entry.out}.js`));
    await bundleRuntimeEntry(root, entry, 'cjs', join(root, DIST, `${entry.out}.cjs`));
  }
  for (const entry of NODE_ENTRIES) await bundleNodeEntry(root, entry, join(root, DIST, `${entry.out}.js`));
  for (const [from, to] of STATIC_FILES) {
    mkdirSync(dirname(join(root, DIST, to)), { recursive: true });
    copyFileSync(join(root, from), join(root, DIST, to));
  }
}

/**
 * Declarations at `dist/*.d.ts`: tsc mirrors the source tree (`src/`, `generated/`), so its output
 * is moved, `src/x.d.ts` to `dist/x.d.ts` and `generated/x.d.ts` to `dist/generated/x.d.ts`, and
 * every relative import between them is pointed at the moved file (keeping its `.js` ending).
 */
function emitDeclarations(root: string): void {
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--declarationDir', EMITTED],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  const emitted = join(root, EMITTED);
  const dist = join(root, DIST);
  const moved = (path: string) => {
    const inTree = relative(emitted, path);
    return join(dist, inTree.startsWith(`src${sep}`) ? inTree.slice(`src${sep}`.length) : inTree);
  };
  const project = new Project({ skipAddingFilesFromTsConfig: true });
  for (const file of project.addSourceFilesAtPaths(`${emitted}/**/*.d.ts`)) {
    const from = file.getFilePath();
    const to = moved(from);
    for (const declaration of [...file.getImportDeclarations(), ...file.getExportDeclarations()]) {
      const specifier = declaration.getModuleSpecifierValue();
      if (!specifier?.startsWith('.')) continue;
      const target = relative(dirname(to), moved(resolve(dirname(from), specifier)));
      declaration.setModuleSpecifier(target.startsWith('.') ? target : `./${target}`);
    }
    project.createSourceFile(to, file.getFullText(), { overwrite: true });
    project.removeSourceFile(file);
  }
  project.saveSync();
  rmSync(emitted, { recursive: true, force: true });
  mirrorDeclarationsAsCommonJs(dist);
}

/** `x.d.ts` -> `x.d.cts` with relative specifiers `./y.js` -> `./y.cjs`, so CommonJS resolution stays CommonJS. */
function mirrorDeclarationsAsCommonJs(dist: string): void {
  const project = new Project({ skipAddingFilesFromTsConfig: true });
  for (const file of project.addSourceFilesAtPaths(`${dist}/**/*.d.ts`)) {
    const target = project.createSourceFile(file.getFilePath().replace(/\.d\.ts$/, '.d.cts'), file.getFullText(), {
      overwrite: true,
    });
    for (const declaration of [...target.getImportDeclarations(), ...target.getExportDeclarations()]) {
      const specifier = declaration.getModuleSpecifierValue();
      if (specifier?.startsWith('.') && specifier.endsWith('.js'))
        declaration.setModuleSpecifier(specifier.replace(/\.js$/, '.cjs'));
    }
  }
  project.saveSync();
}

/** Builds the package in `root` (default: the working directory). */
export async function build(root = process.cwd()): Promise<void> {
  rmSync(join(root, DIST), { recursive: true, force: true });
  await bundle(root);
  emitDeclarations(root);
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string };
  const report = join(root, apiReportPath(manifest.name));
  mkdirSync(dirname(report), { recursive: true });
  writeFileSync(report, apiReport(root));
}

if (isMain(import.meta.url)) {
  await build();
  console.log('built dist/ (ESM, CommonJS, declarations) and rewrote the API report');
}
