/**
 * The resolved model of the canonical schema: what every generator prints from. The front end
 * (`load.ts`) loads the schema, checks it against the rules of schema/README.md (`rules.ts`) and
 * resolves it into this shape once; no generator reads the raw document again on its own.
 */
import type { JsonSchema } from '../../shared/schema-traversal.ts';
import type { EventMeaning } from '../../../src/internal.ts';
import type { FieldModel } from './fields.ts';

/** Every name the generators derive from one event type, spelled once (naming.ts holds the rules). */
export interface EventNames {
  /** The event's interface and `$defs` entry, e.g. `ApiKeyCreatedAuditLog`. */
  interface: string;
  /** Its type guard, e.g. `isApiKeyCreated`. */
  guard: string;
  /** Its Standard Schema constant, e.g. `apiKeyCreatedSchema`. */
  schema: string;
  /** The file-name stem of its modules, e.g. `api-key-created`. */
  module: string;
  /** Its details validator, e.g. `validateApiKeyCreatedDetails` (absent without details). */
  detailsValidator?: string;
  /** The module of its details validator, relative to generated/, e.g. `validators/details/api-key-created`. */
  detailsModule?: string;
  /** The name of the compiled module's export when this event owns a details shape: `validateApiKeyCreatedShape`. */
  shapeValidator: string;
}

/** What an event means beyond its shape (OCSF class and activity, ECS category and type, outcome, target). */
export type { EventMeaning } from '../../../src/internal.ts';

export interface EventModel {
  /** The event type, e.g. `api_key.created`. */
  type: string;
  /** PascalCase stem, e.g. `ApiKeyCreated`. */
  name: string;
  resource: string;
  action: string;
  description: string;
  /** Name of the `$defs` entry of the details object; absent when the event has none. */
  detailsDef?: string;
  variantDef: string;
  names: EventNames;
  /** Its meaning: the rule of src/internal/meaning.ts, with the variant's `x-meaning` override applied (rule 12). */
  meaning: EventMeaning;
}

/** A union type of several events: one resource's, or a group of resources under one prefix. */
export interface UnionModel {
  /** The resource (`api_key`, `ip_allowlist.config`) or the prefix of a group (`tenant`). */
  resource: string;
  /** `<PascalCase resource>AuditLog`, e.g. `ApiKeyAuditLog`, `TenantAuditLog`. */
  unionName: string;
  events: EventModel[];
}

/** One `$defs` entry: its raw schema (for the tools that consume JSON Schema) and its field tree. */
export interface DefinitionModel {
  name: string;
  /** `/$defs/<name>`. */
  pointer: string;
  schema: JsonSchema;
  /** Its fields, references followed (empty for a definition that is not an object). */
  fields: FieldModel[];
}

export interface SchemaModel {
  /** Path of the schema file, relative to the project root (for messages and headers). */
  file: string;
  schema: JsonSchema;
  defs: Record<string, JsonSchema>;
  /** Every `$defs` entry resolved, in the schema's order. */
  definitions: Record<string, DefinitionModel>;
  events: EventModel[];
  /** The fields every log shares (`AuditLogEnvelope`'s properties), in the schema's order. */
  envelopeFields: string[];
  /** One union per resource (the type up to its last dot), in catalog order. */
  resources: UnionModel[];
  /**
   * One union per dotted prefix that is not a resource itself but groups several resources, such
   * as `tenant` (every `tenant.*` event) or `tenant.workload_identity`.
   */
  groups: UnionModel[];
}

export const DEFAULT_SCHEMA_FILE = 'schema/audit-log.schema.json';
/** Definitions that are entry points of their own, not reached from the root. */
export const ENTRY_DEFS = ['ListAuditLogsResponse', 'ListAuditLogsParams'] as const;
/** Definitions the generators rely on by name. */
export const REQUIRED_DEFS = ['AuditLogEventType', 'AuditLogEnvelope', 'AuditLogDetails', ...ENTRY_DEFS] as const;
/** How `npm run sync -- --write` marks a description it could not write: rule 7 refuses it. */
export const PLACEHOLDER_PREFIX = 'TODO:';

export class SchemaError extends Error {
  constructor(
    readonly file: string,
    readonly pointer: string,
    problem: string,
  ) {
    super(`${file}#${pointer}: ${problem}`);
    this.name = 'SchemaError';
  }
}

export interface CheckOptions {
  /** Let placeholder descriptions pass (the sync reads and writes schemas that still have them). */
  allowPlaceholders?: boolean;
}
