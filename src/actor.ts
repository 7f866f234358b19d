/**
 * `actorOf(log)`: who acted, as one flat description, so that callers (and the SIEM mappers) do
 * not spell `log.actor?.session?.user?.email ?? log.actor?.api_key?.user?.email ?? ...` each time.
 * It reads each field at most once, ignores a field of the wrong JSON type instead of passing it
 * on, and never throws: a getter that throws or a revoked Proxy counts as a missing field.
 */
import type { AnyAuditLog } from './parse.js';
import { objectAt, put, stringAt, type Fields } from './safe-read.js';

/** The user or service account behind an action: the session's user, or the API key's owner. */
export interface AuditLogPrincipal {
  kind: 'user' | 'service_account';
  id?: string;
  /** Users only. */
  email?: string;
}

/** Where the session's IP address is, from `ip_address_details` (coordinates parsed to numbers). */
export interface AuditLogActorGeo {
  /** Country as sent, usually a two-letter code such as `US`. */
  country?: string;
  city?: string;
  /** Name of the region or state, such as `California`. */
  region?: string;
  /** Short code of the region, such as `CA`. */
  regionCode?: string;
  /** Autonomous system number, as sent (a string). */
  asn?: string;
  /** Decimal degrees, set only when the payload's string is a number within -90..90. */
  latitude?: number;
  /** Decimal degrees, set only when the payload's string is a number within -180..180. */
  longitude?: number;
}

/** Who acted in an audit log, flattened; fields the log does not carry (or carries with the wrong type) are absent. */
export interface AuditLogActorSummary {
  /** How the actor authenticated: a signed-in `session`, an `api_key`, or `unknown` (an actor object that says neither). */
  kind: 'session' | 'api_key' | 'unknown';
  /** The user or service account that acted. */
  principal?: AuditLogPrincipal;
  /** Tracking id of the API key (API-key actors). */
  apiKeyId?: string;
  /** The session's source address, user agent and TLS fingerprints (session actors). */
  ipAddress?: string;
  userAgent?: string;
  ja3?: string;
  ja4?: string;
  geo?: AuditLogActorGeo;
}

function degrees(text: string | undefined, limit: number): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const number = Number(text);
  return Number.isFinite(number) && Math.abs(number) <= limit ? number : undefined;
}

function geoOf(details: Fields | undefined): AuditLogActorGeo | undefined {
  if (details === undefined) return undefined;
  const geo: AuditLogActorGeo = {};
  put(geo, 'country', stringAt(details, 'country'));
  put(geo, 'city', stringAt(details, 'city'));
  put(geo, 'region', stringAt(details, 'region'));
  put(geo, 'regionCode', stringAt(details, 'region_code'));
  put(geo, 'asn', stringAt(details, 'asn'));
  put(geo, 'latitude', degrees(stringAt(details, 'latitude'), 90));
  put(geo, 'longitude', degrees(stringAt(details, 'longitude'), 180));
  return Object.keys(geo).length > 0 ? geo : undefined;
}

function userOf(user: Fields | undefined): AuditLogPrincipal | undefined {
  if (user === undefined) return undefined;
  const principal: AuditLogPrincipal = { kind: 'user' };
  put(principal, 'id', stringAt(user, 'id'));
  put(principal, 'email', stringAt(user, 'email'));
  return principal;
}

function fromSession(session: Fields | undefined): AuditLogActorSummary {
  const summary: AuditLogActorSummary = { kind: 'session' };
  put(summary, 'principal', userOf(objectAt(session, 'user')));
  put(summary, 'ipAddress', stringAt(session, 'ip_address'));
  put(summary, 'userAgent', stringAt(session, 'user_agent'));
  put(summary, 'ja3', stringAt(session, 'ja3'));
  put(summary, 'ja4', stringAt(session, 'ja4'));
  put(summary, 'geo', geoOf(objectAt(session, 'ip_address_details')));
  return summary;
}

/** The key's owner: the one its `type` names, or, without a usable `type`, whichever is there. */
function ownerOf(key: Fields | undefined): AuditLogPrincipal | undefined {
  const type = stringAt(key, 'type');
  if (type !== 'service_account') {
    const user = userOf(objectAt(key, 'user'));
    if (user !== undefined || type === 'user') return user;
  }
  const account = objectAt(key, 'service_account');
  if (account === undefined) return undefined;
  const principal: AuditLogPrincipal = { kind: 'service_account' };
  put(principal, 'id', stringAt(account, 'id'));
  return principal;
}

function fromApiKey(key: Fields | undefined): AuditLogActorSummary {
  const summary: AuditLogActorSummary = { kind: 'api_key' };
  put(summary, 'principal', ownerOf(key));
  put(summary, 'apiKeyId', stringAt(key, 'id'));
  return summary;
}

/**
 * Who acted in `log`: a signed-in session (its user, address, user agent, TLS fingerprints and
 * geolocation) or an API key (its id and its owner, a user or a service account), in one flat,
 * typed object. Returns `undefined` when the log has no actor (absent or `null`). The actor's
 * `type` decides between `session` and `api_key`; without a usable one, the object present does.
 * Never throws and never mutates `log`; each field is read at most once, and a field of the wrong
 * JSON type is left out.
 *
 * @example
 * const actor = actorOf(log);
 * if (actor?.principal?.kind === 'user') console.log(actor.principal.email, actor.ipAddress);
 */
export function actorOf(log: AnyAuditLog): AuditLogActorSummary | undefined {
  if (typeof log !== 'object' || log === null) return undefined;
  const actor = objectAt(log as unknown as Fields, 'actor');
  if (actor === undefined) return undefined;
  const type = stringAt(actor, 'type');
  if (type !== 'api_key') {
    const session = objectAt(actor, 'session');
    if (session !== undefined || type === 'session') return fromSession(session);
  }
  const key = objectAt(actor, 'api_key');
  if (key !== undefined || type === 'api_key') return fromApiKey(key);
  return { kind: 'unknown' };
}
