/** Every `ts` example in README.md compiles (strict) against the package's own sources. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { typeErrors } from '../support/compile.ts';

const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
const examples = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);

describe('README examples', () => {
  it('has examples', () => expect(examples.length).toBeGreaterThan(0));
  it('compile without errors', () => {
    // Each block is a module of its own; `export {}` keeps top-level names apart.
    expect(typeErrors(examples.map((example) => `${example}\nexport {};\n`))).toEqual([]);
  });
  it('would report a broken example', () => {
    expect(
      typeErrors(['import { isAuditLog } from "openai-audit-logs";\nconst n: number = isAuditLog;\nexport {};\n']),
    ).toHaveLength(1);
  });
});
