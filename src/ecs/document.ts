/**
 * The shape of the ECS 9.x document `toEcs` returns: nested objects as Elasticsearch stores them,
 * only the fields the mapper writes. Names and types follow ECS's field definitions (the
 * `@elastic/ecs` package's `EcsFlat`, against which test/src/ecs/conformance.test.ts checks every
 * field emitted); what has no ECS field sits under `openai.audit`.
 */

/** The ECS version the documents conform to (`ecs.version`). */
export const ECS_VERSION = '9.4.0';

/** ECS `event.category` values (the allowed values of ECS 9.4). */
export type EcsEventCategory =
  | 'api'
  | 'authentication'
  | 'configuration'
  | 'database'
  | 'driver'
  | 'email'
  | 'file'
  | 'host'
  | 'iam'
  | 'intrusion_detection'
  | 'library'
  | 'malware'
  | 'network'
  | 'package'
  | 'process'
  | 'registry'
  | 'session'
  | 'threat'
  | 'vulnerability'
  | 'web';

/** ECS `event.type` values (the allowed values of ECS 9.4). */
export type EcsEventType =
  | 'access'
  | 'admin'
  | 'allowed'
  | 'change'
  | 'connection'
  | 'creation'
  | 'deletion'
  | 'denied'
  | 'device'
  | 'end'
  | 'error'
  | 'group'
  | 'indicator'
  | 'info'
  | 'installation'
  | 'protocol'
  | 'start'
  | 'user';

export interface EcsEvent {
  kind: 'event';
  category: EcsEventCategory[];
  type: EcsEventType[];
  /** The log's `type`, such as `api_key.created`. */
  action: string;
  outcome: 'success' | 'failure' | 'unknown';
  /** The log's `id`. */
  id: string;
  /** Why a sign-in failed: the error's message, or its code. */
  reason?: string;
  /** The log as JSON, with `keepOriginal: true`. */
  original?: string;
}

/** A user: the actor (`user`) or, for events about a user, the one acted on (`user.target`). */
export interface EcsUser {
  id?: string;
  email?: string;
  name?: string;
}

export interface EcsGeo {
  country_iso_code?: string;
  country_name?: string;
  city_name?: string;
  region_name?: string;
  /** ISO 3166-2, such as `US-OR`: the region's short code behind a two-letter country. */
  region_iso_code?: string;
  location?: { lat: number; lon: number };
}

export interface EcsSource {
  /** The address as the log carries it. */
  address?: string;
  /** The address, when it is an IPv4 or IPv6 address. */
  ip?: string;
  geo?: EcsGeo;
  as?: { number: number };
}

/** What has no ECS field: `openai.audit`. */
export interface EcsOpenAiAudit {
  /** Who acted, beyond `user` and `source`: how (`session`, `api_key`), the owner's kind, the key, JA4. */
  actor?: {
    type: 'session' | 'api_key' | 'unknown';
    principal_type?: 'user' | 'service_account';
    api_key_id?: string;
    ja4?: string;
    /** The autonomous system as sent, when it is not a number. */
    asn?: string;
  };
  /**
   * Every field of the log outside the envelope, copied: its details object under the key equal
   * to its type (as in the log), and any undocumented field. Nothing of the log is dropped.
   */
  log?: Record<string, unknown>;
}

export interface EcsDocument {
  /** When the event took effect, ISO 8601; absent only when `effective_at` is not a time of years 0000 to 9999. */
  '@timestamp'?: string;
  ecs: { version: typeof ECS_VERSION };
  event: EcsEvent;
  user?: EcsUser & { target?: EcsUser };
  related?: { user?: string[]; ip?: string[] };
  source?: EcsSource;
  user_agent?: { original: string };
  tls?: { client: { ja3: string } };
  /** From the options: logs do not carry the organization. */
  organization?: { id?: string; name?: string };
  /** The OpenAI project the action was scoped to. */
  cloud?: { project: { id?: string; name?: string } };
  /** The entity acted on: its id and name from the details, its resource as `sub_type`. */
  entity?: { target: { id?: string; name?: string; sub_type: string; type?: ['user'] } };
  /** Why a sign-in failed. */
  error?: { code?: string; message?: string };
  openai: { audit: EcsOpenAiAudit };
}

/** What `toEcs` needs beyond the log. */
export interface EcsOptions {
  /** The organization the logs belong to (`organization.id`, `organization.name`): logs do not carry it. */
  organization?: { id?: string; name?: string };
  /** Keep the whole log as JSON in `event.original` (default false). */
  keepOriginal?: boolean;
}
