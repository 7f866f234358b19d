/**
 * ECS conformance of a document, judged by ECS's own field definitions (`EcsFlat` of the
 * `@elastic/ecs` package), not by our reading of them: every field is an ECS field or sits under
 * `openai.`, has the field's type, uses its allowed values, and each `event.type` is one that each
 * `event.category` of the document expects; the fields ECS requires are there. Used by the unit
 * tests (every catalog type) and the fuzz project (schema-derived logs).
 */
import { isIP } from 'node:net';
import { EcsFlat } from '@elastic/ecs';

interface FieldDefinition {
  type: string;
  normalize?: string[];
  required?: boolean;
  allowed_values?: { name: string; expected_event_types?: string[] }[];
}

const FIELDS = EcsFlat as unknown as Record<string, FieldDefinition>;
const has = (path: string) => Object.prototype.hasOwnProperty.call(FIELDS, path);

/** Where our own fields live: ECS's custom-field advice, a top-level name of the vendor's. */
export const CUSTOM_PREFIX = 'openai.';

const STRING_TYPES = new Set(['keyword', 'constant_keyword', 'wildcard', 'match_only_text', 'text']);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** Why `value` is not a value of an ECS field of `type`, or undefined when it is one. */
function typeProblem(type: string, value: unknown): string | undefined {
  if (STRING_TYPES.has(type)) return typeof value === 'string' ? undefined : 'not a string';
  switch (type) {
    case 'date':
      return typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value))
        ? undefined
        : 'not an ISO 8601 date';
    case 'ip':
      return typeof value === 'string' && isIP(value) !== 0 ? undefined : 'not an IP address';
    case 'long':
    case 'integer':
      return Number.isSafeInteger(value) ? undefined : 'not an integer';
    case 'geo_point': {
      const point = value as { lat?: unknown; lon?: unknown };
      const ok =
        typeof value === 'object' &&
        value !== null &&
        Object.keys(value).sort().join() === 'lat,lon' &&
        typeof point.lat === 'number' &&
        typeof point.lon === 'number' &&
        Math.abs(point.lat) <= 90 &&
        Math.abs(point.lon) <= 180;
      return ok ? undefined : 'not a { lat, lon } geo point';
    }
    default:
      return `of ECS type ${type}, which the check does not know`;
  }
}

/** Every leaf of `doc` as [dotted path, value]; an object that is an ECS geo_point field is one leaf. */
export function flatten(doc: unknown, prefix = ''): [string, unknown][] {
  if (
    typeof doc !== 'object' ||
    doc === null ||
    Array.isArray(doc) ||
    (prefix !== '' && FIELDS[prefix]?.type === 'geo_point')
  )
    return [[prefix, doc]];
  return Object.entries(doc).flatMap(([key, value]) => flatten(value, prefix === '' ? key : `${prefix}.${key}`));
}

/** What is wrong with one ECS field's value: its type, its array-ness, its allowed values. */
function fieldProblems(path: string, value: unknown): string[] {
  const field = FIELDS[path]!;
  const isArray = Array.isArray(value);
  if (isArray && !(field.normalize ?? []).includes('array')) return [`${path}: an array, and ECS keeps it single`];
  const values = isArray ? (value as unknown[]) : [value];
  if (isArray && values.length === 0) return [`${path}: an empty array`];
  const problems: string[] = [];
  for (const item of values) {
    const problem = typeProblem(field.type, item);
    if (problem !== undefined) problems.push(`${path}: ${JSON.stringify(item)} is ${problem}`);
    const allowed = field.allowed_values?.map(({ name }) => name);
    if (allowed !== undefined && !allowed.includes(item as string))
      problems.push(`${path}: ${JSON.stringify(item)} is not one of ECS's allowed values`);
  }
  return problems;
}

/** The fields ECS requires; read once, as the fuzz project asks for thousands of documents. */
const REQUIRED = Object.entries(FIELDS)
  .filter(([, field]) => field.required === true)
  .map(([path]) => path);

/** The event.type values each event.category expects. */
const EXPECTED_TYPES = new Map(
  (FIELDS['event.category']!.allowed_values ?? []).map(({ name, expected_event_types }) => [
    name,
    expected_event_types ?? [],
  ]),
);

/** Each event.type must be one that every event.category of the document expects. */
function categoryProblems(categories: unknown, types: unknown): string[] {
  const problems: string[] = [];
  for (const category of [categories].flat())
    for (const type of [types].flat())
      if (!(EXPECTED_TYPES.get(category as string) ?? []).includes(type as string))
        problems.push(`event.type ${String(type)} is not one that event.category ${String(category)} expects`);
  return problems;
}

/** Every way `doc` departs from ECS, one line each; an empty list for a conformant document. */
export function ecsProblems(doc: unknown): string[] {
  const leaves = flatten(doc);
  const problems: string[] = [];
  const present = new Set<string>();
  for (const [path, value] of leaves) {
    present.add(path);
    if (path.startsWith(CUSTOM_PREFIX)) continue;
    if (!has(path)) {
      problems.push(`${path}: not an ECS field, and not under ${CUSTOM_PREFIX}`);
      continue;
    }
    if (value === undefined || value === null) problems.push(`${path}: ${String(value)}`);
    else problems.push(...fieldProblems(path, value));
  }
  for (const path of REQUIRED) if (!present.has(path)) problems.push(`${path}: required by ECS, missing`);
  const event = (doc as { event?: { category?: unknown; type?: unknown } }).event;
  problems.push(...categoryProblems(event?.category, event?.type));
  return problems;
}

/** The ECS fields of `doc` (its leaves outside `openai.`), for tests that want to see which are emitted. */
export const ecsFieldsOf = (doc: unknown): string[] =>
  flatten(doc)
    .map(([path]) => path)
    .filter((path) => !path.startsWith(CUSTOM_PREFIX));
