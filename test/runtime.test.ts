/**
 * The runtime entry is self-contained: everything it imports is the package's own code (no AJV
 * runtime helpers, no `node:` modules, nothing from node_modules), and it works with code
 * generation from strings disabled (no eval / new Function), as in browsers with a strict CSP.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { catalogue, validPayload } from './support/payloads.ts';

const ROOT = join(import.meta.dirname, '..');

describe('package manifest', () => {
  it('declares no runtime dependencies of any kind', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect({
      dependencies: manifest.dependencies,
      peerDependencies: manifest.peerDependencies,
      optionalDependencies: manifest.optionalDependencies,
      bundleDependencies: manifest.bundleDependencies,
    }).toEqual({ dependencies: {}, peerDependencies: undefined, optionalDependencies: undefined, bundleDependencies: undefined });
  });
});

describe('runtime entry', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oal-runtime-'));
  const outfile = join(dir, 'index.js');
  const result = await build({
    entryPoints: [join(ROOT, 'src/index.ts')],
    bundle: true,
    platform: 'neutral',
    format: 'esm',
    outfile,
    metafile: true,
    logLevel: 'silent',
  });

  it('imports only the package’s own src/ and generated/ modules', () => {
    const outside = Object.keys(result.metafile.inputs).filter(
      (input) => !/^(src|generated)\//.test(relative(ROOT, join(process.cwd(), input))),
    );
    expect(outside).toEqual([]);
    expect(Object.values(result.metafile.outputs).flatMap((output) => output.imports)).toEqual([]);
  });

  it('validates every event type under --disallow-code-generation-from-strings', () => {
    const payloads = catalogue.map(validPayload);
    const script = join(dir, 'check.mjs');
    writeFileSync(
      script,
      [
        `import { isAuditLog, parseAuditLog } from './index.js';`,
        `const payloads = ${JSON.stringify(payloads)};`,
        `const bad = { ...payloads[0], effective_at: 'soon' };`,
        `console.log(JSON.stringify({ valid: payloads.filter(isAuditLog).length, bad: parseAuditLog(bad).errors.map((e) => e.message) }));`,
      ].join('\n'),
    );
    const out = execFileSync(process.execPath, ['--disallow-code-generation-from-strings', script], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ valid: catalogue.length, bad: ['must be integer, got string "soon"'] });
  });
});
