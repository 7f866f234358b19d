/**
 * What rule 12 needs of OCSF 1.8.0: the classes `toOcsf` emits and the activities each has, read
 * from the committed schema/ocsf-1.8.0.schema.json (compiled by `npm run ocsf` from the OCSF tree).
 */
import { readFileSync } from 'node:fs';

interface CompiledOcsf {
  'x-ocsf-classes': Record<string, string>;
  $defs: Record<string, { properties: { activity_id: { enum: number[] } } }>;
}

let compiled: CompiledOcsf | undefined;

/** The activity ids of OCSF class `classUid`, or undefined when it is not a class we compile. */
export function ocsfActivities(classUid: number): number[] | undefined {
  compiled ??= JSON.parse(
    readFileSync(new URL('../../../schema/ocsf-1.8.0.schema.json', import.meta.url), 'utf8'),
  ) as CompiledOcsf;
  const ref = compiled['x-ocsf-classes'][String(classUid)];
  return ref === undefined ? undefined : compiled.$defs[ref.replace('#/$defs/', '')]!.properties.activity_id.enum;
}
