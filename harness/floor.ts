/**
 * The floor: a hand-written validator of the package's contract for the 51-type catalog, as
 * fast as plain JavaScript gets (a boolean, no errors, no try/catch). It is not generated: it is
 * what a careful engineer would write by hand, so it goes stale when the schema changes, and
 * test/bench-floor.test.ts and the benchmark both check that it agrees with validateAuditLog
 * on every payload of both corpora before anything is timed.
 */
type Obj = Record<string, unknown>;
type Check = (value: unknown) => boolean;

const obj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => v === undefined || typeof v === 'string';
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

const free: Check = obj;
const idOnly: Check = (d) => obj(d) && str(d.id);
const idName: Check = (d) => obj(d) && str(d.id) && str(d.name);
const errorPair: Check = (d) => obj(d) && str(d.error_code) && str(d.error_message);
const scopes =
  (key: string): Check =>
  (d) =>
    obj(d) && str(d.id) && (d[key] === undefined || (obj(d[key]) && strings(d[key].scopes)));
const oneString =
  (key: string, field: string): Check =>
  (d) => {
    if (!obj(d) || !str(d.id)) return false;
    const inner = d[key];
    return inner === undefined || (obj(inner) && str(inner[field]));
  };
const certificates: Check = (d) => obj(d) && namedList(d.certificates);
const configs: Check = (d) => obj(d) && namedList(d.configs);
const allowlist: Check = (d) => obj(d) && str(d.id) && str(d.name) && strings(d.allowed_ips);
const assignment: Check = (d) =>
  obj(d) && str(d.id) && str(d.principal_id) && str(d.principal_type) && str(d.resource_id) && str(d.resource_type);

/** Details key -> check; a null prototype so that only own entries match a key of the log. */
const DETAILS: Record<string, Check | undefined> = Object.assign(
  Object.create(null) as Record<string, Check | undefined>,
  {
    'api_key.created': scopes('data'),
    'api_key.updated': scopes('changes_requested'),
    'api_key.deleted': idOnly,
    'certificate.created': idName,
    'certificate.updated': idName,
    'certificate.deleted': (d: unknown) => obj(d) && str(d.id) && str(d.name) && str(d.certificate),
    'certificates.activated': certificates,
    'certificates.deactivated': certificates,
    'checkpoint.permission.created': (d: unknown) =>
      obj(d) &&
      str(d.id) &&
      (d.data === undefined || (obj(d.data) && str(d.data.project_id) && str(d.data.fine_tuned_model_checkpoint))),
    'checkpoint.permission.deleted': idOnly,
    'external_key.registered': (d: unknown) => obj(d) && str(d.id) && optObj(d.data),
    'external_key.removed': idOnly,
    'group.created': oneString('data', 'group_name'),
    'group.updated': oneString('changes_requested', 'group_name'),
    'group.deleted': idOnly,
    'invite.sent': (d: unknown) =>
      obj(d) && str(d.id) && (d.data === undefined || (obj(d.data) && str(d.data.email) && str(d.data.role))),
    'invite.accepted': idOnly,
    'invite.deleted': idOnly,
    'ip_allowlist.created': allowlist,
    'ip_allowlist.updated': (d: unknown) => obj(d) && str(d.id) && strings(d.allowed_ips),
    'ip_allowlist.deleted': allowlist,
    'ip_allowlist.config.activated': configs,
    'ip_allowlist.config.deactivated': configs,
    'login.succeeded': free,
    'login.failed': errorPair,
    'logout.succeeded': free,
    'logout.failed': errorPair,
    'organization.updated': (d: unknown) => {
      if (!obj(d) || !str(d.id)) return false;
      const c = d.changes_requested;
      if (c === undefined) return true;
      return (
        obj(c) &&
        str(c.title) &&
        str(c.description) &&
        str(c.name) &&
        str(c.threads_ui_visibility) &&
        str(c.usage_dashboard_visibility) &&
        str(c.api_call_logging) &&
        str(c.api_call_logging_project_ids)
      );
    },
    'project.created': (d: unknown) =>
      obj(d) && str(d.id) && (d.data === undefined || (obj(d.data) && str(d.data.name) && str(d.data.title))),
    'project.updated': oneString('changes_requested', 'title'),
    'project.archived': idOnly,
    'project.deleted': idOnly,
    'rate_limit.updated': (d: unknown) => {
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
    'rate_limit.deleted': idOnly,
    'role.created': (d: unknown) =>
      obj(d) && str(d.id) && str(d.role_name) && strings(d.permissions) && str(d.resource_type) && str(d.resource_id),
    'role.updated': (d: unknown) => {
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
    'role.deleted': idOnly,
    'role.assignment.created': assignment,
    'role.assignment.deleted': assignment,
    'scim.enabled': idOnly,
    'scim.disabled': idOnly,
    'service_account.created': oneString('data', 'role'),
    'service_account.updated': oneString('changes_requested', 'role'),
    'service_account.deleted': idOnly,
    'user.added': oneString('data', 'role'),
    'user.updated': oneString('changes_requested', 'role'),
    'user.deleted': idOnly,
  },
);

/** Event types without a details object. */
const NO_DETAILS = ['resource.deleted', 'tunnel.created', 'tunnel.updated', 'tunnel.deleted'];
/** The catalog; the agreement check catches a type added to the schema but not here. */
export const FLOOR_EVENT_TYPES: ReadonlySet<string> = new Set([...Object.keys(DETAILS), ...NO_DETAILS]);

function actor(a: unknown): boolean {
  if (a === undefined || a === null) return true;
  if (!obj(a)) return false;
  if (a.type !== undefined && a.type !== 'session' && a.type !== 'api_key') return false;
  const session = a.session;
  if (session !== undefined && !(obj(session) && user(session.user) && str(session.ip_address))) return false;
  const key = a.api_key;
  if (key === undefined) return true;
  if (!obj(key) || !str(key.id) || !user(key.user)) return false;
  if (key.type !== undefined && key.type !== 'user' && key.type !== 'service_account') return false;
  const account = key.service_account;
  return account === undefined || (obj(account) && str(account.id));
}

export function floorValidate(value: unknown): boolean {
  if (!obj(value)) return false;
  const type = value.type;
  if (typeof value.id !== 'string' || typeof type !== 'string' || !FLOOR_EVENT_TYPES.has(type)) return false;
  const at = value.effective_at;
  if (typeof at !== 'number' || !Number.isInteger(at)) return false;
  const project = value.project;
  if (project !== undefined && !(obj(project) && str(project.id) && str(project.name))) return false;
  if (!actor(value.actor)) return false;
  for (const key in value) {
    const check = DETAILS[key];
    if (check !== undefined && value[key] !== undefined && !check(value[key])) return false;
  }
  return true;
}
