import { pascalCase } from '../../../src/internal.ts';
import type { EventModel, UnionModel } from './model.ts';

/**
 * The union types: one per resource, and one per dotted prefix that is not a resource itself but
 * groups at least two resources (`tenant`, `tenant.workload_identity`). Catalog order throughout.
 */
export function unionsOf(events: readonly EventModel[]): { resources: UnionModel[]; groups: UnionModel[] } {
  const union = (resource: string, members: EventModel[]): UnionModel => ({
    resource,
    unionName: `${pascalCase(resource)}AuditLog`,
    events: members,
  });
  const resourceNames = [...new Set(events.map((event) => event.resource))];
  const resources = resourceNames.map((resource) =>
    union(
      resource,
      events.filter((event) => event.resource === resource),
    ),
  );
  const prefixes = [
    ...new Set(
      resourceNames.flatMap((resource) =>
        resource
          .split('.')
          .slice(0, -1)
          .map((_, i, parts) => parts.slice(0, i + 1).join('.')),
      ),
    ),
  ];
  const within = (prefix: string, name: string) => name.startsWith(`${prefix}.`);
  const groups = prefixes
    .filter((prefix) => !resourceNames.includes(prefix))
    .filter((prefix) => resourceNames.filter((resource) => within(prefix, resource)).length >= 2)
    .map((prefix) =>
      union(
        prefix,
        events.filter((event) => within(prefix, event.resource)),
      ),
    );
  return { resources, groups };
}
