/**
 * A consumer's exhaustive `switch (log.type)` over every event of the catalog, ending in
 * `never`, compiles; the same switch missing one case does not. The switch is written from the
 * schema's catalog, so a new event type is covered without editing this test.
 */
import { describe, expect, it } from 'vitest';
import { typeErrors } from '../support/compile.ts';
import { catalog } from '../../harness/schema.ts';

function consumer(types: readonly string[]): string {
  const cases = types.map((type) => `    case ${JSON.stringify(type)}: return log.type;`).join('\n');
  return [
    `import type { AuditLog } from 'openai-audit-logs';`,
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

describe('exhaustive switch over AuditLog', () => {
  const types = catalog.map((event) => event.type);

  it('compiles with every catalog type handled', () => {
    expect(typeErrors([consumer(types)])).toEqual([]);
  });

  it('fails to compile when one type is missing', () => {
    const missing = catalog[catalog.length - 1]!;
    expect(typeErrors([consumer(types.slice(0, -1))])).toEqual([`source-0.ts: Type '${missing.variantDef}' is not assignable to type 'never'.`]);
  });
});
