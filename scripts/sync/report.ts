/** Words for a list of changes: the sync report and the CHANGELOG entry. */
import { describeType, listFields } from '../shared/schema-shape.ts';
import { isBreaking, isInformational, scopeLabel, type Change } from './compare.ts';

const fieldName = (path: string) => (path === '' ? 'details object' : `\`${path}\``);
const isEventChange = (change: Change): change is Extract<Change, { type: string }> => 'type' in change;

function describeChange(change: Change): string {
  switch (change.kind) {
    case 'event-added': {
      const fields = change.details ? listFields(change.details).map((field) => `${field.path}: ${field.type}`) : [];
      return `\`${change.type}\`${change.details ? ` (details: ${fields.join(', ') || 'an object'})` : ' (no details object)'}`;
    }
    case 'event-removed':
    case 'event-absent':
      return `\`${change.type}\``;
    case 'field-added':
      return `${fieldName(change.path)}: ${describeType(change.shape)}${change.required ? ', required' : ''}`;
    case 'field-removed':
    case 'field-absent':
      return fieldName(change.path);
    case 'field-changed':
      return `${fieldName(change.path)} ${change.aspect}: ${change.from} -> ${change.to}`;
  }
}

const MARKS: Record<Change['kind'], string> = {
  'event-added': '+',
  'event-removed': '-',
  'event-absent': '?',
  'field-added': '+',
  'field-removed': '-',
  'field-absent': '?',
  'field-changed': '~',
};

/** The readable report `npm run sync` prints. */
export function formatReport(changes: Change[], source: string, target: string): string {
  const actionable = changes.filter((change) => !isInformational(change));
  if (changes.length === 0) return `${target} is in sync with ${source}.`;
  const lines = [
    actionable.length === 0
      ? `${target} has everything ${source} declares, and more:`
      : `${target} differs from ${source}:`,
  ];
  const eventSection = (kind: Change['kind'], title: string) => {
    const list = changes.filter((change) => change.kind === kind);
    if (list.length > 0)
      lines.push(
        '',
        `${title} (${list.length}):`,
        ...list.map((change) => `  ${MARKS[kind]} ${describeChange(change)}`),
      );
  };
  eventSection('event-added', 'Event types added');
  eventSection('event-removed', 'Event types removed');
  eventSection(
    'event-absent',
    `Event types in the catalog but absent from ${source} (kept; --write --prune removes them)`,
  );
  const byScope = new Map<string, Change[]>();
  for (const change of changes) {
    if (isEventChange(change)) continue;
    const label = scopeLabel(change.scope);
    byScope.set(label, [...(byScope.get(label) ?? []), change]);
  }
  for (const [label, list] of byScope) {
    lines.push('', `${label}:`);
    for (const change of list) lines.push(`  ${MARKS[change.kind]} ${describeChange(change)}`);
  }
  const breaking = actionable.filter(isBreaking).length;
  const absent = changes.length - actionable.length;
  lines.push(
    '',
    `${actionable.length} change(s), ${breaking} of them breaking: ${bumpOf(changes) === 'none' ? 'no release' : `a ${bumpOf(changes)} release`}.` +
      (absent > 0 ? ` ${absent} item(s) only in the catalog (marked ?), kept.` : ''),
  );
  return lines.join('\n');
}

export type Bump = 'major' | 'minor' | 'none';

/** Added event types or fields: minor; removed ones, changed types and narrower values: major. */
export function bumpOf(changes: Change[]): Bump {
  const actionable = changes.filter((change) => !isInformational(change));
  if (actionable.length === 0) return 'none';
  return actionable.some(isBreaking) ? 'major' : 'minor';
}

/** A CHANGELOG entry (Keep a Changelog sections) for the difference. */
export function formatChangelog(changes: Change[], source: string): string {
  const bump = bumpOf(changes);
  if (bump === 'none') return `No changes: the schema matches ${source}.`;
  const entry = (change: Change): string =>
    isEventChange(change)
      ? `- Event type ${describeChange(change)}.`
      : `- \`${scopeLabel(change.scope)}\`: ${describeChange(change)}.`;
  const section = (title: string, kinds: Change['kind'][]) => {
    const list = changes.filter((change) => kinds.includes(change.kind));
    return list.length > 0 ? ['', `### ${title}`, ...list.map(entry)] : [];
  };
  return [
    `## Unreleased (${bump}: synced with ${source})`,
    ...section('Added', ['event-added', 'field-added']),
    ...section('Changed', ['field-changed']),
    ...section('Removed', ['event-removed', 'field-removed']),
  ].join('\n');
}
