/** The schema checks that run before generation: each violation stops it with the JSON path. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSchema, PLACEHOLDER_PREFIX, SCHEMA_RULES, SchemaError } from '../../../scripts/generate/model/index.ts';
import { runCases, type Case } from '../../support/cases.ts';
import { catalog, schema } from '../../../harness/schema.ts';

type Schema = typeof schema;
type Defs = Record<string, Record<string, unknown> & { properties?: Record<string, Record<string, unknown>> }>;

/** A deep copy of the canonical schema with one change applied. */
function mutated(change: (copy: Schema, defs: Defs) => void): Schema {
  const copy = structuredClone(schema);
  change(copy, copy.$defs);
  return copy;
}

/** The `#pointer: problem` of the SchemaError, or 'valid'. */
function verdict(document: unknown): string {
  try {
    checkSchema(document, 'schema/audit-log.schema.json');
    return 'valid';
  } catch (error) {
    if (!(error instanceof SchemaError)) throw error;
    expect(error.message.startsWith(`schema/audit-log.schema.json#${error.pointer}: `)).toBe(true);
    return error.message.slice('schema/audit-log.schema.json'.length);
  }
}

const enumOf = (defs: Defs) => defs.AuditLogEventType!.enum as string[];

const cases: Case<unknown, string>[] = [
  ['the canonical schema', { given: schema, want: 'valid' }],
  ['not an object', { given: [], want: '#: the document must be a JSON object' }],
  [
    'invalid against the meta-schema',
    {
      given: mutated((_s, defs) => (defs.AuditLogProject!.type = 'strng')),
      want: '#/$defs/AuditLogProject/type: not valid against the JSON Schema 2020-12 meta-schema: must be equal to one of the allowed values',
    },
  ],
  [
    'a duplicate event type',
    {
      given: mutated((_s, defs) => enumOf(defs).push('api_key.created')),
      want: `#/$defs/AuditLogEventType/enum/${catalog.length}: duplicate event type "api_key.created"`,
    },
  ],
  [
    'an event type without a variant',
    {
      given: mutated((s) => (s.oneOf as unknown[]).splice(0, 1)),
      want: '#/$defs/AuditLogEventType/enum/0: "api_key.created" has no variant in the root oneOf',
    },
  ],
  [
    'two variants for one type',
    {
      given: mutated((s) => (s.oneOf as unknown[]).push({ $ref: '#/$defs/ApiKeyCreatedAuditLog' })),
      want: '#/$defs/ApiKeyCreatedAuditLog/properties/type/const: "api_key.created" already has a variant (ApiKeyCreatedAuditLog)',
    },
  ],
  [
    'a details key that is not the variant type',
    {
      given: mutated((_s, defs) => {
        const properties = defs.ApiKeyCreatedAuditLog!.properties!;
        properties['api_key.updated'] = properties['api_key.created']!;
        delete properties['api_key.created'];
      }),
      want: '#/$defs/ApiKeyCreatedAuditLog/properties: the only details key of a variant must equal its type "api_key.created" (found "api_key.updated")',
    },
  ],
  [
    'a variant type outside the catalog',
    {
      given: mutated((_s, defs) => enumOf(defs).splice(enumOf(defs).indexOf('tunnel.created'), 1)),
      want: '#/$defs/TunnelCreatedAuditLog/properties/type/const: "tunnel.created" is not in the catalog (AuditLogEventType)',
    },
  ],
  [
    'an unused definition',
    {
      given: mutated((_s, defs) => (defs.Leftover = { type: 'object' })),
      want: '#/$defs/Leftover: unused definition: nothing refers to it',
    },
  ],
  [
    'a reference to a missing definition',
    {
      given: mutated(
        (_s, defs) => (defs.AuditLogEnvelope!.properties!.project = { description: 'x', $ref: '#/$defs/Nowhere' }),
      ),
      want: '#/$defs/AuditLogEnvelope/properties/project/$ref: "#/$defs/Nowhere" does not name a definition in $defs',
    },
  ],
  [
    'a property without a description',
    {
      given: mutated((_s, defs) => delete defs.ApiKeyCreatedDetails!.properties!.id!.description),
      want: '#/$defs/ApiKeyCreatedDetails/properties/id: every property needs a "description"',
    },
  ],
  [
    'resource and action that do not make the type',
    {
      given: mutated((_s, defs) => (defs.IpAllowlistConfigActivatedAuditLog!['x-resource'] = 'ip_allowlist')),
      want: '#/$defs/IpAllowlistConfigActivatedAuditLog: "x-resource" and "x-action" must be strings that join with "." to "ip_allowlist.config.activated"',
    },
  ],
  [
    'a details object missing from AuditLogDetails',
    {
      given: mutated((_s, defs) => delete defs.AuditLogDetails!.properties!['api_key.created']),
      want: '#/$defs/AuditLogDetails/properties/api_key.created: must be {"$ref": "#/$defs/ApiKeyCreatedDetails"} like the variant',
    },
  ],
  [
    'closed objects',
    {
      given: mutated((_s, defs) => (defs.AuditLogProject!.additionalProperties = false)),
      want: '#/$defs/AuditLogProject/additionalProperties: objects stay open: real payloads carry undocumented fields',
    },
  ],
  [
    'a keyword the compiled validators cannot run alone',
    {
      given: mutated((_s, defs) => (defs.ApiKeyCreatedDetails!.properties!.id!.minLength = 1)),
      want: '#/$defs/ApiKeyCreatedDetails/properties/id/minLength: "minLength" is not a keyword the compiled validators run',
    },
  ],
  [
    'an observed-field mark that is not true',
    {
      given: mutated((_s, defs) => (defs.ApiKeyCreatedDetails!.properties!.id!['x-observed'] = 'yes')),
      want: '#/$defs/ApiKeyCreatedDetails/properties/id/x-observed: must be true',
    },
  ],
  [
    'two placeholders, both named',
    {
      given: mutated((_s, defs) => {
        defs.ApiKeyCreatedDetails!.properties!.id!.description = `${PLACEHOLDER_PREFIX} describe it`;
        defs.TunnelCreatedAuditLog!.description = `${PLACEHOLDER_PREFIX} describe it`;
      }),
      want: [
        "#/$defs/ApiKeyCreatedDetails/properties/id: 2 placeholder description(s) to write in the project's own words:",
        '  #/$defs/ApiKeyCreatedDetails/properties/id/description',
        '  #/$defs/TunnelCreatedAuditLog/description',
      ].join('\n'),
    },
  ],
  [
    'a union name taken by an event',
    {
      // An event `api_key.audit.x` has the resource `api_key.audit`, whose union would be ApiKeyAuditAuditLog;
      // an event `api_key.audit` would be ApiKeyAuditAuditLog too.
      given: mutated((s, defs) => addEvents(s, defs, ['api_key.audit', 'api_key.audit.x'])),
      want: '#/$defs/ApiKeyAuditXAuditLog: the union of "api_key.audit" and event "api_key.audit" would both be named ApiKeyAuditAuditLog',
    },
  ],
  [
    "an event's Standard Schema named like the union's",
    {
      given: mutated((s, defs) => addEvents(s, defs, ['audit.log'])),
      want: '#/$defs/AuditLogAuditLog: its Standard Schema would be named auditLogSchema, which openai-audit-logs/standard-schema uses',
    },
  ],
  [
    'a page without data',
    {
      given: mutated((_s, defs) => delete defs.ListAuditLogsResponse!.properties!.data),
      want: '#/$defs/ListAuditLogsResponse/properties/data: missing',
    },
  ],
  [
    'query parameters without properties',
    {
      given: mutated((_s, defs) => delete defs.ListAuditLogsParams!.properties),
      want: '#/$defs/ListAuditLogsParams/properties: missing',
    },
  ],
  [
    'a meaning override whose ECS type its category does not allow',
    {
      given: mutated((_s, defs) => {
        defs.LoginFailedAuditLog!['x-meaning'] = { ecs: { category: ['authentication'], type: ['creation'] } };
      }),
      want: '#/$defs/LoginFailedAuditLog/x-meaning/ecs/type: "login.failed": ECS event.category "authentication" does not allow event.type "creation"',
    },
  ],
  [
    'a meaning override naming an activity its OCSF class lacks',
    {
      given: mutated(
        (_s, defs) => (defs.ApiKeyCreatedAuditLog!['x-meaning'] = { ocsf: { classUid: 3002, activityId: 12 } }),
      ),
      want: '#/$defs/ApiKeyCreatedAuditLog/x-meaning/ocsf/activityId: "api_key.created": OCSF class 3002 has no activity 12 (it has 0, 1, 2, 3, 4, 5, 6, 7, 99)',
    },
  ],
  [
    'a meaning override naming a class OCSF 1.8.0 lacks',
    {
      given: mutated(
        (_s, defs) => (defs.ApiKeyCreatedAuditLog!['x-meaning'] = { ocsf: { classUid: 3099, activityId: 1 } }),
      ),
      want: '#/$defs/ApiKeyCreatedAuditLog/x-meaning/ocsf/classUid: "api_key.created": 3099 is not an OCSF 1.8.0 class we compile',
    },
  ],
  [
    'a meaning override with an ECS category we carry no facts for',
    {
      given: mutated((_s, defs) => {
        defs.LoginFailedAuditLog!['x-meaning'] = { ecs: { category: ['sign-in'], type: ['start'] } };
      }),
      want: '#/$defs/LoginFailedAuditLog/x-meaning/ecs/category: "login.failed": "sign-in" is not an ECS event.category we carry (authentication, session, iam, configuration)',
    },
  ],
  [
    'a meaning override naming a target path its details lack',
    {
      given: mutated((_s, defs) => (defs.ApiKeyCreatedAuditLog!['x-meaning'] = { target: { namePath: 'data.label' } })),
      want: '#/$defs/ApiKeyCreatedAuditLog/x-meaning/target/namePath: "api_key.created": its details have no field "data.label"',
    },
  ],
  [
    'a meaning override with a part a meaning does not have',
    {
      given: mutated((_s, defs) => (defs.ApiKeyCreatedAuditLog!['x-meaning'] = { severity: 'high' })),
      want: '#/$defs/ApiKeyCreatedAuditLog/x-meaning/severity: not a part of a meaning (ocsf, ecs, outcome, target)',
    },
  ],
  [
    'a meaning override with an outcome outside the three',
    {
      given: mutated((_s, defs) => (defs.ApiKeyCreatedAuditLog!['x-meaning'] = { outcome: 'partial' })),
      want: '#/$defs/ApiKeyCreatedAuditLog/x-meaning/outcome: must be one of success, failure, unknown',
    },
  ],
];

/** Adds event types without details to the catalog, each with its variant. */
function addEvents(schema: Schema, defs: Defs, types: string[]): void {
  for (const type of types) {
    const name = type
      .split(/[._]/)
      .map((part) => part[0]!.toUpperCase() + part.slice(1))
      .join('');
    enumOf(defs).push(type);
    (schema.oneOf as unknown[]).push({ $ref: `#/$defs/${name}AuditLog` });
    const dot = type.lastIndexOf('.');
    defs[`${name}AuditLog`] = {
      description: 'A test event.',
      'x-resource': type.slice(0, dot),
      'x-action': type.slice(dot + 1),
      $ref: '#/$defs/AuditLogEnvelope',
      required: ['type'],
      properties: { type: { description: 'Its type.', const: type } },
    };
  }
}

describe('checkSchema', () => runCases(cases, verdict));

describe('the rules', () => {
  const readme = readFileSync(new URL('../../../schema/README.md', import.meta.url), 'utf8');
  it.each(SCHEMA_RULES.map((rule) => [rule.number, rule.name] as const))(
    'rule %i, %s, is stated in schema/README.md',
    (number, name) => {
      expect(readme).toContain(`${number}. **${name}.**`);
    },
  );
});
