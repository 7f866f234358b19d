/**
 * The SDK's declarations and the schema brought to the same terms for `npm run sync -- --sdk`:
 * TypeScript has no integer and no bounds, and the SDK inlines the actor objects that the schema
 * names (`AuditLogActorSession`, ...).
 */
import type { Shape } from '../shared/schema-shape.ts';
import type { AuditLogSpec } from './compare.ts';
import type { SdkSpec } from './sdk-declarations.ts';

/** A shape as the SDK can express it: integers are numbers, and no bounds. */
function asSdkShape(shape: Shape): Shape {
  const { minimum: _minimum, maximum: _maximum, ...rest } = shape;
  return {
    ...rest,
    types: [...new Set(shape.types.map((type) => (type === 'integer' ? 'number' : type)))].sort(),
    ...(shape.items ? { items: asSdkShape(shape.items) } : {}),
    ...(shape.properties
      ? {
          properties: Object.fromEntries(
            Object.entries(shape.properties).map(([name, sub]) => [name, asSdkShape(sub)]),
          ),
        }
      : {}),
  };
}

const mapValues = (record: Record<string, Shape>, fn: (shape: Shape) => Shape) =>
  Object.fromEntries(Object.entries(record).map(([key, shape]) => [key, fn(shape)]));

/** The schema as the SDK can express it. */
export function asSdkSees(spec: AuditLogSpec): AuditLogSpec {
  return {
    ...spec,
    details: mapValues(spec.details, asSdkShape),
    envelope: asSdkShape(spec.envelope),
    actors: mapValues(spec.actors, asSdkShape),
    page: asSdkShape(spec.page),
    parameters: asSdkShape(spec.parameters),
  };
}

/**
 * The SDK's one inline actor object cut where the schema's actor components refer to each
 * other: `actor.session` becomes `AuditLogActorSession`, and the property a reference to it, so
 * that each component compares with its own.
 */
export function splitActors(
  schemaActors: Record<string, Shape>,
  actor: Shape,
  root = 'AuditLogActor',
): Record<string, Shape> {
  const out: Record<string, Shape> = {};
  const visit = (name: string, shape: Shape) => {
    const schema = schemaActors[name];
    if (schema === undefined || out[name] !== undefined) return;
    const properties = { ...shape.properties };
    for (const [key, sub] of Object.entries(schema.properties ?? {})) {
      const theirs = properties[key];
      if (sub.ref === undefined || schemaActors[sub.ref] === undefined || theirs === undefined) continue;
      visit(sub.ref, theirs);
      properties[key] = {
        types: theirs.types.filter((type) => type !== 'object'),
        ref: sub.ref,
        ...(theirs.description ? { description: theirs.description } : {}),
      };
    }
    out[name] = { ...shape, ...(shape.properties ? { properties } : {}) };
  };
  visit(root, actor);
  return out;
}

/** What the SDK declares, in the schema's terms, for `compareSpecs`. */
export function specOfSdk(
  sdk: SdkSpec,
  schema: AuditLogSpec,
): Pick<AuditLogSpec, 'eventTypes' | 'details'> & Partial<AuditLogSpec> {
  return {
    eventTypes: sdk.eventTypes,
    details: sdk.details,
    ...(sdk.actor ? { actors: splitActors(schema.actors, sdk.actor) } : {}),
    ...(sdk.page ? { page: sdk.page } : {}),
    ...(sdk.parameters ? { parameters: sdk.parameters } : {}),
  };
}
