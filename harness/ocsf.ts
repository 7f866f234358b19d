/**
 * The compiled OCSF 1.8.0 JSON Schema (schema/ocsf-1.8.0.schema.json) as validators, one per
 * class, for the conformance tests and the fuzz project: a toOcsf output is checked against the
 * class its `class_uid` names, with every object we emit closed.
 */
import { readFileSync } from 'node:fs';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';

const OCSF_SCHEMA = JSON.parse(readFileSync(new URL('../schema/ocsf-1.8.0.schema.json', import.meta.url), 'utf8')) as {
  'x-ocsf-classes': Record<string, string>;
};

const ajv = new Ajv2020.default({ strict: false, allErrors: true });
ajv.addSchema(OCSF_SCHEMA, 'ocsf');
const validators = new Map<number, ValidateFunction>();

/** The problems of `event` against its OCSF class (an empty list when it conforms). */
export function ocsfProblems(event: { class_uid?: unknown; type_uid?: unknown; activity_id?: unknown }): string[] {
  const classUid = Number(event.class_uid);
  const ref = OCSF_SCHEMA['x-ocsf-classes'][String(classUid)];
  if (ref === undefined) return [`class_uid ${String(event.class_uid)} is not an OCSF class we compile`];
  let validate = validators.get(classUid);
  if (validate === undefined) {
    validate = ajv.getSchema(`ocsf${ref}`)!;
    validators.set(classUid, validate);
  }
  const problems = validate(event)
    ? []
    : validate.errors!.map((error) => `${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`);
  if (event.type_uid !== classUid * 100 + Number(event.activity_id))
    problems.push(`type_uid ${String(event.type_uid)} is not class_uid × 100 + activity_id`);
  return problems;
}
