/** Shared by the sync tests: the fixture documents, the change they make, and values of a given shape. */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { readOpenApiDocument } from '../../../scripts/sync/openapi-document.ts';
import {
  compareSpecs,
  specOfDocument,
  specOfSchema,
  type Change,
  type CompareOptions,
} from '../../../scripts/sync/compare.ts';
import type { Shape } from '../../../scripts/shared/schema-shape.ts';
import { loadSchema } from '../../../scripts/generate/model/index.ts';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/openapi/${name}`, import.meta.url));
interface FixtureChanges {
  addEventTypes: { type: string; after: string; details?: Record<string, unknown> }[];
  removeEventTypes: string[];
  setFields: { event: string; field: string; schema: Record<string, unknown> }[];
}
type Schemas = Record<string, Record<string, unknown> & { properties?: Record<string, unknown> }>;

/** `entries` with `[key, value]` inserted after `after` (at the end when `after` is absent). */
function insertAfter<T>(entries: [string, T][], after: string, key: string, value: T): [string, T][] {
  const at = entries.findIndex(([name]) => name === after);
  return at < 0 ? [...entries, [key, value]] : [...entries.slice(0, at + 1), [key, value], ...entries.slice(at + 1)];
}

/**
 * The package's own OpenAPI document in the flat shape OpenAI publishes (no per-event variants,
 * and none of the event types only the SDK declares: those the schema marks `x-sdk`), with the
 * changes of `test/fixtures/openapi/<name>.yaml` applied, written to a temporary file.
 */
function writeChangedDocument(name: string): string {
  const document = JSON.parse(readFileSync(join(ROOT, 'generated/openapi.json'), 'utf8')) as {
    components: { schemas: Schemas };
  };
  const changes = parse(readFileSync(fixture(`${name}.yaml`), 'utf8')) as FixtureChanges;
  const schemas = document.components.schemas;
  const auditLog = schemas.AuditLog!;
  delete auditLog.oneOf;
  const sdkOnly = new Set<string>();
  for (const name of Object.keys(schemas)) {
    if (name === 'AuditLog' || !name.endsWith('AuditLog')) continue;
    const variant = schemas[name] as { 'x-sdk'?: boolean; allOf?: { properties?: { type?: { const?: string } } }[] };
    const type = variant.allOf?.map((part) => part.properties?.type?.const).find((value) => value !== undefined);
    if (variant['x-sdk'] === true && type !== undefined) sdkOnly.add(type);
    delete schemas[name];
  }
  let types = (schemas.AuditLogEventType!.enum as string[]).filter((type) => !sdkOnly.has(type));
  let properties = Object.entries(auditLog.properties!).filter(([key]) => !sdkOnly.has(key));
  for (const { type, after, details } of changes.addEventTypes) {
    types = insertAfter(
      types.map((t) => [t, t] as [string, string]),
      after,
      type,
      type,
    ).map(([t]) => t);
    if (details !== undefined) properties = insertAfter(properties, after, type, details);
  }
  for (const type of changes.removeEventTypes) {
    types = types.filter((t) => t !== type);
    properties = properties.filter(([name]) => name !== type);
  }
  schemas.AuditLogEventType!.enum = types;
  auditLog.properties = Object.fromEntries(properties);
  for (const { event, field, schema } of changes.setFields) {
    const ref = (auditLog.properties[event] as { $ref?: string }).$ref;
    const details = ref
      ? schemas[ref.slice('#/components/schemas/'.length)]!
      : (auditLog.properties[event] as Schemas[string]);
    details.properties = { ...details.properties, [field]: schema };
  }
  // One fixed place, rewritten by each run (atomically: workers may write it at once), so nothing accumulates.
  const dir = join(tmpdir(), 'openai-audit-logs-tests');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name === 'changes' ? 'changed-event-types.json' : `${name}.json`);
  const partial = `${file}.${process.pid}`;
  writeFileSync(partial, `${JSON.stringify(document, null, 2)}\n`);
  renameSync(partial, file);
  return file;
}

/** The document that adds, removes and changes event types and fields (see `writeChangedDocument`). */
export const CHANGED = writeChangedDocument('changes');
/** The package's own document as OpenAI would publish it: no change but the x-sdk types left out. */
export const AS_PUBLISHED = writeChangedDocument('as-published');
/** The catch-up workflow's document: ahead of the SDK, contradicting nothing it declares (catch-up.yaml). */
export const CATCH_UP = writeChangedDocument('catch-up');

/** The differences between the schema and a document, as sync sees them. */
export function changesAgainst(
  file: string,
  schemaFile = `${ROOT}schema/audit-log.schema.json`,
  options?: CompareOptions,
): Change[] {
  const model = loadSchema(schemaFile, ROOT, { allowPlaceholders: true });
  return compareSpecs(specOfSchema(model), specOfDocument(readOpenApiDocument(file)), options);
}

/** A value of the shape's first JSON type, with every documented field filled. */
export function valueOf(shape: Shape): unknown {
  const type = shape.types.find((t) => t !== 'null') ?? shape.types[0];
  if (shape.enum) return JSON.parse(shape.enum[0]!);
  switch (type) {
    case 'string':
      return 'sample';
    case 'integer':
      return 7;
    case 'number':
      return 7.5;
    case 'boolean':
      return true;
    case 'array':
      return shape.items ? [valueOf(shape.items)] : [];
    case 'object':
      return Object.fromEntries(Object.entries(shape.properties ?? {}).map(([name, sub]) => [name, valueOf(sub)]));
    default:
      return null;
  }
}

/** A value of none of the shape's JSON types. */
export function wrongValueOf(shape: Shape): unknown {
  return shape.types.includes('string') ? { not: 'a string' } : 'not-a-' + shape.types.join('-or-');
}

/** Sets `value` at a dotted path (`data.scopes`) inside `target`. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const steps = path.split('.');
  let node = target;
  for (const step of steps.slice(0, -1)) node = (node[step] ??= {}) as Record<string, unknown>;
  node[steps[steps.length - 1]!] = value;
  return target;
}
