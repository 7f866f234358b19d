/** Words for a list of changes: the sync report and the CHANGELOG entry. */
import { describeType, listFields } from '../shared/schema-shape.ts';
import { isBreaking, scopeLabel, type Change } from './compare.ts';

const fieldName = (path: string) => (path === '' ? 'details object' : `\`${path}\``);

function describeChange(change: Change): string {
  switch (change.kind) {
    case 'event-added': {
      const fields = change.details ? listFields(change.details).map((field) => `${field.path}: ${field.type}`) : [];
      return `\`${change.type}\`${change.details ? ` (details: ${fields.join(', ') || 'an object'})` : ' (no details object)'}`;
    }
    case 'event-removed':
      return `\`${change.type}\``;
    case 'field-added':
      return `${fieldName(change.path)}: ${describeType(change.shape)}${change.required ? ', required' : ''}`;
    case 'field-removed':
      return fieldName(change.path);
    case 'field-changed':
      return `${fieldName(change.path)} ${change.aspect}: ${change.from} -> ${change.to}`;
  }
}

/** The readable report `npm run sync` prints. */
export function formatReport(changes: Change[], source: string, target: string): string {
  if (changes.length === 0) return `${target} is in sync with ${source}.`;
  const lines = [`${target} differs from ${source}:`];
  const added = changes.filter((change) => change.kind === 'event-added');
  const removed = changes.filter((change) => change.kind === 'event-removed');
  if (added.length > 0)
    lines.push('', `Event types added (${added.length}):`, ...added.map((change) => `  + ${describeChange(change)}`));
  if (removed.length > 0)
    lines.push(
      '',
      `Event types removed (${removed.length}):`,
      ...removed.map((change) => `  - ${describeChange(change)}`),
    );
  const byScope = new Map<string, Change[]>();
  for (const change of changes) {
    if (change.kind === 'event-added' || change.kind === 'event-removed') continue;
    const label = scopeLabel(change.scope);
    byScope.set(label, [...(byScope.get(label) ?? []), change]);
  }
  for (const [label, list] of byScope) {
    lines.push('', `${label}:`);
    for (const change of list) {
      const mark = change.kind === 'field-added' ? '+' : change.kind === 'field-removed' ? '-' : '~';
      lines.push(`  ${mark} ${describeChange(change)}`);
    }
  }
  const breaking = changes.filter(isBreaking).length;
  lines.push('', `${changes.length} change(s), ${breaking} of them breaking: a ${bumpOf(changes)} release.`);
  return lines.join('\n');
}

export type Bump = 'major' | 'minor' | 'none';

/** Added event types or fields: minor; removed ones, changed types and narrower values: major. */
export function bumpOf(changes: Change[]): Bump {
  if (changes.length === 0) return 'none';
  return changes.some(isBreaking) ? 'major' : 'minor';
}

/** A CHANGELOG entry (Keep a Changelog sections) for the difference. */
export function formatChangelog(changes: Change[], source: string): string {
  const bump = bumpOf(changes);
  if (bump === 'none') return `No changes: the schema matches ${source}.`;
  const entry = (change: Change): string => {
    if (change.kind === 'event-added' || change.kind === 'event-removed')
      return `- Event type ${describeChange(change)}.`;
    return `- \`${scopeLabel(change.scope)}\`: ${describeChange(change)}.`;
  };
  const section = (title: string, list: Change[]) => (list.length > 0 ? ['', `### ${title}`, ...list.map(entry)] : []);
  return [
    `## Unreleased (${bump}: synced with ${source})`,
    ...section(
      'Added',
      changes.filter((change) => change.kind === 'event-added' || change.kind === 'field-added'),
    ),
    ...section(
      'Changed',
      changes.filter((change) => change.kind === 'field-changed'),
    ),
    ...section(
      'Removed',
      changes.filter((change) => change.kind === 'event-removed' || change.kind === 'field-removed'),
    ),
  ].join('\n');
}
