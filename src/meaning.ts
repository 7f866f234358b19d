/**
 * What an audit log means, for the mappers (`toOcsf`, `toEcs`): catalog types from the table
 * `npm run generate` writes from the schema (the rule and the schema's overrides), event types
 * newer than the catalog by the same rule applied at run time.
 */
import { EVENT_MEANINGS } from '../generated/meanings.js';
import { meaningByRule, type EventMeaning } from './internal.js';

export type { EventMeaning, EventOutcome } from './internal.js';

const isCatalogType = (type: string): type is keyof typeof EVENT_MEANINGS =>
  Object.prototype.hasOwnProperty.call(EVENT_MEANINGS, type);

/**
 * The meaning of an event type: its OCSF class and activity, ECS category and type, outcome and
 * target. A type outside the catalog is split at its last dot into resource and action and given
 * the rule's meaning (`meaningByRule`), so every string has one.
 *
 * @example
 * meaningOf('login.failed').outcome; // 'failure'
 */
export function meaningOf(type: string): EventMeaning {
  if (isCatalogType(type)) return EVENT_MEANINGS[type];
  const dot = type.lastIndexOf('.');
  return dot === -1 ? meaningByRule(type, '') : meaningByRule(type.slice(0, dot), type.slice(dot + 1));
}
