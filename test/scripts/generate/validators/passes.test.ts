/**
 * The rewrite passes of the validator generator, each on a small input: AJV's own shapes, and the
 * near misses each pass must leave alone.
 */
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { boundedLoops } from '../../../../scripts/generate/validators/passes/bounded-loops.ts';
import { cheapTruncations } from '../../../../scripts/generate/validators/passes/cheap-truncations.ts';
import { compactErrorPushes } from '../../../../scripts/generate/validators/passes/compact-error-pushes.ts';
import { inlineSchemaReferences } from '../../../../scripts/generate/validators/passes/inline-schema-references.ts';
import { nullShortcuts } from '../../../../scripts/generate/validators/passes/null-shortcuts.ts';
import { numberChecks } from '../../../../scripts/generate/validators/passes/number-checks.ts';
import { readOnce } from '../../../../scripts/generate/validators/passes/read-once.ts';
import type { Pass } from '../../../../scripts/generate/validators/passes/syntax.ts';
import { withoutUnusedParameters } from '../../../../scripts/generate/validators/passes/without-unused-parameters.ts';
import { runCases, type Case } from '../../../support/cases.ts';
import { afterPass, laidOut } from './support.ts';

/** A table of a pass: code in, code out (both laid out by the printer before they are compared). */
function passCases(pass: Pass, cases: Case<string, string>[]): void {
  runCases(
    cases.map(([name, { given, want }]): Case<string, string> => [name, { given, want: laidOut(want) }]),
    (given) => afterPass(pass, given),
  );
}

const PUSH_ERR0 = 'if (vErrors === null) { vErrors = [err0]; } else { vErrors.push(err0); }';

describe('compactErrorPushes', () => {
  passCases(compactErrorPushes, [
    [
      "AJV's three statements",
      {
        given: `const err0 = { keyword: "type" };\n${PUSH_ERR0}\nerrors++;`,
        want: '(vErrors ??= []).push({ keyword: "type" });\nerrors++;',
      },
    ],
    [
      'in a nested block',
      {
        given: `if (data.id === undefined) { const err0 = { keyword: "required" };\n${PUSH_ERR0}\nerrors++; }`,
        want: 'if (data.id === undefined) { (vErrors ??= []).push({ keyword: "required" });\nerrors++; }',
      },
    ],
    [
      'a push of another error is left alone',
      {
        given: `const err1 = { keyword: "type" };\n${PUSH_ERR0}`,
        want: `const err1 = { keyword: "type" };\n${PUSH_ERR0}`,
      },
    ],
    [
      'an error that is not an object literal is left alone',
      { given: `const err0 = make();\n${PUSH_ERR0}`, want: `const err0 = make();\n${PUSH_ERR0}` },
    ],
  ]);
});

describe('numberChecks', () => {
  passCases(numberChecks, [
    [
      "AJV's integer test",
      {
        given:
          'if (!(((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0))) && (isFinite(data0)))) { bad(); }',
        want: 'if (!(Number.isInteger(data0))) { bad(); }',
      },
    ],
    [
      "AJV's number test",
      {
        given: 'if (!((typeof data1 == "number") && (isFinite(data1)))) { bad(); }',
        want: 'if (!(Number.isFinite(data1))) { bad(); }',
      },
    ],
    [
      'a test of two different values is left alone',
      {
        given: 'if (!((typeof data1 == "number") && (isFinite(data2)))) { bad(); }',
        want: 'if (!((typeof data1 == "number") && (isFinite(data2)))) { bad(); }',
      },
    ],
    [
      'a string test is left alone',
      {
        given: 'if (!((typeof data1 == "string") && (isFinite(data1)))) { bad(); }',
        want: 'if (!((typeof data1 == "string") && (isFinite(data1)))) { bad(); }',
      },
    ],
  ]);
});

describe('cheapTruncations', () => {
  passCases(cheapTruncations, [
    [
      "AJV's truncation after an anyOf branch passed",
      {
        given: 'if (_errs7) { vErrors.length = _errs7; } else { vErrors = null; }',
        want: 'if (_errs7) { while (vErrors.length > _errs7) vErrors.pop(); } else { vErrors = null; }',
      },
    ],
    ['a truncation to another length is left alone', { given: 'vErrors.length = 0;', want: 'vErrors.length = 0;' }],
  ]);
});

/** An `anyOf` of an object and null around `data3`, after `compactErrorPushes`, as AJV orders it. */
const anyOfWithNull = (nullValue = 'null', nullType = '"null"') => `
const _errs7 = errors;
let valid1 = false;
const _errs8 = errors;
if (data3 && typeof data3 == "object" && !Array.isArray(data3)) {} else { (vErrors ??= []).push({ params: { type: "object" } }); errors++; }
var _valid0 = _errs8 === errors;
valid1 = valid1 || _valid0;
if (!valid1) {
  const _errs12 = errors;
  if (data3 !== ${nullValue}) { (vErrors ??= []).push({ keyword: "type", params: { type: ${nullType} } }); errors++; }
  var _valid0 = _errs12 === errors;
  valid1 = valid1 || _valid0;
}
if (!valid1) { (vErrors ??= []).push({ keyword: "anyOf", params: {} }); errors++; } else { errors = _errs7; }`;

describe('nullShortcuts', () => {
  passCases(nullShortcuts, [
    [
      'an anyOf that admits null is skipped for null',
      {
        given: `check();${anyOfWithNull()}\ndone();`,
        want: `check();\nif (data3 !== null) {${anyOfWithNull()}\n}\ndone();`,
      },
    ],
    [
      'an anyOf without a null branch is left alone',
      { given: anyOfWithNull('undefined'), want: anyOfWithNull('undefined') },
    ],
    [
      'a branch that tests for null but reports another type is left alone',
      { given: anyOfWithNull('null', '"string"'), want: anyOfWithNull('null', '"string"') },
    ],
  ]);
});

describe('boundedLoops', () => {
  passCases(boundedLoops, [
    [
      'a loop over items stops at maxErrors errors',
      {
        given: 'for (let i0 = 0; i0 < len0; i0++) { check(data[i0]); }',
        want: 'for (let i0 = 0; i0 < len0; i0++) { check(data[i0]);\nif (errors >= maxErrors) break; }',
      },
    ],
    [
      'a nested loop stops too',
      {
        given: 'for (let i0 = 0; i0 < a; i0++) { for (let i1 = 0; i1 < b; i1++) { check(); } }',
        want: 'for (let i0 = 0; i0 < a; i0++) { for (let i1 = 0; i1 < b; i1++) { check();\nif (errors >= maxErrors) break; }\nif (errors >= maxErrors) break; }',
      },
    ],
    ['code without loops is left alone', { given: 'check(data);', want: 'check(data);' }],
  ]);
});

describe('readOnce', () => {
  passCases(readOnce, [
    [
      'a property read by a later statement is read once, before the first',
      {
        given: 'if (data.id === undefined) { missing(); }\nif (data.id !== undefined) { check(data.id); }',
        want: 'const read0 = data.id;\nif (read0 === undefined) { missing(); }\nif (read0 !== undefined) { check(read0); }',
      },
    ],
    [
      'a property read twice inside one statement is read in a block around it',
      {
        given: 'if (typeof data.x !== "string") { report(data.x); }',
        want: '{ const read0 = data.x;\nif (typeof read0 !== "string") { report(read0); } }',
      },
    ],
    [
      'a read behind && is not moved out of its condition',
      {
        given: 'if (ok && data.x === 1) { use(); }\nif (data.x) { use(); }',
        want: 'if (ok && data.x === 1) { use(); }\nif (data.x) { use(); }',
      },
    ],
    ['a property read once is left alone', { given: 'check(data.id);', want: 'check(data.id);' }],
  ]);

  it('refuses AJV output that assigns to a property of the data', () => {
    expect(() => afterPass(readOnce, 'data.id = 1;')).toThrow(
      'given.json#: AJV output assigns to a property of the data',
    );
  });
  it('refuses AJV output that updates the data', () => {
    expect(() => afterPass(readOnce, 'data++;')).toThrow('given.json#: AJV output updates the data');
  });
});

/** Statements of a module written as code, and the same laid out by the printer. */
const moduleOf = (code: string) =>
  ts.createSourceFile('given.js', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
const printModule = (statements: readonly ts.Statement[], source: ts.SourceFile) =>
  ts.createPrinter({ newLine: ts.NewLineKind.LineFeed }).printFile(ts.factory.updateSourceFile(source, statements));
/** Cases whose `want` is laid out by the printer, like what the pass returns. */
const laidOutModules = (cases: Case<string, string>[]): Case<string, string>[] =>
  cases.map(([name, { given, want }]) => [
    name,
    { given, want: printModule(moduleOf(want).statements, moduleOf(want)) },
  ]);

describe('inlineSchemaReferences', () => {
  const schema = { properties: { k: { enum: ['a', 'b'] } } };
  runCases(
    laidOutModules([
      [
        'a reference into the compiled schema becomes its literal, and the constant goes',
        {
          given: 'const schema11 = {};\nfunction validate10() { report(schema11.properties.k.enum); }',
          want: 'function validate10() { report(["a", "b"]); }',
        },
      ],
      [
        'a constant still referred to stays',
        {
          given: 'const schema11 = {};\nfunction validate10() { report(schema11); }',
          want: 'const schema11 = {};\nfunction validate10() { report(schema11); }',
        },
      ],
    ]),
    (given) => {
      const source = moduleOf(given);
      return printModule(inlineSchemaReferences(source.statements, schema, { where: 'given.json#' }), source);
    },
  );
  it('refuses a reference the schema cannot resolve', () => {
    const source = moduleOf('function validate10() { report(schema11.properties.nowhere.enum); }');
    expect(() => inlineSchemaReferences(source.statements, schema, { where: 'given.json#' })).toThrow(
      'given.json#: cannot resolve properties.nowhere.enum in the compiled schema',
    );
  });
});

describe('withoutUnusedParameters', () => {
  const AJV_PARAMETERS = '(data, {instancePath="", parentData, parentDataProperty, rootData=data}={})';
  const trimmed = (code: string) => {
    const source = moduleOf(code);
    const fn = withoutUnusedParameters(source.statements[0] as ts.FunctionDeclaration, { where: 'given.json#' });
    return printModule([fn], source);
  };
  runCases(
    laidOutModules([
      [
        'the parameters the runtime never passes go',
        {
          given: `function validate10${AJV_PARAMETERS} { return instancePath; }`,
          want: 'function validate10(data, { instancePath = "", maxErrors = Infinity } = {}) { return instancePath; }',
        },
      ],
    ]),
    trimmed,
  );
  it('refuses a body that already uses maxErrors', () => {
    expect(() => trimmed(`function validate10${AJV_PARAMETERS} { return maxErrors; }`)).toThrow(
      "given.json#: AJV's output already uses maxErrors",
    );
  });
  it('refuses a body that uses one of them', () => {
    expect(() => trimmed(`function validate10${AJV_PARAMETERS} { return rootData; }`)).toThrow(
      "given.json#: AJV's output uses rootData; the runtime does not pass it",
    );
  });
});
