/**
 * Brings the canonical schema and an OpenAPI document to one comparable form (JSON types, enum
 * values, required fields, nested fields; descriptions ride along but never count as a change)
 * and lists their differences.
 */
import type { SchemaModel } from '../generate/model/index.ts';
import { ACTOR_COMPONENTS, isNamedComponent } from '../shared/audit-log-api.ts';
import {
  describeBounds,
  describeField,
  joinPath,
  schemaLookup,
  shapeOf,
  type JsonSchema,
  type Lookup,
  type Shape,
} from '../shared/schema-shape.ts';
import { componentName, type AuditLogDocument } from './openapi-document.ts';

/** Both sides in the same form. */
export interface AuditLogSpec {
  eventTypes: string[];
  /** Event type -> its details object, for the events that have one. */
  details: Record<string, Shape>;
  envelope: Shape;
  actors: Record<string, Shape>;
  page: Shape;
  parameters: Shape;
  /** Event types marked `x-sdk`: only the `openai` SDK declares them, so a document lacking them is expected. */
  sdkOnly?: string[];
}

/** The canonical schema in comparable form. */
export function specOfSchema(model: SchemaModel): AuditLogSpec {
  const of = (node: unknown) => shapeOf(node, schemaLookup(model.defs));
  const details: Record<string, Shape> = {};
  for (const event of model.events) if (event.detailsDef) details[event.type] = of(model.defs[event.detailsDef]);
  return {
    eventTypes: model.events.map((event) => event.type),
    sdkOnly: model.events.filter((event) => model.defs[event.variantDef]?.['x-sdk'] === true).map((e) => e.type),
    details,
    envelope: of(model.defs.AuditLogEnvelope),
    actors: Object.fromEntries(
      ACTOR_COMPONENTS.filter((name) => model.defs[name]).map((name) => [name, of(model.defs[name])]),
    ),
    page: of(model.defs.ListAuditLogsResponse),
    parameters: of(model.defs.ListAuditLogsParams),
  };
}

/** Resolver of `#/components/schemas/...` references of an OpenAPI document. */
export function documentLookup(document: AuditLogDocument): Lookup {
  return (ref) => {
    const name = componentName(ref);
    if (name === undefined) throw new Error(`${document.file}: unsupported reference "${ref}"`);
    if (name === 'AuditLog' || isNamedComponent(name)) return { named: name };
    if (!document.components[name]) throw new Error(`${document.file}: "${ref}" refers to a missing component`);
    return { node: document.components[name] };
  };
}

/** An OpenAPI document's audit-log parts in comparable form. */
export function specOfDocument(document: AuditLogDocument): AuditLogSpec {
  const lookup = documentLookup(document);
  const of = (node: unknown) => shapeOf(node, lookup);
  const eventTypes = new Set(document.eventTypes);
  const details: Record<string, Shape> = {};
  for (const [key, value] of Object.entries(document.auditLog.properties as Record<string, JsonSchema>)) {
    if (eventTypes.has(key)) details[key] = of(value);
  }
  return {
    eventTypes: document.eventTypes,
    details,
    envelope: of(envelopeOf(document)),
    actors: Object.fromEntries(
      ACTOR_COMPONENTS.filter((name) => document.components[name]).map((name) => [name, of(document.components[name])]),
    ),
    page: of(document.page),
    parameters: of(parametersAsObject(document)),
  };
}

/**
 * `AuditLog` without the details keys: the fields every log has. Only its own properties count;
 * a `oneOf` of per-event variants (as in the package's own fragment) adds nothing shared.
 */
export function envelopeOf(document: AuditLogDocument): JsonSchema {
  const { type, description, required } = document.auditLog;
  const properties = Object.entries(document.auditLog.properties as Record<string, JsonSchema>).filter(
    ([key]) => !document.eventTypes.includes(key),
  );
  return { type, description, required, properties: Object.fromEntries(properties) };
}

/** The query parameters as one object schema, the form `ListAuditLogsParams` has. */
export function parametersAsObject(document: AuditLogDocument): JsonSchema {
  const required = document.parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name);
  return {
    type: 'object',
    ...(required.length > 0 ? { required } : {}),
    properties: Object.fromEntries(
      document.parameters.map((parameter) => [
        parameter.name,
        { ...(parameter.description ? { description: parameter.description } : {}), ...parameter.schema },
      ]),
    ),
  };
}

/** Where a field lives: an event's details object, or one of the shared parts. */
export type Scope = { event: string } | { part: 'envelope' | 'page' | 'parameters' } | { actor: string };

export type Change =
  | { kind: 'event-added'; type: string; details?: Shape }
  /** In the catalog, not in the document, and not marked `x-sdk`: `--write` removes it. */
  | { kind: 'event-removed'; type: string }
  /** In the catalog, not in the other side, which need not have it (marked `x-sdk`, or the SDK): reported, kept. */
  | { kind: 'event-absent'; type: string }
  | { kind: 'field-added'; scope: Scope; path: string; shape: Shape; required: boolean }
  | { kind: 'field-removed'; scope: Scope; path: string }
  /** In the schema, not in the other side, which is not authoritative for fields (the SDK): reported only. */
  | { kind: 'field-absent'; scope: Scope; path: string }
  | {
      kind: 'field-changed';
      scope: Scope;
      path: string;
      aspect: 'type' | 'enum' | 'required' | 'bounds';
      from: string;
      to: string;
      widens: boolean;
      /**
       * The other side, which need not be complete (the SDK), is narrower here: the catalog already
       * accepts all it declares (a nullable or optional field it declares required and non-null).
       */
      covered?: true;
    };

/** Changes that are reported but that `--write` does not make and that do not make the sync exit 1. */
export const isInformational = (change: Change): boolean =>
  change.kind === 'event-absent' ||
  change.kind === 'field-absent' ||
  (change.kind === 'field-changed' && !!change.covered);

export interface CompareOptions {
  /**
   * The other side may lack event types and fields (it runs behind the document, as the SDK may):
   * what it lacks is reported as absent rather than removed.
   */
  fieldsMayBeAbsent?: boolean;
  /** Parts to compare besides the event types and details (an SDK's declarations have only those). */
  parts?: ('envelope' | 'actors' | 'page' | 'parameters')[];
}

const typeKey = (shape: Shape) => JSON.stringify([shape.ref ?? null, shape.types]);
const enumText = (values: string[] | undefined) => (values ? values.join(', ') : '(any value)');

/** Every difference of `to` (the document) from `from` (the schema). */
export function compareSpecs(
  from: AuditLogSpec,
  to: Pick<AuditLogSpec, 'eventTypes' | 'details'> & Partial<AuditLogSpec>,
  { fieldsMayBeAbsent = false, parts = ['envelope', 'actors', 'page', 'parameters'] }: CompareOptions = {},
): Change[] {
  const changes: Change[] = [];
  const compare = (scope: Scope, before: Shape, after: Shape) =>
    compareShapes(scope, '', before, after, changes, fieldsMayBeAbsent);
  const fromTypes = new Set(from.eventTypes);
  const toTypes = new Set(to.eventTypes);
  const sdkOnly = new Set(from.sdkOnly ?? []);
  for (const type of to.eventTypes) {
    if (!fromTypes.has(type))
      changes.push({ kind: 'event-added', type, ...(to.details[type] ? { details: to.details[type] } : {}) });
  }
  for (const type of from.eventTypes) {
    if (!toTypes.has(type))
      changes.push({ kind: fieldsMayBeAbsent || sdkOnly.has(type) ? 'event-absent' : 'event-removed', type });
  }
  for (const type of from.eventTypes.filter((t) => toTypes.has(t))) {
    const scope = { event: type };
    const [before, after] = [from.details[type], to.details[type]];
    if (before && after) compare(scope, before, after);
    else if (after) changes.push({ kind: 'field-added', scope, path: '', shape: after, required: false });
    else if (before) changes.push({ kind: fieldsMayBeAbsent ? 'field-absent' : 'field-removed', scope, path: '' });
  }
  if (parts.includes('envelope') && to.envelope) compare({ part: 'envelope' }, from.envelope, to.envelope);
  if (parts.includes('actors') && to.actors) {
    for (const name of Object.keys(to.actors)) {
      if (from.actors[name]) compare({ actor: name }, from.actors[name], to.actors[name]!);
    }
  }
  if (parts.includes('page') && to.page) compare({ part: 'page' }, from.page, to.page);
  if (parts.includes('parameters') && to.parameters) compare({ part: 'parameters' }, from.parameters, to.parameters);
  return changes;
}

function compareShapes(
  scope: Scope,
  path: string,
  from: Shape,
  to: Shape,
  changes: Change[],
  fieldsMayBeAbsent: boolean,
): void {
  // Against a side that need not be complete, a difference the catalog already accepts is only reported.
  const covered = (yes: boolean) => (fieldsMayBeAbsent && yes ? { covered: true as const } : {});
  if (path !== '' && typeKey(from) !== typeKey(to)) {
    changes.push({
      kind: 'field-changed',
      scope,
      path,
      aspect: 'type',
      from: describeField(from),
      to: describeField(to),
      // More JSON types (`null` added) accept every payload valid before; a reader must still handle them.
      widens: from.ref === to.ref && from.types.length > 0 && from.types.every((type) => to.types.includes(type)),
      ...covered(from.ref === to.ref && to.types.every((type) => from.types.includes(type))),
    });
    return;
  }
  compareBounds(scope, path, from, to, changes);
  if (JSON.stringify(from.enum) !== JSON.stringify(to.enum)) {
    // More allowed values (or none listed any more) accept every payload that was valid before.
    const widens = !to.enum || (from.enum !== undefined && from.enum.every((value) => to.enum!.includes(value)));
    changes.push({
      kind: 'field-changed',
      scope,
      path: path || '(root)',
      aspect: 'enum',
      from: enumText(from.enum),
      to: enumText(to.enum),
      widens,
      ...covered(!from.enum || (to.enum !== undefined && to.enum.every((value) => from.enum!.includes(value)))),
    });
  }
  const fromProperties = from.properties ?? {};
  const toProperties = to.properties ?? {};
  const fromRequired = new Set(from.required ?? []);
  const toRequired = new Set(to.required ?? []);
  for (const [name, shape] of Object.entries(toProperties)) {
    const at = joinPath(path, name);
    if (!(name in fromProperties)) {
      changes.push({ kind: 'field-added', scope, path: at, shape, required: toRequired.has(name) });
      continue;
    }
    if (fromRequired.has(name) !== toRequired.has(name)) {
      const word = (required: boolean) => (required ? 'required' : 'optional');
      changes.push({
        kind: 'field-changed',
        scope,
        path: at,
        aspect: 'required',
        from: word(fromRequired.has(name)),
        to: word(toRequired.has(name)),
        widens: !toRequired.has(name),
        ...covered(toRequired.has(name)),
      });
    }
    compareShapes(scope, at, fromProperties[name]!, shape, changes, fieldsMayBeAbsent);
  }
  for (const [name, shape] of Object.entries(fromProperties)) {
    // Fields seen in genuine payloads or declared by the SDK are not in OpenAI's documents: their absence is expected.
    if (name in toProperties || shape.source !== undefined) continue;
    changes.push({ kind: fieldsMayBeAbsent ? 'field-absent' : 'field-removed', scope, path: joinPath(path, name) });
  }
  if (from.items && to.items) compareShapes(scope, `${path}[]`, from.items, to.items, changes, fieldsMayBeAbsent);
}

/** A bound the other side states and the schema does not have (or has another value of) is a change. */
function compareBounds(scope: Scope, path: string, from: Shape, to: Shape, changes: Change[]): void {
  const differs = (['minimum', 'maximum'] as const).some(
    (bound) => to[bound] !== undefined && to[bound] !== from[bound],
  );
  if (!differs) return;
  // The new range holds the old one: every value valid before still is.
  const widens =
    (to.minimum === undefined || (from.minimum !== undefined && to.minimum <= from.minimum)) &&
    (to.maximum === undefined || (from.maximum !== undefined && to.maximum >= from.maximum));
  changes.push({
    kind: 'field-changed',
    scope,
    path: path || '(root)',
    aspect: 'bounds',
    from: describeBounds(from) ?? '(no bounds)',
    to: describeBounds({ minimum: to.minimum ?? from.minimum, maximum: to.maximum ?? from.maximum })!,
    widens,
  });
}

export const scopeLabel = (scope: Scope): string =>
  'event' in scope
    ? scope.event
    : 'actor' in scope
      ? `actor (${scope.actor})`
      : scope.part === 'page'
        ? 'page (ListAuditLogsResponse)'
        : scope.part === 'parameters'
          ? 'query parameters'
          : 'envelope';

/** Whether a change can break a consumer: removals, type changes, narrower enums, new requirements. */
export function isBreaking(change: Change): boolean {
  if (change.kind === 'event-added' || change.kind === 'field-added' || isInformational(change)) return false;
  if (change.kind === 'field-changed') return change.aspect === 'type' || !change.widens;
  return true;
}
