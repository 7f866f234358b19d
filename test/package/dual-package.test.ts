/**
 * Both copies of the installed package in one process, as an ES module app with a CommonJS
 * dependency loads them: an `AuditLogValidationError` thrown by either copy is an instance of
 * either copy's class. The process is a plain `node` run in the unpacked package's project, so
 * the copies are the ones `import` and `require` resolve through `exports`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe } from 'vitest';
import { runCases } from '../support/cases.ts';
import { exec, packedPackage, type PackedPackage } from './packed.ts';

let verdicts: Record<string, boolean>;

/** Every comparison, made in one process; its name tells what is thrown and what it is compared with. */
const SCRIPT = `
import { createRequire } from 'node:module';
const esm = await import('openai-audit-logs');
const cjs = createRequire(import.meta.url)('openai-audit-logs');
const thrown = (copy) => { try { copy.assertAuditLog({}); } catch (error) { return error; } };
class Narrower extends esm.AuditLogValidationError {}
const hostile = new Proxy({}, { get() { throw new Error('trap'); } });
console.log(JSON.stringify({
  'two copies': esm.AuditLogValidationError !== cjs.AuditLogValidationError,
  'esm error, esm class': thrown(esm) instanceof esm.AuditLogValidationError,
  'esm error, cjs class': thrown(esm) instanceof cjs.AuditLogValidationError,
  'cjs error, esm class': thrown(cjs) instanceof esm.AuditLogValidationError,
  'cjs error, cjs class': thrown(cjs) instanceof cjs.AuditLogValidationError,
  'still an Error': thrown(cjs) instanceof Error,
  'a plain Error': new Error('x') instanceof cjs.AuditLogValidationError,
  'an object with the name': { name: 'AuditLogValidationError', errors: [] } instanceof esm.AuditLogValidationError,
  'a Proxy whose get trap throws': hostile instanceof esm.AuditLogValidationError,
  'a subclass, its own instance': new Narrower([]) instanceof Narrower,
  'a subclass, the base class instance': thrown(cjs) instanceof Narrower,
}));
`;

beforeAll(async () => {
  const packed: PackedPackage = await packedPackage();
  const file = join(packed.project, 'dual-package.mjs');
  writeFileSync(file, SCRIPT);
  verdicts = JSON.parse((await exec(process.execPath, [file], packed.project)).stdout) as Record<string, boolean>;
});

describe('instanceof AuditLogValidationError across the ES module and CommonJS copies', () => {
  runCases(
    [
      ['the process holds two copies of the class', { given: 'two copies', want: true }],
      ['an ESM error is an instance of the ESM class', { given: 'esm error, esm class', want: true }],
      ['an ESM error is an instance of the CommonJS class', { given: 'esm error, cjs class', want: true }],
      ['a CommonJS error is an instance of the ESM class', { given: 'cjs error, esm class', want: true }],
      ['a CommonJS error is an instance of the CommonJS class', { given: 'cjs error, cjs class', want: true }],
      ['it is still an Error', { given: 'still an Error', want: true }],
      ['control: a plain Error is not', { given: 'a plain Error', want: false }],
      ['control: an object that only looks like one is not', { given: 'an object with the name', want: false }],
      [
        'control: a Proxy whose trap throws is not, without throwing',
        { given: 'a Proxy whose get trap throws', want: false },
      ],
      ['a subclass recognises its own instances', { given: 'a subclass, its own instance', want: true }],
      [
        'a subclass does not claim the base class errors',
        { given: 'a subclass, the base class instance', want: false },
      ],
    ],
    (name) => verdicts[name],
  );
});
