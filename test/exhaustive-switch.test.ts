/**
 * A consumer's exhaustive `switch (log.type)` over every event of the catalogue, ending in
 * `never`, compiles; the same switch missing one case does not. The switch is written from the
 * schema's catalogue, so a new event type is covered without editing this test.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { catalogue } from './support/schema.ts';

const INDEX = resolve(import.meta.dirname, '../src/index.ts');

function consumer(types: readonly string[]): string {
  const cases = types.map((type) => `    case ${JSON.stringify(type)}: return log.type;`).join('\n');
  return [
    `import type { AuditLog } from ${JSON.stringify(INDEX)};`,
    'export function describe(log: AuditLog): string {',
    '  switch (log.type) {',
    cases,
    '    default: {',
    '      const unreachable: never = log;',
    '      return unreachable;',
    '    }',
    '  }',
    '}',
  ].join('\n');
}

function diagnostics(source: string): string[] {
  const file = join(mkdtempSync(join(tmpdir(), 'oal-switch-')), 'consumer.ts');
  writeFileSync(file, source);
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    allowImportingTsExtensions: true,
    skipLibCheck: true,
    types: [],
  });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === file)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('exhaustive switch over AuditLog', () => {
  const types = catalogue.map((event) => event.type);

  it('compiles with every catalogue type handled', () => {
    expect(diagnostics(consumer(types))).toEqual([]);
  });

  it('fails to compile when one type is missing', () => {
    const missing = catalogue[catalogue.length - 1]!;
    const errors = diagnostics(consumer(types.slice(0, -1)));
    expect(errors).toEqual([`Type '${missing.variantDef}' is not assignable to type 'never'.`]);
  });
});
