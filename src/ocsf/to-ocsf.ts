/**
 * `toOcsf(log)`: one audit log as an OCSF 1.8.0 event of the class its meaning names
 * (`meaningOf`, from the schema's catalog or, for a newer type, the rule). What the log carries
 * goes where OCSF has a place for it; the rest of the details object (and any field of the log
 * OCSF has no place for) goes under `unmapped`, at the log's own paths, so nothing is dropped.
 */
import { OCSF_CLASSES, type OcsfEvent, type OcsfUser } from '../../generated/ocsf.js';
import { actorOf } from '../actor.js';
import type { EventMeaning } from '../internal.js';
import { meaningOf } from '../meaning.js';
import type { AnyAuditLog } from '../parse.js';
import { objectAt, read, stringAt, type Fields } from '../safe-read.js';
import { actorPart, cloudPart, sourcePart, userOfPrincipal, type OrganizationOption } from './parts.js';

export interface ToOcsfOptions {
  /** The organization the logs come from (logs do not carry it): `cloud.org` and `metadata.tenant_uid`. */
  organization?: OrganizationOption;
  /** Keep the whole log, as JSON, in `raw_data`. */
  keepOriginal?: boolean;
}

/** The OCSF version the events conform to. */
export const OCSF_VERSION = '1.8.0';
const PRODUCT = { name: 'Audit Logs', vendor_name: 'OpenAI' };
/** Fields of the envelope that have a place of their own in the event. */
const PLACED = new Set(['id', 'object', 'type', 'effective_at', 'actor', 'project']);
const STATUS = {
  success: { status_id: 1, status: 'Success' },
  failure: { status_id: 2, status: 'Failure' },
  unknown: { status_id: 0, status: 'Unknown' },
} as const;

/** The value at a dotted path of the details, when it is a string. */
function stringAtPath(details: Fields | undefined, path: string | undefined): string | undefined {
  if (details === undefined || path === undefined) return undefined;
  const steps = path.split('.');
  let current: Fields | undefined = details;
  for (const step of steps.slice(0, -1)) current = objectAt(current, step);
  return stringAt(current, steps[steps.length - 1]!);
}

/** A copy of `details` without the field at `path` (copying only the objects along it). */
function without(details: Fields, path: string): Fields {
  const [head, ...rest] = path.split('.');
  if (!(head! in details)) return details;
  const copy = { ...details };
  if (rest.length === 0) delete copy[head!];
  else {
    const inner = objectAt(details, head!);
    if (inner === undefined) return details;
    const trimmed = without(inner, rest.join('.'));
    if (Object.keys(trimmed).length === 0) delete copy[head!];
    else copy[head!] = trimmed;
  }
  return copy;
}

/** The target's id and name, read from the details at the meaning's paths. */
function targetOf(meaning: EventMeaning, details: Fields | undefined) {
  return { uid: stringAtPath(details, meaning.target.idPath), name: stringAtPath(details, meaning.target.namePath) };
}

/** The entity acted on, as the class names it: `entity`, `user` or `group`. A log that names none gets its kind as name. */
function targetPart(
  classUid: number,
  meaning: EventMeaning,
  details: Fields | undefined,
  actorUser: OcsfUser | undefined,
) {
  const { uid, name } = targetOf(meaning, details);
  const named: { uid?: string; name?: string } = {};
  if (uid !== undefined) named.uid = uid;
  if (name !== undefined) named.name = name;
  if (uid === undefined && name === undefined) named.name = meaning.target.resource;
  switch (classUid) {
    case 3002:
      // Signing in to OpenAI's platform: the service is OpenAI (the class needs a service or a destination).
      return { user: actorUser ?? named, service: { name: 'OpenAI' } };
    case 3001:
      return { user: named };
    case 3005:
      return { user: named, privileges: [] as string[] };
    case 3006:
      return { group: named };
    default:
      return { entity: { type: meaning.target.resource, ...named } };
  }
}

/** The details object left once the target and status have been read from it, and the envelope's unplaced fields. */
function unmappedOf(
  log: Fields,
  detailsKey: string,
  details: Fields | undefined,
  used: readonly (string | undefined)[],
) {
  const unmapped: Fields = {};
  if (details !== undefined) {
    let rest = details;
    for (const path of used) if (path !== undefined) rest = without(rest, path);
    if (Object.keys(rest).length > 0) unmapped[detailsKey] = rest;
  }
  for (const key of Object.keys(log)) if (!PLACED.has(key) && key !== detailsKey) unmapped[key] = read(log, key);
  return unmapped;
}

function rawData(log: AnyAuditLog): string | undefined {
  try {
    return JSON.stringify(log);
  } catch {
    return undefined;
  }
}

/**
 * The log as an OCSF 1.8.0 event of the class its type means (Authentication for sign-ins,
 * Account Change, User Access Management, Group Management or Entity Management): time in
 * milliseconds, metadata (product, version, the log's id, its original time), actor, source
 * endpoint with location and autonomous system, user agent, project (the cloud profile), target,
 * status with the sign-in failure's reason, and `unmapped` for the rest. Accepts logs of unknown
 * types; never mutates the log and never throws on a validated one.
 *
 * @example
 * const event = toOcsf(log, { organization: { id: 'org-abc' } });
 * if (event.class_uid === 3002 && event.status_id === 2) alert(event.user.email_addr);
 */
export function toOcsf(log: AnyAuditLog, options: ToOcsfOptions = {}): OcsfEvent {
  const fields = log as unknown as Fields;
  const type = String(read(fields, 'type'));
  const meaning = meaningOf(type);
  const { classUid, activityId } = meaning.ocsf;
  const names = OCSF_CLASSES[classUid]!;
  const activityName = names.activities[activityId] ?? 'Other';
  const details = objectAt(fields, type);
  const actor = actorOf(log);
  const actorUser = userOfPrincipal(actor?.principal, actor?.apiKeyId);
  const seconds = read(fields, 'effective_at');
  const time = typeof seconds === 'number' && Number.isFinite(seconds) ? Math.round(seconds * 1000) : 0;
  const failure = meaning.outcome === 'failure';
  const errorCode = failure ? stringAt(details, 'error_code') : undefined;
  const errorMessage = failure ? stringAt(details, 'error_message') : undefined;
  const event: Fields = {
    activity_id: activityId,
    activity_name: activityName,
    category_uid: names.category.uid,
    category_name: names.category.name,
    class_uid: classUid,
    class_name: names.name,
    type_uid: classUid * 100 + activityId,
    type_name: `${names.name}: ${activityName}`,
    severity_id: 1,
    severity: 'Informational',
    time,
    ...STATUS[meaning.outcome],
    metadata: metadataOf(fields, type, seconds, options.organization),
    cloud: cloudPart(objectAt(fields, 'project'), options.organization),
    ...targetPart(classUid, meaning, details, actorUser),
  };
  if (errorCode !== undefined) event.status_code = errorCode;
  if (errorMessage !== undefined || errorCode !== undefined) event.status_detail = errorMessage ?? errorCode;
  const actorObject = actorPart(actor);
  if (actorObject !== undefined) event.actor = actorObject;
  const source = sourcePart(actor);
  if (source !== undefined) event.src_endpoint = source;
  if (actor?.userAgent !== undefined) event.http_request = { user_agent: actor.userAgent };
  const unmapped = unmappedOf(fields, type, details, [
    meaning.target.idPath,
    meaning.target.namePath,
    errorCode === undefined ? undefined : 'error_code',
    errorMessage === undefined ? undefined : 'error_message',
  ]);
  addUnplacedActor(unmapped, fields, actor);
  if (Object.keys(unmapped).length > 0) event.unmapped = unmapped;
  if (options.keepOriginal) {
    const raw = rawData(log);
    if (raw !== undefined) event.raw_data = raw;
  }
  return event as unknown as OcsfEvent;
}

function metadataOf(log: Fields, type: string, seconds: unknown, organization: OrganizationOption | undefined): Fields {
  const metadata: Fields = { product: PRODUCT, version: OCSF_VERSION, profiles: ['cloud'], event_code: type };
  const id = stringAt(log, 'id');
  if (id !== undefined) metadata.uid = id;
  if (typeof seconds === 'number') metadata.original_time = String(seconds);
  if (typeof organization?.id === 'string') metadata.tenant_uid = organization.id;
  return metadata;
}

/** What of the actor and the project OCSF's IAM classes have no place for: TLS fingerprints, the region code, the project's name and any other field of the project. */
function addUnplacedActor(unmapped: Fields, log: Fields, actor: ReturnType<typeof actorOf>): void {
  if (actor === undefined) return addUnplacedProject(unmapped, log);
  const { ja3, ja4 } = actor;
  const regionCode = actor.geo?.regionCode;
  if (ja3 !== undefined || ja4 !== undefined || regionCode !== undefined) {
    const session: Fields = {};
    if (ja3 !== undefined) session.ja3 = ja3;
    if (ja4 !== undefined) session.ja4 = ja4;
    if (regionCode !== undefined) session.ip_address_details = { region_code: regionCode };
    unmapped.actor = { session };
  } else if (actor.principal === undefined && actor.apiKeyId !== undefined) {
    unmapped.actor = { api_key: { id: actor.apiKeyId } };
  }
  addUnplacedProject(unmapped, log);
}

function addUnplacedProject(unmapped: Fields, log: Fields): void {
  const project = objectAt(log, 'project');
  if (project !== undefined) {
    const { id: _placed, ...rest } = project;
    if (Object.keys(rest).length > 0) unmapped.project = rest;
  }
}
