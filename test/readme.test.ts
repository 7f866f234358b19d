/** Every `ts` example in README.md compiles (strict) against the package's own sources. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const examples = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);

/** Points `openai-audit-logs` (and its subpaths) at the sources, as the exports map does for the build. */
function compile(sources: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'oal-readme-'));
  const files = sources.map((source, index) => {
    const file = join(dir, `example-${index}.ts`);
    writeFileSync(file, source);
    return file;
  });
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    allowImportingTsExtensions: true,
    skipLibCheck: true,
    types: ['node'],
    typeRoots: [join(ROOT, 'node_modules/@types')],
    baseUrl: ROOT,
    paths: {
      'openai-audit-logs': ['src/index.ts'],
      'openai-audit-logs/*': ['src/*.ts'],
    },
  });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && files.includes(d.file.fileName))
    .map((d) => `${d.file!.fileName.slice(dir.length + 1)}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

describe('README examples', () => {
  it('has examples', () => expect(examples.length).toBeGreaterThan(0));
  it('compile without errors', () => {
    // Each block is a module of its own; `export {}` keeps top-level names apart.
    expect(compile(examples.map((example) => `${example}\nexport {};\n`))).toEqual([]);
  });
  it('would report a broken example', () => {
    expect(compile(['import { isAuditLog } from "openai-audit-logs";\nconst n: number = isAuditLog;\nexport {};\n'])).toHaveLength(1);
  });
});
