/**
 * The floor: a hand-written validator of the package's contract, as fast as plain JavaScript
 * gets (a boolean, no errors, no try/catch). What a careful engineer would write by hand is the
 * check of each details *shape*; which event has which shape, and which event types exist, is
 * read from the schema. So a new event type with a known shape needs nothing here, and a new
 * shape needs one check, named after the first event that has it (the name of its generated
 * module, `generated/validators/shapes/<event>.ts`). Until it has one, the floor says so rather
 * than fail: `coverage` counts the shapes it covers, `missingShapes` names the others, and
 * `judges` tells the payloads it can judge (those without details of an uncovered shape), which
 * are the only ones the benchmark compares it on. Like src/validate.ts, it reads a log in one
 * pass over its keys; `validateByName`, the same checks reading the envelope by name, is the
 * benchmark's control for what that pass is worth.
 */
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { validatorParts } from '../scripts/generate/validators/layout.ts';
import { checkSchema, loadSchema, type SchemaModel } from '../scripts/generate/model/index.ts';

type Obj = Record<string, unknown>;
type Check = (value: unknown) => boolean;

const obj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => v === undefined || typeof v === 'string';
const strOrNull = (v: unknown) => v === undefined || v === null || typeof v === 'string';
const bool = (v: unknown) => v === undefined || typeof v === 'boolean';
// Number.isInteger is false for NaN, ±Infinity and fractions: the contract's integer.
const int = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isInteger(v));
// The contract's number is finite.
const num = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v));
const optObj = (v: unknown) => v === undefined || obj(v);
const strings = (v: unknown) => {
  if (v === undefined) return true;
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return false;
  return true;
};
const namedList = (v: unknown) => {
  if (v === undefined) return true;
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) {
    const item: unknown = v[i];
    if (!obj(item) || !str(item.id) || !str(item.name)) return false;
  }
  return true;
};
const user = (v: unknown) => v === undefined || (obj(v) && str(v.id) && str(v.email));
/** `v` absent, or an object passing `check`: a nested object such as `data` or `changes_requested`. */
const within = (v: unknown, check: (o: Obj) => boolean) => v === undefined || (obj(v) && check(v));

const BOUND_SOURCES = [
  'role_toggle',
  'role_connector_update',
  'role_delete',
  'workspace_permissions',
  'connector_publish',
];

// Every field named in the code (`p.bucket`), not looked up from a list: a check written for
// one shape, as a careful engineer writes it, rather than a generic helper with keyed reads.
const PROVIDERS: Record<string, (p: Obj) => boolean> = {
  aws: (p) =>
    typeof p.account_id === 'string' &&
    typeof p.bucket === 'string' &&
    typeof p.external_id === 'string' &&
    typeof p.region === 'string' &&
    typeof p.role_arn === 'string',
  azure: (p) =>
    typeof p.account_name === 'string' &&
    typeof p.container === 'string' &&
    typeof p.region === 'string' &&
    typeof p.resource_group === 'string' &&
    typeof p.subscription_id === 'string' &&
    typeof p.tenant_id === 'string',
  gcp: (p) =>
    typeof p.audience === 'string' &&
    typeof p.bucket === 'string' &&
    typeof p.region === 'string' &&
    typeof p.workload_identity_pool_id === 'string' &&
    typeof p.workload_identity_project_number === 'string' &&
    typeof p.workload_identity_provider_id === 'string',
  oci: (p) => typeof p.bucket === 'string' && typeof p.region === 'string' && typeof p.tenancy_ocid === 'string',
};

/** The check of every details shape, keyed by the first event that has it. */
export const SHAPE_CHECKS: Readonly<Record<string, Check>> = {
  'api_key.created': (d) => obj(d) && str(d.id) && within(d.data, (x) => strings(x.scopes)),
  'api_key.updated': (d) =>
    obj(d) && str(d.id) && within(d.changes_requested, (c) => strings(c.scopes) && num(c.expires_in_seconds)),
  'api_key.deleted': (d) => obj(d) && str(d.id),
  'certificate.created': (d) => obj(d) && str(d.id) && str(d.name),
  'certificate.deleted': (d) => obj(d) && str(d.id) && str(d.name) && str(d.certificate),
  'certificates.activated': (d) => obj(d) && namedList(d.certificates),
  'checkpoint.permission.created': (d) =>
    obj(d) && str(d.id) && within(d.data, (x) => str(x.project_id) && str(x.fine_tuned_model_checkpoint)),
  'external_key.registered': (d) => obj(d) && str(d.id) && optObj(d.data),
  'external_storage.registered': (d) =>
    obj(d) &&
    str(d.id) &&
    within(
      d.data,
      (x) =>
        str(x.geography) &&
        within(x.provider, (p) => {
          const type = p.type;
          // Each provider pins `type`: the one whose `type` it is must fit.
          const check =
            typeof type === 'string' && Object.prototype.hasOwnProperty.call(PROVIDERS, type)
              ? PROVIDERS[type]
              : undefined;
          return check !== undefined && check(p);
        }),
    ),
  'group.created': (d) => obj(d) && str(d.id) && within(d.data, (x) => str(x.group_name)),
  'group.updated': (d) => obj(d) && str(d.id) && within(d.changes_requested, (c) => str(c.group_name)),
  'invite.sent': (d) => obj(d) && str(d.id) && within(d.data, (x) => str(x.email) && str(x.role)),
  'ip_allowlist.created': (d) => obj(d) && str(d.id) && str(d.name) && strings(d.allowed_ips),
  'ip_allowlist.updated': (d) => obj(d) && str(d.id) && strings(d.allowed_ips),
  'ip_allowlist.config.activated': (d) => obj(d) && namedList(d.configs),
  'login.succeeded': obj,
  'login.failed': (d) => obj(d) && str(d.error_code) && str(d.error_message),
  'organization.updated': (d) =>
    obj(d) &&
    str(d.id) &&
    within(
      d.changes_requested,
      (c) =>
        str(c.title) &&
        str(c.description) &&
        str(c.name) &&
        str(c.threads_ui_visibility) &&
        str(c.usage_dashboard_visibility) &&
        str(c.api_call_logging) &&
        str(c.api_call_logging_project_ids),
    ),
  'project.created': (d) => obj(d) && str(d.id) && within(d.data, (x) => str(x.name) && str(x.title)),
  'project.updated': (d) => obj(d) && str(d.id) && within(d.changes_requested, (c) => str(c.title)),
  'rate_limit.updated': (d) =>
    obj(d) &&
    str(d.id) &&
    within(
      d.changes_requested,
      (c) =>
        int(c.max_requests_per_1_minute) &&
        int(c.max_tokens_per_1_minute) &&
        int(c.max_images_per_1_minute) &&
        int(c.max_audio_megabytes_per_1_minute) &&
        int(c.max_requests_per_1_day) &&
        int(c.batch_1_day_max_input_tokens),
    ),
  'workload_identity_provider.updated': (d) => obj(d) && str(d.id) && optObj(d.changes_requested),
  'workload_identity_provider_mapping.created': (d) =>
    obj(d) && str(d.id) && str(d.identity_provider_id) && optObj(d.data),
  'workload_identity_provider_mapping.updated': (d) =>
    obj(d) && str(d.id) && str(d.identity_provider_id) && optObj(d.changes_requested),
  'workload_identity_provider_mapping.deleted': (d) =>
    obj(d) && str(d.id) && str(d.identity_provider_id) && str(d.project_id) && str(d.service_account_id),
  'role.created': (d) =>
    obj(d) && str(d.id) && str(d.role_name) && str(d.resource_type) && str(d.resource_id) && strings(d.permissions),
  'role.updated': (d) =>
    obj(d) &&
    str(d.id) &&
    within(
      d.changes_requested,
      (c) =>
        str(c.role_name) &&
        str(c.resource_id) &&
        str(c.resource_type) &&
        strings(c.permissions_added) &&
        strings(c.permissions_removed) &&
        str(c.description) &&
        optObj(c.metadata),
    ),
  'role.assignment.created': (d) =>
    obj(d) && str(d.id) && str(d.principal_id) && str(d.principal_type) && str(d.resource_id) && str(d.resource_type),
  'role.bound_to_resource': (d) =>
    obj(d) &&
    str(d.id) &&
    str(d.role_id) &&
    str(d.resource_id) &&
    str(d.resource_type) &&
    str(d.workspace_id) &&
    str(d.connector_id) &&
    str(d.connector_name) &&
    strings(d.permissions) &&
    bool(d.enabled) &&
    (d.source === undefined || BOUND_SOURCES.includes(d.source as string)),
  'service_account.created': (d) => obj(d) && str(d.id) && within(d.data, (x) => str(x.role)),
  'service_account.updated': (d) => obj(d) && str(d.id) && within(d.changes_requested, (c) => str(c.role)),
};

/**
 * The shape each check was written for: a fingerprint of the compiled details schema. A check is
 * found by the fingerprint, not the name, so a shape that changes (a field added, a type changed)
 * is named as missing until its check is reviewed, and a shape that passes to another first event
 * keeps its check. The test of the floor names each shape without a check, with its fingerprint.
 */
export const SHAPE_FINGERPRINTS: Readonly<Record<string, string>> = {
  'api_key.created': 'edf9fdcce586',
  'api_key.updated': 'c735338e63ee',
  'api_key.deleted': 'b1d7d51f459e',
  'certificate.created': '0e13c4a7efff',
  'certificate.deleted': 'ddec4c253758',
  'certificates.activated': '3391760672d0',
  'checkpoint.permission.created': 'e14833d9646d',
  'external_key.registered': '780725ddb8ad',
  'external_storage.registered': '0c16455e69a3',
  'group.created': 'b4e956106a25',
  'group.updated': 'f26d8fc06d96',
  'invite.sent': '5b2a01d1dbdb',
  'ip_allowlist.created': '415f465a467c',
  'ip_allowlist.updated': '25ee952ffb15',
  'ip_allowlist.config.activated': '20d6a71e1884',
  'login.succeeded': 'a2c799262a3c',
  'login.failed': '50c35aa0aa6a',
  'organization.updated': 'd4e877b4e3d7',
  'project.created': '9decd4536f94',
  'project.updated': 'c5caa325c170',
  'rate_limit.updated': 'e53464889aaf',
  'workload_identity_provider.updated': 'b17b5020e8c0',
  'workload_identity_provider_mapping.created': '6d0ac8c69f2f',
  'workload_identity_provider_mapping.updated': 'b2fbe4508bfb',
  'workload_identity_provider_mapping.deleted': '410f315dc1be',
  'role.created': '8711bcc79654',
  'role.updated': '9af65b033df9',
  'role.assignment.created': '86ed584ccef3',
  'role.bound_to_resource': '9262336f3781',
  'service_account.created': '05fe4228a86e',
  'service_account.updated': '99cec1bf96e5',
};

/** A details shape's fingerprint: the first 12 hex digits of the SHA-256 of its compiled schema. */
export const fingerprintOf = (compiled: unknown): string =>
  createHash('sha256').update(JSON.stringify(compiled)).digest('hex').slice(0, 12);

const IP_DETAILS = ['country', 'city', 'region', 'region_code', 'asn', 'latitude', 'longitude'];

function session(s: unknown): boolean {
  if (s === undefined) return true;
  if (
    !obj(s) ||
    !user(s.user) ||
    !str(s.ip_address) ||
    !strOrNull(s.user_agent) ||
    !strOrNull(s.ja3) ||
    !strOrNull(s.ja4)
  )
    return false;
  const details = s.ip_address_details;
  if (details === undefined || details === null) return true;
  if (!obj(details)) return false;
  for (const field of IP_DETAILS) if (!strOrNull(details[field])) return false;
  return true;
}

function actor(a: unknown): boolean {
  if (a === undefined || a === null) return true;
  if (!obj(a)) return false;
  if (a.type !== undefined && a.type !== 'session' && a.type !== 'api_key') return false;
  if (!session(a.session)) return false;
  const key = a.api_key;
  if (key === undefined) return true;
  if (!obj(key) || !str(key.id) || !user(key.user)) return false;
  if (key.type !== undefined && key.type !== 'user' && key.type !== 'service_account') return false;
  const account = key.service_account;
  return account === undefined || (obj(account) && str(account.id));
}

export interface Floor {
  validate: (value: unknown) => boolean;
  /** The same verdict, the envelope's fields read by name: a control, slower on logs of many shapes. */
  validateByName: (value: unknown) => boolean;
  /** The details shapes of the schema without a check written for them: `<first event> (shape <fingerprint>)`. */
  missingShapes: string[];
  /** The event types whose details shape has no check: the floor cannot judge their details. */
  unchecked: ReadonlySet<string>;
  /** How many of the catalog's distinct details shapes have a check. */
  coverage: { covered: number; total: number };
  /** Whether the floor can judge `value`: it carries no details of a shape without a check. */
  judges: (value: unknown) => boolean;
}

/** `floor covers 31 of 32 shapes (missing: webhook.created (shape 1a2b3c4d5e6f))`: what `npm run bench` prints. */
export function describeCoverage(floor: Pick<Floor, 'coverage' | 'missingShapes'>): string {
  const { covered, total } = floor.coverage;
  const missing = floor.missingShapes.length > 0 ? ` (missing: ${floor.missingShapes.join(', ')})` : '';
  return `floor covers ${covered} of ${total} shapes${missing}`;
}

/** The floor for the catalog of `model`: event types and details shapes read from it, checks written by hand. */
export function floorFor(model: SchemaModel): Floor {
  const types = new Set(model.events.map((event) => event.type));
  // A null prototype, so that only own entries match a key of the log.
  const details: Record<string, Check | undefined> = Object.create(null) as Record<string, Check | undefined>;
  const named = new Map(Object.entries(SHAPE_FINGERPRINTS).map(([name, fingerprint]) => [fingerprint, name]));
  const owners = new Map<string, string>();
  const missing = new Set<string>();
  const unchecked = new Set<string>();
  for (const part of validatorParts(model)) {
    if (part.event === undefined) continue;
    const fingerprint = fingerprintOf(part.schema);
    const owner = owners.get(fingerprint) ?? part.event.type;
    owners.set(fingerprint, owner);
    const name = named.get(fingerprint);
    const check = name === undefined ? undefined : SHAPE_CHECKS[name];
    if (check === undefined) {
      missing.add(`${owner} (shape ${fingerprint})`);
      unchecked.add(part.event.type);
    } else details[part.event.type] = check;
  }
  const envelope = (id: unknown, object: unknown, type: unknown, at: unknown, project: unknown, who: unknown) =>
    typeof id === 'string' &&
    typeof type === 'string' &&
    types.has(type) &&
    typeof at === 'number' &&
    Number.isInteger(at) &&
    (object === undefined || object === 'organization.audit_log') &&
    (project === undefined || (obj(project) && str(project.id) && str(project.name))) &&
    actor(who);
  // One pass over the keys: a log's fields read through the key enumeration rather than by name,
  // which on logs of many shapes is a megamorphic load each (see validateByName).
  const validate = (value: unknown): boolean => {
    if (!obj(value)) return false;
    let id, object, type, at, project, who;
    let seen = 0;
    for (const key in value) {
      switch (key) {
        case 'id':
          id = value[key];
          seen |= 1;
          break;
        case 'object':
          object = value[key];
          seen |= 2;
          break;
        case 'type':
          type = value[key];
          seen |= 4;
          break;
        case 'effective_at':
          at = value[key];
          seen |= 8;
          break;
        case 'project':
          project = value[key];
          seen |= 16;
          break;
        case 'actor':
          who = value[key];
          seen |= 32;
          break;
        default: {
          const check = details[key];
          if (check === undefined) break;
          const inner = value[key];
          if (inner !== undefined && !check(inner)) return false;
        }
      }
    }
    // Fields the pass did not see (absent, inherited or not enumerable) are read by name.
    return envelope(
      seen & 1 ? id : value.id,
      seen & 2 ? object : value.object,
      seen & 4 ? type : value.type,
      seen & 8 ? at : value.effective_at,
      seen & 16 ? project : value.project,
      seen & 32 ? who : value.actor,
    );
  };
  // The same checks with the envelope read by name, as most hand-written validators do: the
  // benchmark's control for what the single pass saves.
  const validateByName = (value: unknown): boolean => {
    if (!obj(value)) return false;
    if (!envelope(value.id, value.object, value.type, value.effective_at, value.project, value.actor)) return false;
    for (const key in value) {
      const check = details[key];
      if (check !== undefined && value[key] !== undefined && !check(value[key])) return false;
    }
    return true;
  };
  const judges = (value: unknown): boolean => {
    if (!obj(value)) return true;
    for (const key in value) if (unchecked.has(key)) return false;
    return true;
  };
  const total = new Set(owners.keys()).size;
  return {
    validate,
    validateByName,
    missingShapes: [...missing],
    unchecked,
    coverage: { covered: total - missing.size, total },
    judges,
  };
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The floor of the canonical catalog. */
export const canonicalFloor = floorFor(loadSchema(undefined, ROOT));
/** The floor of the canonical catalog, as the benchmark times it. */
export const floorValidate = canonicalFloor.validate;
/** The control: the same floor reading the envelope by name. */
export const floorByName = canonicalFloor.validateByName;
/** For a schema document already in memory (the scale run's clone). */
export const floorOfSchema = (schema: unknown) => floorFor(checkSchema(schema));
