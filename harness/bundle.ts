/**
 * esbuild bundles of the runtime, the way a consumer's bundler sees it: used by the benchmark
 * (to time the minified code users run) and by the size-budget test (bytes are deterministic).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** Minified ESM for a neutral platform, tree-shaken; `contents` is an entry module resolved from `resolveDir`. */
export async function bundle(contents: string, resolveDir: string): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    write: false,
    legalComments: 'none',
  });
  return result.outputFiles[0]!.text;
}

/** Bytes after gzip at level 9 (the budgets are stated for that level). */
export const gzippedBytes = (code: string): number => gzipSync(code, { level: 9 }).length;

/** Bundles `contents` into a fresh temporary directory and imports it. */
export async function importBundle<T>(contents: string, resolveDir: string): Promise<{ module: T; code: string }> {
  const code = await bundle(contents, resolveDir);
  const dir = mkdtempSync(join(tmpdir(), 'audit-logs-bench-'));
  try {
    const file = join(dir, 'bundle.mjs');
    writeFileSync(file, code);
    return { module: (await import(pathToFileURL(file).href)) as T, code };
  } finally {
    // Once imported, the module lives in memory: its file is not needed any more.
    rmSync(dir, { recursive: true, force: true });
  }
}
