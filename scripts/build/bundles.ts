/**
 * What the package ships and how esbuild bundles it: shared by `npm run build` and by the tests
 * that build a piece of it into a directory of their own (so they never depend on dist/).
 */
import { build, type BuildOptions } from 'esbuild';

export interface Entry {
  /** Source module, relative to the project root. */
  source: string;
  /** Output name without extension, relative to dist/. */
  out: string;
  banner?: string;
}

/** Platform-neutral entry points (browsers, edge runtimes, Node): built as `.js` and `.cjs`. */
export const RUNTIME_ENTRIES: Entry[] = [
  { source: 'src/index.ts', out: 'index' },
  { source: 'src/catalog.ts', out: 'catalog' },
  // The OCSF mapper and its meaning table, kept out of the root entry so validating code does not ship them.
  { source: 'src/ocsf.ts', out: 'ocsf' },
  { source: 'src/standard-schema.ts', out: 'standard-schema' },
  // Carries the whole canonical schema (for `~standard.jsonSchema`), so it is kept out of the root entry.
  { source: 'src/standard-json-schema.ts', out: 'standard-json-schema' },
  // The collector: fetch, retries and state, kept out of the root entry so validating code does not ship it.
  { source: 'src/pull.ts', out: 'pull' },
  // The ECS mapper, kept out of the root entry so validating code does not ship it.
  { source: 'src/ecs.ts', out: 'ecs' },
];
/** Node-only entry points (the command line): built as ES modules. */
export const NODE_ENTRIES: Entry[] = [{ source: 'src/cli.ts', out: 'cli', banner: '#!/usr/bin/env node' }];
/** Files shipped as they are: [from, to relative to dist/]. */
export const STATIC_FILES: [string, string][] = [['generated/openapi.json', 'openapi.json']];

const SHARED: BuildOptions = {
  bundle: true,
  target: 'es2020',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
};

/** Bundles a runtime entry as an ES module (`esm`) or CommonJS (`cjs`) into `outfile`. */
export async function bundleRuntimeEntry(
  root: string,
  entry: Entry,
  format: 'esm' | 'cjs',
  outfile: string,
): Promise<void> {
  await build({ ...SHARED, absWorkingDir: root, platform: 'neutral', entryPoints: [entry.source], format, outfile });
}

/** Bundles a Node-only entry (ES module, with its banner) into `outfile`. */
export async function bundleNodeEntry(root: string, entry: Entry, outfile: string): Promise<void> {
  await build({
    ...SHARED,
    absWorkingDir: root,
    platform: 'node',
    target: 'node18',
    format: 'esm',
    entryPoints: [entry.source],
    outfile,
    ...(entry.banner ? { banner: { js: entry.banner } } : {}),
  });
}
