import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AUDIT_LOG_EVENT_TYPES } from '../../generated/event-types.ts';
import { AUDIT_LOG_EVENT_CATALOG } from '../../src/catalog.ts';
import { runCases } from '../support/cases.ts';
import { wrongTypeCases } from '../../harness/payloads.ts';
import { catalog, defs } from '../../harness/schema.ts';

const docs = readFileSync(new URL('../../docs/events.md', import.meta.url), 'utf8');
const entry = (type: string) => AUDIT_LOG_EVENT_CATALOG.find((item) => item.type === type)!;

describe('AUDIT_LOG_EVENT_CATALOG', () => {
  it('lists every event type once, in the schema order', () => {
    expect(AUDIT_LOG_EVENT_CATALOG.map((item) => item.type)).toEqual([...AUDIT_LOG_EVENT_TYPES]);
  });

  runCases(
    catalog.map((event) => {
      const variant = defs[event.variantDef]!;
      // Every named field the payload helpers reach (`/type/data/scopes` -> `data.scopes`; array items `/0` -> `[]`);
      // the element of an array of scalars is no field of its own (its type is the array's: `array of string`).
      const fields = [
        ...new Set(
          wrongTypeCases(event).map((c) =>
            c.pointer
              .split('/')
              .slice(2)
              .map((s) => (s === '0' ? '[]' : s))
              .join('.')
              .replace(/\.\[\]/g, '[]'),
          ),
        ),
      ].filter((path) => !path.endsWith('[]'));
      return [
        event.type,
        {
          given: event.type,
          want: {
            resource: variant['x-resource'],
            action: variant['x-action'],
            description: variant.description,
            fields,
          },
        },
      ] as const;
    }),
    (type) => {
      const item = entry(type);
      return {
        resource: item.resource,
        action: item.action,
        description: item.description,
        fields: item.fields.map((field) => field.path),
      };
    },
  );
});

describe('docs/events.md', () => {
  runCases(
    catalog.map((event) => [event.type, { given: event.type, want: true }] as const),
    (type) =>
      docs.includes(`### \`${type}\``) &&
      entry(type).fields.every((field) => docs.includes(`| \`${field.path}\` | ${field.type.replace(/\|/g, '\\|')} |`)),
  );
});
