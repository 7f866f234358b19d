/**
 * Each generator is a printer over the model: given the model of a tiny schema, what it prints is
 * pinned in a file snapshot of its own (`__snapshots__/`), so a change to one printer shows as a
 * change to its file alone. The model itself is pinned as a table: the field trees, the names
 * derived per event, the envelope's fields.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCatalog } from '../../../../scripts/generate/generate-catalog.ts';
import { generateDetailsValidators } from '../../../../scripts/generate/generate-details-validators.ts';
import { generateDocs } from '../../../../scripts/generate/generate-docs.ts';
import { generateDocumentedFields } from '../../../../scripts/generate/generate-documented-fields.ts';
import { generateEnvelopeFields } from '../../../../scripts/generate/generate-envelope-fields.ts';
import { generateEventTypes } from '../../../../scripts/generate/generate-event-types.ts';
import { generateGuards } from '../../../../scripts/generate/generate-guards.ts';
import { generateJsonSchemas } from '../../../../scripts/generate/generate-json-schemas.ts';
import { generateMeanings } from '../../../../scripts/generate/generate-meanings.ts';
import { generateOpenApi } from '../../../../scripts/generate/generate-openapi.ts';
import type { GeneratedFile } from '../../../../scripts/generate/generated-file.ts';
import { generateReadme } from '../../../../scripts/generate/generate-readme.ts';
import { generateStandardSchemas } from '../../../../scripts/generate/generate-standard-schemas.ts';
import { generateTypes } from '../../../../scripts/generate/generate-types.ts';
import { checkSchema, type SchemaModel } from '../../../../scripts/generate/model/index.ts';
import { generateValidators } from '../../../../scripts/generate/validators/layout.ts';
import { runCases, type Case } from '../../../support/cases.ts';
import { TINY_SCHEMA } from './tiny-schema.ts';

const model = checkSchema(structuredClone(TINY_SCHEMA), 'tiny.schema.json');

type Printer = (model: SchemaModel) => GeneratedFile | GeneratedFile[] | Promise<GeneratedFile>;

/** Each generator, and the snapshot of what it prints for the tiny model (several files laid end to end). */
const PRINTERS: [name: string, printer: Printer][] = [
  ['types', generateTypes],
  ['event-types', generateEventTypes],
  ['envelope-fields', generateEnvelopeFields],
  ['details-validators', generateDetailsValidators],
  ['validators', generateValidators],
  ['guards', generateGuards],
  ['standard-schemas', generateStandardSchemas],
  ['json-schemas', generateJsonSchemas],
  ['documented-fields', generateDocumentedFields],
  ['catalog', generateCatalog],
  ['meanings', generateMeanings],
  ['openapi', generateOpenApi],
  ['docs', generateDocs],
  [
    'readme',
    (given) =>
      generateReadme(
        given,
        [...generateValidators(given), generateGuards(given)].concat(
          [
            'types',
            'envelope-fields',
            'event-types',
            'details-validators',
            'standard-schemas',
            'json-schemas.json',
            'documented-fields',
            'catalog',
            'meanings',
            'openapi.json',
          ].map((name) => ({ path: `generated/${name}${name.endsWith('.json') ? '' : '.ts'}`, contents: '' })),
        ),
      ),
  ],
];

describe('each generator prints the model', () => {
  it.each(PRINTERS)('%s', async (name, printer) => {
    const printed = [await printer(model)].flat();
    const text = printed.map((file) => `=== ${file.path}\n${file.contents}`).join('\n');
    await expect(text).toMatchFileSnapshot(join(import.meta.dirname, '__snapshots__', `${name}.snap`));
  });
});

describe('the model', () => {
  const field = (definition: string, ...path: string[]) => {
    let fields = model.definitions[definition]!.fields;
    let found = fields.find((candidate) => candidate.name === path[0]);
    for (const name of path.slice(1)) {
      fields = found!.fields;
      found = fields.find((candidate) => candidate.name === name);
    }
    const { fields: _fields, ...rest } = found!;
    return rest;
  };
  const cases: Case<() => unknown, unknown>[] = [
    [
      'the envelope fields, in order',
      { given: () => model.envelopeFields, want: ['id', 'type', 'effective_at', 'actor'] },
    ],
    [
      'a field reached through a $ref, nullable by an anyOf',
      {
        given: () => field('AuditLogEnvelope', 'actor'),
        want: {
          name: 'actor',
          pointer: '/$defs/AuditLogEnvelope/properties/actor',
          types: ['object'],
          nullable: true,
          required: false,
          description: 'Who, or null.',
        },
      },
    ],
    [
      'a field of the definition a $ref names, at its own pointer',
      {
        given: () => field('AuditLogEnvelope', 'actor', 'type'),
        want: {
          name: 'type',
          pointer: '/$defs/AuditLogActor/properties/type',
          types: ['string'],
          enum: ['session', 'api_key'],
          nullable: false,
          required: false,
          description: 'How.',
        },
      },
    ],
    [
      'a field several anyOf branches pin, folded into one',
      {
        given: () => field('ApiKeyCreatedDetails', 'owner', 'kind'),
        want: {
          name: 'kind',
          pointer: '/$defs/ApiKeyUserOwner/properties/kind',
          types: ['string'],
          enum: ['user', 'project'],
          nullable: false,
          required: true,
          description: 'Always user.',
        },
      },
    ],
    [
      'an observed field keeps its mark',
      {
        given: () => field('ApiKeyCreatedDetails', 'note'),
        want: {
          name: 'note',
          pointer: '/$defs/ApiKeyCreatedDetails/properties/note',
          types: ['string'],
          nullable: false,
          required: false,
          description: 'Seen in payloads.',
          source: 'payloads',
        },
      },
    ],
    [
      'an array field has the shape of its items',
      {
        given: () =>
          model.definitions.ApiKeyCreatedDetails!.fields.find((candidate) => candidate.name === 'scopes')!.items,
        want: { types: ['string'], nullable: false, fields: [] },
      },
    ],
    [
      'every name of an event with details',
      {
        given: () => model.events[0]!.names,
        want: {
          interface: 'ApiKeyCreatedAuditLog',
          guard: 'isApiKeyCreated',
          schema: 'apiKeyCreatedSchema',
          module: 'api-key-created',
          detailsValidator: 'validateApiKeyCreatedDetails',
          detailsModule: 'validators/details/api-key-created',
          shapeValidator: 'validateApiKeyCreatedShape',
        },
      },
    ],
    [
      'an event without details has no details validator',
      {
        given: () => model.events[1]!.names,
        want: {
          interface: 'LoginFailedAuditLog',
          guard: 'isLoginFailed',
          schema: 'loginFailedSchema',
          module: 'login-failed',
          shapeValidator: 'validateLoginFailedShape',
        },
      },
    ],
    [
      'per-event meaning: the rule, with target paths only where the details have the field',
      {
        given: () => model.events.map((event) => event.meaning),
        want: [
          {
            ocsf: { classUid: 3004, activityId: 1 },
            ecs: { category: ['iam'], type: ['creation'] },
            outcome: 'success',
            target: { resource: 'api_key', idPath: 'id' },
          },
          {
            ocsf: { classUid: 3002, activityId: 1 },
            ecs: { category: ['authentication', 'session'], type: ['start'] },
            outcome: 'failure',
            target: { resource: 'login' },
          },
        ],
      },
    ],
  ];
  runCases(cases, (given) => given());
});
