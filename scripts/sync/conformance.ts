/**
 * Conformance of the generated types with an OpenAPI document, judged by a second, independent
 * generator: openapi-typescript turns the document into TypeScript, and the TypeScript compiler
 * checks that every variant of our `AuditLog` (and each of its fields) is assignable to the
 * document's `AuditLog`, and that both event-type unions hold the same members.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { generateTypes } from '../generate/generate-types.ts';
import { loadSchema, type SchemaModel } from '../generate/model/index.ts';
import type { Shape } from '../shared/schema-shape.ts';
import { specOfSchema } from './compare.ts';
import type { AuditLogDocument } from './openapi-document.ts';
import { headline } from './report.ts';

export interface ConformanceProblem {
  /** The event type, or `AuditLogEventType` for the catalog itself. */
  event: string;
  /** Field path inside the log (`api_key.created.data.scopes`); empty for the whole log. */
  field: string;
  message: string;
}

export interface ConformanceResult {
  ok: boolean;
  checked: number;
  /** Catalog types the document lacks that are not marked `x-sdk`: removed upstream. */
  onlyOurs: string[];
  onlyTheirs: string[];
  /** Catalog types marked `x-sdk` that the document lacks: expected, reported, not checked. */
  sdkOnly: string[];
  problems: ConformanceProblem[];
}

export interface ConformanceOptions {
  /** The schema whose catalog is checked (default schema/audit-log.schema.json). */
  model?: SchemaModel;
}

type Step = { key: string } | { items: true };

/** Every field path of a shape, parents before children. */
function paths(shape: Shape, prefix: Step[] = []): Step[][] {
  const out: Step[][] = [];
  for (const [key, sub] of Object.entries(shape.properties ?? {})) {
    const at = [...prefix, { key }];
    out.push(at, ...paths(sub, at));
    if (sub.items) out.push(...paths(sub.items, [...at, { items: true }]));
  }
  return out;
}

const PRELUDE = `
type Pick1<T, K extends PropertyKey> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;
/** The type of field K, whichever member of a union has it; unknown when none has (nothing to check). */
type Step<T, K extends PropertyKey> = [Pick1<NonNullable<T>, K>] extends [never] ? unknown : Pick1<NonNullable<T>, K>;
type Item<T> = NonNullable<T> extends readonly (infer I)[] ? I : unknown;
type Theirs = components["schemas"]["AuditLog"];
type TheirsEventType = components["schemas"]["AuditLogEventType"];
type OnlyOurs = Exclude<Ours.AuditLogEventType, TheirsEventType>;
type OnlyTheirs = Exclude<TheirsEventType, Ours.AuditLogEventType>;
`;

export async function checkConformance(
  document: AuditLogDocument,
  options: ConformanceOptions = {},
): Promise<ConformanceResult> {
  const model = options.model ?? loadSchema();
  // Only the component schemas: the rest of a full description may refer to things an extract lacks.
  const components = {
    openapi: document.openapi,
    info: { title: 'audit logs', version: '0' },
    paths: {},
    components: { schemas: document.components },
  };
  // `emptyObjectsUnknown`: in JSON Schema a bare `type: object` allows any members (not `Record<string, never>`).
  const theirs = astToString(await openapiTS(components as never, { silent: true, emptyObjectsUnknown: true }));

  const { checks, lines, firstCheck } = checkLines(model);

  const dir = mkdtempSync(join(tmpdir(), 'audit-log-conformance-'));
  try {
    writeFileSync(join(dir, 'openapi.ts'), theirs);
    // The types the schema generates now (not what generated/ holds, which may be stale).
    writeFileSync(join(dir, 'ours.ts'), (await generateTypes(model)).contents);
    const checkFile = join(dir, 'check.ts');
    writeFileSync(checkFile, `${lines.join('\n')}\n`);
    const { problems, members } = compileChecks(checkFile, checks, firstCheck);
    // Only the SDK declares these (`x-sdk`): the document lacking them is no removal.
    const sdkOnly = new Set(specOfSchema(model).sdkOnly);
    const ours = members('OnlyOurs');
    const onlyOurs = ours.filter((type) => !sdkOnly.has(type));
    const onlyTheirs = members('OnlyTheirs');
    return {
      ok: problems.length === 0 && onlyOurs.length === 0 && onlyTheirs.length === 0,
      checked: checks.length,
      onlyOurs,
      onlyTheirs,
      sdkOnly: ours.filter((type) => sdkOnly.has(type)),
      problems: deepest(problems),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The check file's lines: one assignment of our type to theirs per event and per field of its details. */
function checkLines(model: SchemaModel): {
  checks: { event: string; field: string }[];
  lines: string[];
  firstCheck: number;
} {
  const checks: { event: string; field: string }[] = [];
  const lines = [
    'import type * as Ours from "./ours.ts";',
    'import type { components } from "./openapi.ts";',
    ...PRELUDE.trim().split('\n'),
  ];
  const firstCheck = lines.length;
  const spec = specOfSchema(model);
  // Only the SDK declares these: the document's AuditLog cannot hold them, which is no disagreement.
  const sdkOnly = new Set(spec.sdkOnly);
  const addCheck = (event: string, field: string, ours: string, theirsType: string) => {
    const index = checks.push({ event, field }) - 1;
    lines.push(`declare const o${index}: ${ours}; export const t${index}: ${theirsType} = o${index};`);
  };
  for (const event of model.events) {
    if (sdkOnly.has(event.type)) continue;
    const variant = `Ours.${event.variantDef}`;
    addCheck(event.type, '', variant, 'Theirs');
    const details = spec.details[event.type];
    if (!details) continue;
    for (const path of [[], ...paths(details)] as Step[][]) {
      const steps = [{ key: event.type }, ...path];
      const apply = (start: string) =>
        steps.reduce(
          (type, step) => ('key' in step ? `Step<${type}, ${JSON.stringify(step.key)}>` : `Item<${type}>`),
          start,
        );
      const field = steps
        .map((step) => ('key' in step ? step.key : '[]'))
        .join('.')
        .replace(/\.\[\]/g, '[]');
      addCheck(event.type, field, apply(variant), apply('Theirs'));
    }
  }
  return { checks, lines, firstCheck };
}

/** Compiles the check file: each failing line as a problem, and a type alias's members by name. */
function compileChecks(
  checkFile: string,
  checks: readonly { event: string; field: string }[],
  firstCheck: number,
): { problems: ConformanceProblem[]; members: (alias: string) => string[] } {
  const program = ts.createProgram([checkFile], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    types: [],
  });
  const source = program.getSourceFile(checkFile)!;
  const diagnostics = ts.getPreEmitDiagnostics(program);
  const problems: ConformanceProblem[] = [];
  for (const diagnostic of diagnostics) {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    const line =
      diagnostic.file === source && diagnostic.start !== undefined
        ? source.getLineAndCharacterOfPosition(diagnostic.start).line
        : -1;
    const check = checks[line - firstCheck];
    if (!check) throw new Error(`the conformance check does not compile: ${message}`);
    problems.push({ ...check, message });
  }
  const checker = program.getTypeChecker();
  const members = (alias: string): string[] => {
    const declaration = source.statements.find(
      (statement) => ts.isTypeAliasDeclaration(statement) && statement.name.text === alias,
    )!;
    const type = checker.getTypeAtLocation(declaration);
    return (type.isUnion() ? type.types : type.flags & ts.TypeFlags.Never ? [] : [type]).map((member) =>
      member.isStringLiteral() ? member.value : checker.typeToString(member),
    );
  };
  return { problems, members };
}

/** A field that fails makes its parents fail too: report the deepest failing fields, and whole logs only when no field explains them. */
function deepest(problems: ConformanceProblem[]): ConformanceProblem[] {
  return problems.filter(
    (problem) =>
      !problems.some(
        (other) =>
          other !== problem &&
          other.event === problem.event &&
          (problem.field === ''
            ? other.field !== ''
            : other.field.startsWith(`${problem.field}.`) || other.field.startsWith(`${problem.field}[]`)),
      ),
  );
}

/** The same first line as the default report's, then what the compiler found. */
export function formatConformance(result: ConformanceResult, source: string, target: string): string {
  const lines: string[] = [];
  if (result.onlyOurs.length > 0)
    lines.push(`Event types removed (the catalog has them, ${source} does not): ${result.onlyOurs.join(', ')}`);
  if (result.onlyTheirs.length > 0)
    lines.push(`Event types added (only in ${source}): ${result.onlyTheirs.join(', ')}`);
  for (const problem of result.problems) {
    const where = problem.field === '' ? `event ${problem.event}` : `event ${problem.event}, field ${problem.field}`;
    lines.push(
      `${where}: not assignable to ${source}'s AuditLog\n    ${problem.message.split('\n').slice(0, 4).join('\n    ')}`,
    );
  }
  const sdkOnly =
    result.sdkOnly.length > 0
      ? [`Event types in the catalog but absent from ${source} (kept): ${result.sdkOnly.join(', ')}`]
      : [];
  const title = headline(target, source, {
    actionable: result.ok ? 0 : 1,
    informational: result.sdkOnly.length,
  });
  if (result.ok)
    return [
      `${title}: the generated types are assignable to its AuditLog (${result.checked} checks through openapi-typescript).`,
      ...sdkOnly.map((line) => `  ${line}`),
    ].join('\n');
  return [
    `${title}: the generated types are not assignable to its AuditLog:`,
    ...[...lines, ...sdkOnly].map((line) => `  ${line}`),
  ].join('\n');
}
