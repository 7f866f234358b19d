/**
 * Two independent reference validators of the canonical schema, loaded as-is at run time:
 * AJV (2020-12 build) and @cfworker/json-schema. Each answers for the root (an audit log), for any
 * `$defs` entry (a variant, a page), resolving `$ref: "#"` against the canonical root.
 */
import { Validator } from '@cfworker/json-schema';
import Ajv2020 from 'ajv/dist/2020.js';
import { schema } from '../../harness/schema.ts';

/** Where the canonical schema is registered here (its own `$id` is where it is published). */
const SCHEMA_ID = 'https://openai-audit-logs.test/audit-log.schema.json';

/**
 * `strict: false` because the schema carries `x-resource`/`x-action` annotations; `strictNumbers`
 * stays on (strict: false would turn it off): AJV then rejects NaN and ±Infinity as numbers, which
 * is the package's contract. cfworker has no such switch and accepts ±Infinity as an integer.
 */
const ajv = new Ajv2020.default({ strict: false, strictNumbers: true, allErrors: false });
ajv.addSchema(schema, SCHEMA_ID);

export type ReferenceCheck = (value: unknown) => boolean;

export interface References {
  ajv: ReferenceCheck;
  cfworker: ReferenceCheck;
}

/** Both references for `#` (the root) or `#/$defs/Name`. */
export function referencesFor(pointer: '#' | `#/$defs/${string}`): References {
  const compiled = ajv.getSchema(`${SCHEMA_ID}${pointer}`);
  if (compiled === undefined) throw new Error(`AJV cannot find ${pointer}`);
  const cfworker = new Validator({ $ref: `${SCHEMA_ID}${pointer}` }, '2020-12', true);
  cfworker.addSchema(schema, SCHEMA_ID);
  return {
    ajv: (value) => compiled(value) === true,
    cfworker: (value) => cfworker.validate(value).valid,
  };
}
