import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AUDIT_LOG_EVENT_TYPES } from '../../generated/event-types.ts';
import { AUDIT_LOG_EVENT_CATALOG } from '../../src/catalog.ts';
import { runCases } from '../support/cases.ts';
import { catalog, defs, resolve, type JsonSchema } from '../../harness/schema.ts';

const docs = readFileSync(new URL('../../docs/events.md', import.meta.url), 'utf8');
const entry = (type: string) => AUDIT_LOG_EVENT_CATALOG.find((item) => item.type === type)!;

/**
 * Every named field under a schema node, read from the schema: properties at any depth, through
 * array items (`configs[].id`) and the branches of an `anyOf`; sorted, each once.
 */
function fieldPaths(node: JsonSchema, path = ''): string[] {
  const schema = resolve(node);
  const here = Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>).flatMap(([name, sub]) => {
    const at = path ? `${path}.${name}` : name;
    return [at, ...fieldPaths(sub, at)];
  });
  const items = schema.items ? fieldPaths(schema.items as JsonSchema, `${path}[]`) : [];
  const branches = ((schema.anyOf ?? []) as JsonSchema[]).flatMap((branch) => fieldPaths(branch, path));
  return [...new Set([...here, ...items, ...branches])].sort();
}

describe('AUDIT_LOG_EVENT_CATALOG', () => {
  it('lists every event type once, in the schema order', () => {
    expect(AUDIT_LOG_EVENT_CATALOG.map((item) => item.type)).toEqual([...AUDIT_LOG_EVENT_TYPES]);
  });

  runCases(
    catalog.map((event) => {
      const variant = defs[event.variantDef]!;
      const fields = event.detailsDef ? fieldPaths(defs[event.detailsDef]!) : [];
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
        fields: [...new Set(item.fields.map((field) => field.path))].sort(),
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

describe('docs/events.md and the types agree on which events have a details object', () => {
  /** The section of one event type in docs/events.md, up to the next heading. */
  const section = (type: string) => {
    const from = docs.indexOf(`### \`${type}\``);
    const to = docs.indexOf('\n#', from + 1);
    return docs.slice(from, to === -1 ? undefined : to);
  };
  runCases(
    catalog.map((event) => {
      // The variant declares its details key (so the interface does) iff the schema gives it one.
      const declared = Object.hasOwn(defs[event.variantDef]!.properties ?? {}, event.type);
      return [event.type, { given: event.type, want: !declared }] as const;
    }),
    (type) => section(type).includes('No details object.'),
  );
});
