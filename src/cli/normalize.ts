/**
 * `--to ocsf|ecs`: the command line as a normalizing stage. Each valid record is written as the
 * event `toOcsf` or `toEcs` makes of it instead of as it was read; `validate` and `pull` share it.
 */
import { toEcs } from '../ecs/to-ecs.js';
import { toOcsf } from '../ocsf/to-ocsf.js';
import type { AnyAuditLog } from '../parse.js';

/** The formats `--to` names: an OCSF 1.8.0 event, or an ECS 9.x document. */
export const NORMALIZED_FORMATS = ['ocsf', 'ecs'] as const;
export type NormalizedFormat = (typeof NORMALIZED_FORMATS)[number];

/** What the mappers take from the command line (`--org-id`, `--org-name`, `--keep-original`). */
export interface NormalizeOptions {
  orgId: string | undefined;
  orgName: string | undefined;
  keepOriginal: boolean;
}

/** Turns one valid record into the event written in its place. */
export type Normalizer = (log: AnyAuditLog) => unknown;

/** The mapper of `format`, with the options bound once rather than worked out per record. */
export function normalizerOf(format: NormalizedFormat, options: NormalizeOptions): Normalizer {
  const organization = {
    ...(options.orgId === undefined ? {} : { id: options.orgId }),
    ...(options.orgName === undefined ? {} : { name: options.orgName }),
  };
  const bound = {
    ...(Object.keys(organization).length === 0 ? {} : { organization }),
    ...(options.keepOriginal ? { keepOriginal: true } : {}),
  };
  return format === 'ocsf' ? (log) => toOcsf(log, bound) : (log) => toEcs(log, bound);
}
