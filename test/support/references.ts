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

const cfworkerFor = (pointer: string, document: object = schema): ReferenceCheck => {
  const validator = new Validator({ $ref: `${SCHEMA_ID}${pointer}` }, '2020-12', true);
  validator.addSchema(document, SCHEMA_ID);
  return (value) => validator.validate(value).valid;
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * cfworker on the root, by its definition taken apart: the root is `AuditLogDetails` and a
 * `oneOf` of one variant per event type, each pinning `type` with a `const`, so a value passes the
 * `oneOf` exactly when it is an object that passes the variant of its own `type`. cfworker tries
 * every branch of a `oneOf`, which costs about 15 ms per log at 149 types; this asks it the same
 * question about one branch.
 */
function cfworkerRoot(): ReferenceCheck {
  const details = cfworkerFor('#/$defs/AuditLogDetails');
  const variants = new Map<unknown, ReferenceCheck>(
    (schema.oneOf as { $ref: string }[]).map(({ $ref }) => {
      const definition = schema.$defs[$ref.slice('#/$defs/'.length)]!;
      return [(definition.properties as Record<string, { const: string }>).type!.const, cfworkerFor($ref)];
    }),
  );
  return (value) => {
    if (!isPlainObject(value)) return false;
    const variant = variants.get(value.type);
    return variant !== undefined && details(value) && variant(value);
  };
}

/** cfworker on a page: its own fields (with `data` an array of anything), and every log by the root. */
function cfworkerPage(root: ReferenceCheck): ReferenceCheck {
  const copy = structuredClone(schema);
  const data = (copy.$defs.ListAuditLogsResponse!.properties as Record<string, Record<string, unknown>>).data!;
  delete data.items;
  const ownFields = cfworkerFor('#/$defs/ListAuditLogsResponse', copy);
  return (value) => ownFields(value) && (value as { data: unknown[] }).data.every(root);
}

let root: ReferenceCheck | undefined;

/** Both references for `#` (the root) or `#/$defs/Name`. */
export function referencesFor(pointer: '#' | `#/$defs/${string}`): References {
  const compiled = ajv.getSchema(`${SCHEMA_ID}${pointer}`);
  if (compiled === undefined) throw new Error(`AJV cannot find ${pointer}`);
  root ??= cfworkerRoot();
  const cfworker =
    pointer === '#' ? root : pointer === '#/$defs/ListAuditLogsResponse' ? cfworkerPage(root) : cfworkerFor(pointer);
  return { ajv: (value) => compiled(value) === true, cfworker };
}
