/**
 * `hasResource` agrees with the unions the types are generated from: for every resource and every
 * group of the schema's model, it takes exactly the catalog's events of that union, and nothing
 * outside the catalog.
 */
import { describe } from 'vitest';
import { validPayload } from '../../harness/payloads.ts';
import { catalog } from '../../harness/schema.ts';
import { loadSchema } from '../../scripts/generate/model/index.ts';
import { hasResource, type AuditLogResource } from '../../src/index.ts';
import { runCases, type Case } from '../support/cases.ts';

const model = loadSchema('schema/audit-log.schema.json');
const logs = catalog.map(validPayload) as { type: string }[];
const taken = (resource: string) =>
  logs.filter((log) => hasResource(log, resource as AuditLogResource)).map((log) => log.type);

describe('hasResource takes the events of its union, and only those', () => {
  runCases(
    [...model.resources, ...model.groups].map((union) => [
      `${union.resource} (${union.unionName})`,
      { given: union.resource, want: union.events.map((event) => event.type) },
    ]),
    taken,
  );
});

describe('hasResource, edges', () => {
  const [first] = model.resources;
  runCases(
    [
      // Newer than the catalog: its union is unknown, so it is narrowed to none.
      ['an unknown action of a known resource', { given: { type: `${first!.resource}.rotated` }, want: false }],
      ['a type without a dot', { given: { type: first!.resource }, want: false }],
      ['a type that is not a string', { given: { type: 5 as unknown as string }, want: false }],
    ],
    (log) => hasResource(log, first!.resource as AuditLogResource),
  );
  runCases<[type: string, resource: string], boolean>(
    [
      // A resource under another's name is not part of it (`ip_allowlist.config` is not `ip_allowlist`).
      ...model.resources.flatMap((resource) => {
        const nested = model.resources.filter((other) => other.resource.startsWith(`${resource.resource}.`));
        return nested.map((other): Case<[string, string], boolean> => [
          `${other.resource} is not ${resource.resource}`,
          { given: [other.events[0]!.type, resource.resource], want: false },
        ]);
      }),
      ['a name that is no resource nor group', { given: [catalog[0]!.type, 'no_such_resource'], want: false }],
    ],
    ([type, resource]) => hasResource({ type }, resource as AuditLogResource),
  );
});
