/**
 * The floor: a hand-written validator of the package's contract, as fast as plain JavaScript
 * gets (a boolean, no errors, no try/catch). What a careful engineer would write by hand is the
 * check of each details *shape*; which event has which shape, and which event types exist, is
 * read from the schema. So a new event type with a known shape needs nothing here, and a new
 * shape needs one check, named after the first event that has it (the name of its generated
 * module, `generated/validators/shapes/<event>.ts`): test/harness/floor.test.ts names the
 * shapes that lack one. The benchmark checks that the floor agrees with validateAuditLog on every
 * payload of both corpora before anything is timed.
 */
import { fileURLToPath } from 'node:url';
import { validatorParts } from '../scripts/generate/generate-validators.ts';
import { checkSchema, loadSchema, type SchemaModel } from '../scripts/generate/schema-model.ts';

type Obj = Record<string, unknown>;
type Check = (value: unknown) => boolean;

const obj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => v === undefined || typeof v === 'string';
const strOrNull = (v: unknown) => v === undefined || v === null || typeof v === 'string';
const bool = (v: unknown) => v === undefined || typeof v === 'boolean';
// Number.isInteger is false for NaN, ±Infinity and fractions: the contract's integer.
const int = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isInteger(v));
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
/** `d[key]`, when present, is an object whose listed fields are strings. */
const inner = (d: Obj, key: string, fields: readonly string[]) => {
  const value = d[key];
  if (value === undefined) return true;
  if (!obj(value)) return false;
  for (const field of fields) if (!str(value[field])) return false;
  return true;
};
/** An object whose listed fields are strings. */
const stringFields =
  (...fields: string[]): Check =>
  (d) => {
    if (!obj(d)) return false;
    for (const field of fields) if (!str(d[field])) return false;
    return true;
  };
/** `{ id, <key>: { <fields> } }`, the common shape of a created or updated resource. */
const idAnd =
  (key: string, ...fields: string[]): Check =>
  (d) =>
    obj(d) && str(d.id) && inner(d, key, fields);

const BOUND_SOURCES = [
  'role_toggle',
  'role_connector_update',
  'role_delete',
  'workspace_permissions',
  'connector_publish',
];
const roleBinding: Check = (d) =>
  stringFields('id', 'role_id', 'resource_id', 'resource_type', 'workspace_id', 'connector_id', 'connector_name')(d) &&
  strings((d as Obj).permissions) &&
  bool((d as Obj).enabled) &&
  ((d as Obj).source === undefined || BOUND_SOURCES.includes((d as Obj).source as string));

/** One storage provider: every field required and a string, `type` pinned. */
const provider = (type: string, fields: readonly string[]) => (p: Obj) => {
  if (p.type !== type) return false;
  for (const field of fields) if (typeof p[field] !== 'string') return false;
  return true;
};
const PROVIDERS: Record<string, (p: Obj) => boolean> = {
  aws: provider('aws', ['account_id', 'bucket', 'external_id', 'region', 'role_arn']),
  azure: provider('azure', ['account_name', 'container', 'region', 'resource_group', 'subscription_id', 'tenant_id']),
  gcp: provider('gcp', [
    'audience',
    'bucket',
    'region',
    'workload_identity_pool_id',
    'workload_identity_project_number',
    'workload_identity_provider_id',
  ]),
  oci: provider('oci', ['bucket', 'region', 'tenancy_ocid']),
};

/** The check of every details shape, keyed by the first event that has it. */
export const SHAPE_CHECKS: Readonly<Record<string, Check>> = {
  'api_key.created': (d) => obj(d) && str(d.id) && (d.data === undefined || (obj(d.data) && strings(d.data.scopes))),
  'api_key.updated': (d) =>
    obj(d) &&
    str(d.id) &&
    (d.changes_requested === undefined || (obj(d.changes_requested) && strings(d.changes_requested.scopes))),
  'api_key.deleted': stringFields('id'),
  'certificate.created': stringFields('id', 'name'),
  'certificate.deleted': stringFields('id', 'name', 'certificate'),
  'certificates.activated': (d) => obj(d) && namedList(d.certificates),
  'checkpoint.permission.created': idAnd('data', 'project_id', 'fine_tuned_model_checkpoint'),
  'external_key.registered': (d) => obj(d) && str(d.id) && optObj(d.data),
  'external_storage.registered': (d) => {
    if (!obj(d) || !str(d.id)) return false;
    const data = d.data;
    if (data === undefined) return true;
    if (!obj(data) || !str(data.geography)) return false;
    const p = data.provider;
    if (p === undefined) return true;
    if (!obj(p)) return false;
    const check =
      typeof p.type === 'string' && Object.prototype.hasOwnProperty.call(PROVIDERS, p.type)
        ? PROVIDERS[p.type]
        : undefined;
    return check !== undefined && check(p);
  },
  'group.created': idAnd('data', 'group_name'),
  'group.updated': idAnd('changes_requested', 'group_name'),
  'invite.sent': idAnd('data', 'email', 'role'),
  'ip_allowlist.created': (d) => obj(d) && str(d.id) && str(d.name) && strings(d.allowed_ips),
  'ip_allowlist.updated': (d) => obj(d) && str(d.id) && strings(d.allowed_ips),
  'ip_allowlist.config.activated': (d) => obj(d) && namedList(d.configs),
  'login.succeeded': obj,
  'login.failed': stringFields('error_code', 'error_message'),
  'organization.updated': idAnd(
    'changes_requested',
    'title',
    'description',
    'name',
    'threads_ui_visibility',
    'usage_dashboard_visibility',
    'api_call_logging',
    'api_call_logging_project_ids',
  ),
  'project.created': idAnd('data', 'name', 'title'),
  'project.updated': idAnd('changes_requested', 'title'),
  'rate_limit.updated': (d) => {
    if (!obj(d) || !str(d.id)) return false;
    const c = d.changes_requested;
    if (c === undefined) return true;
    return (
      obj(c) &&
      int(c.max_requests_per_1_minute) &&
      int(c.max_tokens_per_1_minute) &&
      int(c.max_images_per_1_minute) &&
      int(c.max_audio_megabytes_per_1_minute) &&
      int(c.max_requests_per_1_day) &&
      int(c.batch_1_day_max_input_tokens)
    );
  },
  'workload_identity_provider.updated': (d) => obj(d) && str(d.id) && optObj(d.changes_requested),
  'workload_identity_provider_mapping.created': (d) =>
    obj(d) && str(d.id) && str(d.identity_provider_id) && optObj(d.data),
  'workload_identity_provider_mapping.updated': (d) =>
    obj(d) && str(d.id) && str(d.identity_provider_id) && optObj(d.changes_requested),
  'workload_identity_provider_mapping.deleted': stringFields(
    'id',
    'identity_provider_id',
    'project_id',
    'service_account_id',
  ),
  'role.created': (d) =>
    stringFields('id', 'role_name', 'resource_type', 'resource_id')(d) && strings((d as Obj).permissions),
  'role.updated': (d) => {
    if (!obj(d) || !str(d.id)) return false;
    const c = d.changes_requested;
    if (c === undefined) return true;
    return (
      obj(c) &&
      str(c.role_name) &&
      str(c.resource_id) &&
      str(c.resource_type) &&
      strings(c.permissions_added) &&
      strings(c.permissions_removed) &&
      str(c.description) &&
      optObj(c.metadata)
    );
  },
  'role.assignment.created': stringFields('id', 'principal_id', 'principal_type', 'resource_id', 'resource_type'),
  'role.bound_to_resource': roleBinding,
  'service_account.created': idAnd('data', 'role'),
  'service_account.updated': idAnd('changes_requested', 'role'),
};

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
  /** The details shapes of the schema (by their first event) that have no hand-written check. */
  missingShapes: string[];
  /** The event types whose details shape has no check: the floor cannot judge their details. */
  unchecked: ReadonlySet<string>;
}

/** The floor for the catalog of `model`: event types and details shapes read from it, checks written by hand. */
export function floorFor(model: SchemaModel): Floor {
  const types = new Set(model.events.map((event) => event.type));
  // A null prototype, so that only own entries match a key of the log.
  const details: Record<string, Check | undefined> = Object.create(null) as Record<string, Check | undefined>;
  const owners = new Map<string, string>();
  const missing = new Set<string>();
  const unchecked = new Set<string>();
  for (const part of validatorParts(model)) {
    if (part.event === undefined) continue;
    const key = JSON.stringify(part.schema);
    const owner = owners.get(key) ?? part.event.type;
    owners.set(key, owner);
    const check = SHAPE_CHECKS[owner];
    if (check === undefined) {
      missing.add(owner);
      unchecked.add(part.event.type);
    } else details[part.event.type] = check;
  }
  const validate = (value: unknown): boolean => {
    if (!obj(value)) return false;
    const type = value.type;
    if (typeof value.id !== 'string' || typeof type !== 'string' || !types.has(type)) return false;
    const at = value.effective_at;
    if (typeof at !== 'number' || !Number.isInteger(at)) return false;
    if (value.object !== undefined && value.object !== 'organization.audit_log') return false;
    const project = value.project;
    if (project !== undefined && !(obj(project) && str(project.id) && str(project.name))) return false;
    if (!actor(value.actor)) return false;
    for (const key in value) {
      const check = details[key];
      if (check !== undefined && value[key] !== undefined && !check(value[key])) return false;
    }
    return true;
  };
  return { validate, missingShapes: [...missing], unchecked };
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The floor of the canonical catalog. */
export const canonicalFloor = floorFor(loadSchema(undefined, ROOT));
/** The floor of the canonical catalog, as the benchmark times it. */
export const floorValidate = canonicalFloor.validate;
/** For a schema document already in memory (the scale run's clone). */
export const floorOfSchema = (schema: unknown) => floorFor(checkSchema(schema));
