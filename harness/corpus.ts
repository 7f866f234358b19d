/**
 * Deterministic corpora for the benchmark, derived from a schema document (the canonical one, or
 * the 10x clone of the scale run): valid audit logs of every event type with realistic sizes
 * and undocumented extras, and invalid ones with one or several errors each.
 */
import { followReferences } from '../scripts/shared/schema-traversal.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonSchema = { [keyword: string]: unknown };
export interface SchemaDocument extends JsonSchema {
  $defs: Record<string, JsonSchema>;
  oneOf: { $ref: string }[];
}

/** The seed and size of the corpora the benchmark times and the floor's test checks. */
export const CORPUS_SEED = 0x5eed;
export const CORPUS_SIZE = 1024;

/** mulberry32: small, fast, and the same sequence on every machine for a given seed. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface CorpusEvent {
  type: string;
  /** The details definition, absent for events that carry none. */
  details?: JsonSchema;
}

/** The event types of a schema document in its order, each with its details definition. */
export function eventsOf(schema: SchemaDocument): CorpusEvent[] {
  return schema.oneOf.map(({ $ref }) => {
    const variant = schema.$defs[$ref.slice('#/$defs/'.length)]!;
    const properties = variant.properties as Record<string, JsonSchema>;
    const type = (properties.type as { const: string }).const;
    const ref = properties[type]?.$ref as string | undefined;
    return { type, ...(ref ? { details: schema.$defs[ref.slice('#/$defs/'.length)]! } : {}) };
  });
}

const resolve = (schema: SchemaDocument, node: JsonSchema): JsonSchema => followReferences(node, schema.$defs);

const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];

export function generateCorpora(
  schema: SchemaDocument,
  seed: number,
  size: number,
): { valid: unknown[]; invalid: unknown[] } {
  const next = random(seed);
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const text = (hint: string) => {
    // Identifiers, names and emails of the lengths real logs carry (8..40 characters).
    const length = 1 + int(4);
    let out = hint;
    for (let i = 0; i < length; i++) out += `_${pick(WORDS)}${int(10_000)}`;
    return out;
  };
  const extra = (): Json =>
    pick<Json>([{ note: text('x'), tags: [text('t'), text('t')] }, text('extra'), int(1000), true, null]);

  const sample = (node: JsonSchema, hint: string): Json => {
    const s = resolve(schema, node);
    if (s.const !== undefined) return s.const as Json;
    if (Array.isArray(s.enum)) return pick(s.enum as Json[]);
    if (Array.isArray(s.anyOf)) return sample(pick(s.anyOf as JsonSchema[]), hint);
    switch (Array.isArray(s.type) ? s.type[0] : s.type) {
      case 'string':
        return text(hint);
      case 'integer':
        return int(1_000_000);
      case 'number':
        return next() * 1000;
      case 'boolean':
        return next() < 0.5;
      case 'null':
        return null;
      case 'array':
        return Array.from({ length: int(5) }, () => sample(s.items as JsonSchema, hint));
      case 'object': {
        const out: Record<string, Json> = {};
        const required = (s.required ?? []) as string[];
        for (const [name, sub] of Object.entries((s.properties ?? {}) as Record<string, JsonSchema>)) {
          // Optional fields are sometimes absent, as in real payloads.
          if (required.includes(name) || next() < 0.9) out[name] = sample(sub, name);
        }
        if (next() < 0.3) out[`undocumented_${int(3)}`] = extra();
        return out;
      }
      default:
        throw new Error(`no sample for ${JSON.stringify(s)}`);
    }
  };

  const catalog = eventsOf(schema);
  const actor = (): Json => {
    const user = { id: text('user'), email: `${text('user')}@example.com` };
    switch (int(5)) {
      case 0:
        return null;
      case 1:
        return { type: 'api_key', api_key: { id: text('key'), type: 'user', user } };
      case 2:
        return {
          type: 'api_key',
          api_key: { id: text('key'), type: 'service_account', service_account: { id: text('svc') } },
        };
      default:
        return {
          type: 'session',
          session: {
            user,
            ip_address: `10.${int(256)}.${int(256)}.${int(256)}`,
            user_agent: 'Mozilla/5.0',
            ja3: text('ja3'),
          },
        };
    }
  };
  const validLog = (entry: CorpusEvent): Record<string, Json> => {
    const log: Record<string, Json> = {
      id: text('audit_log'),
      type: entry.type,
      effective_at: 1_700_000_000 + int(50_000_000),
    };
    if (next() < 0.8) log.object = 'organization.audit_log';
    if (next() < 0.7) log.project = { id: text('proj'), name: text('name') };
    if (next() < 0.95) log.actor = actor();
    if (entry.details && next() < 0.95) log[entry.type] = sample(entry.details, entry.type);
    return log;
  };

  // Every type appears at least once; the rest are drawn at random.
  const valid = Array.from({ length: size }, (_, i) => validLog(i < catalog.length ? catalog[i]! : pick(catalog)));

  const anyDetails = catalog.filter((entry) => entry.details);
  const withDetails = catalog.filter((entry) => entry.details && Object.keys(entry.details.properties ?? {}).length);
  const mutations: ((log: Record<string, Json>) => Json)[] = [
    (log) => ({ ...log, id: int(1000) }),
    (log) => ({ ...log, type: `${JSON.stringify(log.type)}_unknown` }),
    (log) => ({ ...log, type: 42 }),
    (log) => ({ ...log, effective_at: 1.5 }),
    (log) => ({ ...log, effective_at: JSON.stringify(log.effective_at) }),
    (log) => ({ ...log, effective_at: Number.NaN }),
    (log) => {
      const { id: _id, effective_at: _at, ...rest } = log;
      return rest;
    },
    (log) => ({ ...log, project: 'proj_1' }),
    (log) => ({ ...log, project: { id: 7, name: false } }),
    (log) => ({ ...log, actor: { type: 'robot' } }),
    (log) => ({ ...log, actor: { type: 'api_key', api_key: { id: 1, type: 'bot', user: { id: 2, email: 3 } } } }),
    (log) => ({ ...log, actor: [] }),
    // A details object of the wrong JSON type, or one with every documented field wrong.
    (log) => ({ ...log, [pick(anyDetails).type]: pick<Json>([null, [], 'details']) }),
    (log) => {
      const entry = pick(withDetails);
      const bad: Record<string, Json> = {};
      for (const [name, sub] of Object.entries(
        resolve(schema, entry.details!).properties as Record<string, JsonSchema>,
      )) {
        bad[name] = resolve(schema, sub).type === 'string' ? int(100) : text('wrong');
      }
      // Another type's details key: it is checked too.
      return { ...log, [entry.type]: bad };
    },
    () => pick<Json>([null, 'audit_log', 42, [], true]),
  ];
  const invalid = Array.from({ length: size }, (_, i) => {
    let log: Json = validLog(pick(catalog));
    // Most have one error; some have several.
    const count = next() < 0.75 ? 1 : 2 + int(3);
    for (let m = 0; m < count && typeof log === 'object' && log !== null && !Array.isArray(log); m++) {
      log = mutations[(i + m * 7) % mutations.length]!(log);
    }
    return log;
  });
  settle(valid);
  settle(invalid);
  return { valid, invalid };
}

/**
 * Reads every property of every object in `values`, so that each object has the current version
 * of its hidden class before anything is timed. Building the corpora deprecates hidden classes
 * (a field that held strings gets a number in a later log, and V8 generalises the field for
 * every log of that shape); an object keeps its deprecated class until something reads it, and
 * the first `for...in` over such an object takes V8's slow path and marks that loop generic for
 * good. Logs parsed from a stream are validated as soon as they are made and never carry a
 * deprecated class, so without this the benchmark would time whichever validator touched the
 * corpus first on a state real input does not produce.
 */
function settle(values: unknown[]): void {
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    for (const key of Object.keys(value)) visit((value as Record<string, unknown>)[key]);
  };
  for (const value of values) visit(value);
}
