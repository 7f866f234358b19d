/**
 * `toEcs(log)`: one audit log as an ECS 9.x document. What the event means (category, type,
 * outcome, target) comes from `meaningOf(log.type)`, who acted from `actorOf(log)`; everything of
 * the log with no ECS field goes under `openai.audit`, so nothing is dropped.
 */
import { actorOf, type AuditLogActorGeo, type AuditLogActorSummary } from '../actor.js';
import { meaningOf, type EventMeaning } from '../meaning.js';
import type { AnyAuditLog } from '../parse.js';
import { asFields, put, read, stringAt, type Fields } from '../safe-read.js';
import {
  ECS_VERSION,
  type EcsDocument,
  type EcsEvent,
  type EcsEventCategory,
  type EcsEventType,
  type EcsGeo,
  type EcsOpenAiAudit,
  type EcsOptions,
  type EcsUser,
} from './document.js';
import { asNumberOf, isIpAddress, isoTimeOf, plainCopy } from './values.js';

/** The envelope's fields, which have ECS places; every other field of a log goes under `openai.audit.log`. */
const ENVELOPE = new Set(['id', 'object', 'type', 'effective_at', 'project', 'actor']);

/** The document while it is built: `openai` goes last, so that it comes last in the JSON. */
type Draft = Omit<EcsDocument, 'openai'> & { openai?: EcsDocument['openai'] };

const COUNTRY_CODE = /^[A-Z]{2}$/;
const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

function geoOf(geo: AuditLogActorGeo): EcsGeo | undefined {
  const out: EcsGeo = {};
  const { country, regionCode } = geo;
  const iso = country !== undefined && COUNTRY_CODE.test(country);
  if (country !== undefined) out[iso ? 'country_iso_code' : 'country_name'] = country;
  put(out, 'city_name', geo.city);
  put(out, 'region_name', geo.region);
  // ECS wants ISO 3166-2 (`US-OR`); logs send the region's part alone (`OR`).
  if (regionCode !== undefined)
    out.region_iso_code = iso && !regionCode.includes('-') ? `${country}-${regionCode}` : regionCode;
  if (geo.latitude !== undefined && geo.longitude !== undefined)
    out.location = { lat: geo.latitude, lon: geo.longitude };
  return Object.keys(out).length > 0 ? out : undefined;
}

/** `user`, `source`, `user_agent`, `tls` and `openai.audit.actor` from who acted. */
function putActor(doc: Draft, audit: EcsOpenAiAudit, actor: AuditLogActorSummary): void {
  const { principal, ipAddress, geo } = actor;
  const summary: NonNullable<EcsOpenAiAudit['actor']> = { type: actor.kind };
  if (principal !== undefined) {
    summary.principal_type = principal.kind;
    const user: EcsUser = {};
    put(user, 'id', principal.id);
    put(user, 'email', principal.email);
    if (principal.id !== undefined || principal.email !== undefined) doc.user = user;
  }
  put(summary, 'api_key_id', actor.apiKeyId);
  put(summary, 'ja4', actor.ja4);
  if (ipAddress !== undefined || geo !== undefined) {
    const source: NonNullable<EcsDocument['source']> = {};
    put(source, 'address', ipAddress);
    if (ipAddress !== undefined && isIpAddress(ipAddress)) source.ip = ipAddress;
    if (geo !== undefined) {
      put(source, 'geo', geoOf(geo));
      const asn = geo.asn === undefined ? undefined : asNumberOf(geo.asn);
      if (asn !== undefined) source.as = { number: asn };
      else put(summary, 'asn', geo.asn);
    }
    doc.source = source;
  }
  if (actor.userAgent !== undefined) doc.user_agent = { original: actor.userAgent };
  if (actor.ja3 !== undefined) doc.tls = { client: { ja3: actor.ja3 } };
  audit.actor = summary;
}

/** The value at a dotted path into `value`, when it is a string or a number (as a string). */
function textAt(value: unknown, path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  let node = value;
  for (const key of path.split('.')) {
    const fields = asFields(node);
    if (fields === undefined) return undefined;
    node = read(fields, key);
  }
  return typeof node === 'string' ? node : typeof node === 'number' && Number.isFinite(node) ? String(node) : undefined;
}

const USER_RESOURCE = /(?:^|\.)user$/;

/** `entity.target` (and `user.target` for a user) from the meaning's paths into the details. */
function putTarget(doc: Draft, target: EventMeaning['target'], details: unknown): void {
  const id = textAt(details, target.idPath);
  const name = textAt(details, target.namePath);
  if (id === undefined && name === undefined) return;
  const entity: NonNullable<EcsDocument['entity']>['target'] = { sub_type: target.resource };
  put(entity, 'id', id);
  put(entity, 'name', name);
  if (USER_RESOURCE.test(target.resource)) {
    entity.type = ['user'];
    const user: EcsUser = {};
    put(user, 'id', id);
    if (name !== undefined) user[name.includes('@') ? 'email' : 'name'] = name;
    doc.user = { ...doc.user, target: user };
  }
  doc.entity = { target: entity };
}

/** `error` and `event.reason` for a failed event whose details carry an error code or message. */
function putError(doc: Draft, details: unknown): void {
  const fields = asFields(details);
  const code = stringAt(fields, 'error_code');
  const message = stringAt(fields, 'error_message');
  if (code === undefined && message === undefined) return;
  const error: NonNullable<EcsDocument['error']> = {};
  put(error, 'code', code);
  put(error, 'message', message);
  doc.error = error;
  doc.event.reason = message ?? code;
}

/** Every field of the log outside the envelope, copied (the details under the key equal to the type). */
function restOf(fields: Fields): Record<string, unknown> | undefined {
  let keys: string[];
  try {
    keys = Object.keys(fields);
  } catch {
    return undefined;
  }
  let rest: Record<string, unknown> | undefined;
  for (const key of keys) {
    if (ENVELOPE.has(key)) continue;
    const value = plainCopy(read(fields, key));
    if (value === undefined) continue;
    rest ??= {};
    if (key === '__proto__')
      Object.defineProperty(rest, key, { value, enumerable: true, writable: true, configurable: true });
    else rest[key] = value;
  }
  return rest;
}

/** The user ids, emails and names of the document, and its IP, for `related`. */
function putRelated(doc: Draft): void {
  const users = new Set<string>();
  for (const user of [doc.user, doc.user?.target])
    for (const value of [user?.id, user?.email, user?.name]) if (value !== undefined) users.add(value);
  const related: NonNullable<EcsDocument['related']> = {};
  if (users.size > 0) related.user = [...users];
  if (doc.source?.ip !== undefined) related.ip = [doc.source.ip];
  if (related.user !== undefined || related.ip !== undefined) doc.related = related;
}

function originalOf(log: AnyAuditLog): string | undefined {
  try {
    return JSON.stringify(log);
  } catch {
    return undefined;
  }
}

/**
 * An audit log as an ECS 9.x document (nested objects, as Elasticsearch stores them), for any
 * `AnyAuditLog`, unknown event types included:
 * - `@timestamp`, `event` (`kind`, `category`, `type`, `outcome` from the catalog's meaning of the
 *   type, `action` the log's type, `id` the log's id, `reason` why a sign-in failed);
 * - who acted in `user`, `source` (address, geolocation, AS number), `user_agent`, `tls.client.ja3`;
 * - the project in `cloud.project`, the organization (from `options`) in `organization`, the
 *   entity acted on in `entity.target` (and `user.target` for a user), `related.user` and `related.ip`;
 * - everything else under `openai.audit`: how the actor signed in, the API key, JA4, and under
 *   `openai.audit.log` every field of the log outside the envelope, its details object included.
 *
 * Never throws and never mutates `log`; the document shares no object with it.
 *
 * @example
 * import { toEcs } from 'openai-audit-logs/ecs';
 * const doc = toEcs(log, { organization: { id: 'org-123' } });
 * doc.event.category; // ['authentication'] for login.succeeded
 */
export function toEcs(log: AnyAuditLog, options: EcsOptions = {}): EcsDocument {
  const fields = asFields(log) ?? {};
  const type = stringAt(fields, 'type') ?? '';
  const meaning = meaningOf(type);
  const event: EcsEvent = {
    kind: 'event',
    category: [...meaning.ecs.category] as EcsEventCategory[],
    type: [...meaning.ecs.type] as EcsEventType[],
    action: type,
    outcome: meaning.outcome,
    id: stringAt(fields, 'id') ?? '',
  };
  const audit: EcsOpenAiAudit = {};
  const time = isoTimeOf(read(fields, 'effective_at'));
  const ecs = { version: ECS_VERSION } as const;
  const doc: Draft = time === undefined ? { ecs, event } : { '@timestamp': time, ecs, event };
  const actor = actorOf(log);
  if (actor !== undefined) putActor(doc, audit, actor);
  const rest = restOf(fields);
  const details = rest !== undefined && hasOwn(rest, type) ? rest[type] : undefined;
  putTarget(doc, meaning.target, details);
  if (meaning.outcome === 'failure') putError(doc, details);
  putRelated(doc);
  const organization = asFields(options.organization);
  if (organization !== undefined) {
    const out: NonNullable<EcsDocument['organization']> = {};
    put(out, 'id', stringAt(organization, 'id'));
    put(out, 'name', stringAt(organization, 'name'));
    if (out.id !== undefined || out.name !== undefined) doc.organization = out;
  }
  const project = asFields(read(fields, 'project'));
  if (project !== undefined) {
    const out: NonNullable<EcsDocument['cloud']>['project'] = {};
    put(out, 'id', stringAt(project, 'id'));
    put(out, 'name', stringAt(project, 'name'));
    if (out.id !== undefined || out.name !== undefined) doc.cloud = { project: out };
  }
  if (rest !== undefined) audit.log = rest;
  if (options.keepOriginal === true) put(event, 'original', originalOf(log));
  doc.openai = { audit };
  return doc as EcsDocument;
}
