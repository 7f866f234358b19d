/**
 * Rule 12 of schema/README.md: every event's meaning is the rule of src/internal/meaning.ts with
 * the variant's `x-meaning` override laid over it, and the result must agree with the definitions
 * it names: an OCSF 1.8.0 class and one of its activities (from the compiled
 * schema/ocsf-1.8.0.schema.json), ECS event.type values each allowed for every event.category
 * given, and target paths that exist in the event's details object.
 */
import { ECS_TYPES_BY_CATEGORY, escapePointerToken as pointerToken, type EventMeaning } from '../../../src/internal.ts';
import { isObject } from '../../shared/schema-shape.ts';
import type { JsonSchema } from '../../shared/schema-traversal.ts';
import type { EventModel } from './model.ts';
import { ocsfActivities } from './ocsf-facts.ts';

/** What rule 12 reads of the context the rules share. */
export interface MeaningContext {
  defs: Record<string, JsonSchema>;
  events: EventModel[];
  fail: (pointer: string, problem: string) => never;
}

const OUTCOMES = ['success', 'failure', 'unknown'];
const OVERRIDE_KEYS = ['ocsf', 'ecs', 'outcome', 'target'];
const TARGET_PATHS = ['idPath', 'namePath'] as const;

export function checkMeanings({ defs, events, fail }: MeaningContext): void {
  for (const event of events) {
    const at = `/$defs/${pointerToken(event.variantDef)}/x-meaning`;
    const override = defs[event.variantDef]!['x-meaning'];
    const details = event.detailsDef ? defs[event.detailsDef] : undefined;
    const has = (path: string) => details !== undefined && hasPath(defs, details, path.split('.'));
    const meaning = override === undefined ? event.meaning : applyOverride(event.meaning, override, at, fail);
    for (const key of TARGET_PATHS) {
      const path = meaning.target[key];
      if (path === undefined || has(path)) continue;
      // A path the rule guessed is dropped where the details have no such field; an override's is an error.
      if (isObject(override) && isObject(override.target) && override.target[key] !== undefined)
        fail(`${at}/target/${key}`, `"${event.type}": its details have no field "${path}"`);
      const { [key]: _dropped, ...target } = meaning.target;
      meaning.target = target;
    }
    checkAgainstDefinitions(event.type, meaning, at, fail);
    event.meaning = meaning;
  }
}

/** Lays a partial meaning over the rule's: `ocsf`, `ecs` and `outcome` replace, `target` merges field by field. */
function applyOverride(ruled: EventMeaning, override: unknown, at: string, fail: MeaningContext['fail']): EventMeaning {
  if (!isObject(override)) return fail(at, 'must be an object (a partial meaning)');
  for (const key of Object.keys(override))
    if (!OVERRIDE_KEYS.includes(key))
      fail(`${at}/${pointerToken(key)}`, `not a part of a meaning (${OVERRIDE_KEYS.join(', ')})`);
  const { ocsf, ecs, outcome, target } = override;
  const meaning: EventMeaning = { ...ruled, target: { ...ruled.target } };
  if (ocsf !== undefined) {
    if (!isObject(ocsf) || !Number.isInteger(ocsf.classUid) || !Number.isInteger(ocsf.activityId))
      fail(`${at}/ocsf`, 'must be {"classUid": <integer>, "activityId": <integer>}');
    meaning.ocsf = { classUid: ocsf.classUid as number, activityId: ocsf.activityId as number };
  }
  if (ecs !== undefined) {
    const strings = (value: unknown) =>
      Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string');
    if (!isObject(ecs) || !strings(ecs.category) || !strings(ecs.type))
      fail(`${at}/ecs`, 'must be {"category": [<string>, ...], "type": [<string>, ...]}');
    meaning.ecs = { category: ecs.category as string[], type: ecs.type as string[] };
  }
  if (outcome !== undefined) {
    if (typeof outcome !== 'string' || !OUTCOMES.includes(outcome))
      fail(`${at}/outcome`, `must be one of ${OUTCOMES.join(', ')}`);
    meaning.outcome = outcome as EventMeaning['outcome'];
  }
  if (target !== undefined) {
    if (!isObject(target)) return fail(`${at}/target`, 'must be an object');
    for (const [key, value] of Object.entries(target)) {
      if (!['resource', ...TARGET_PATHS].includes(key) || typeof value !== 'string' || value === '')
        fail(
          `${at}/target/${pointerToken(key)}`,
          'a target has "resource", "idPath" and "namePath", each a non-empty string',
        );
    }
    Object.assign(meaning.target, target);
  }
  return meaning;
}

/** The OCSF class and activity exist in OCSF 1.8.0; each ECS type is allowed by every category given. */
function checkAgainstDefinitions(type: string, meaning: EventMeaning, at: string, fail: MeaningContext['fail']): void {
  const { classUid, activityId } = meaning.ocsf;
  const activities = ocsfActivities(classUid);
  if (activities === undefined)
    return fail(`${at}/ocsf/classUid`, `"${type}": ${classUid} is not an OCSF 1.8.0 class we compile`);
  if (!activities.includes(activityId))
    fail(
      `${at}/ocsf/activityId`,
      `"${type}": OCSF class ${classUid} has no activity ${activityId} (it has ${activities.join(', ')})`,
    );
  for (const category of meaning.ecs.category) {
    const allowed = ECS_TYPES_BY_CATEGORY[category];
    if (allowed === undefined)
      fail(
        `${at}/ecs/category`,
        `"${type}": "${category}" is not an ECS event.category we carry (${Object.keys(ECS_TYPES_BY_CATEGORY).join(', ')})`,
      );
    for (const ecsType of meaning.ecs.type)
      if (!allowed.includes(ecsType))
        fail(`${at}/ecs/type`, `"${type}": ECS event.category "${category}" does not allow event.type "${ecsType}"`);
  }
}

/** Whether `path` names a field of `schema` (following `$ref`s and `anyOf` branches). */
function hasPath(defs: Record<string, JsonSchema>, schema: JsonSchema, path: readonly string[]): boolean {
  const resolved = typeof schema.$ref === 'string' ? defs[schema.$ref.replace('#/$defs/', '')] : schema;
  if (resolved === undefined) return false;
  if (path.length === 0) return true;
  const [head, ...rest] = path;
  const property = isObject(resolved.properties) ? resolved.properties[head!] : undefined;
  if (isObject(property) && hasPath(defs, property, rest)) return true;
  return (
    Array.isArray(resolved.anyOf) && resolved.anyOf.some((branch) => isObject(branch) && hasPath(defs, branch, path))
  );
}
