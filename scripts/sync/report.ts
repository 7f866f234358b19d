/** Words for a list of changes: the sync report and the CHANGELOG entry. */
import { describeField, joinPath, type Shape } from '../shared/schema-shape.ts';
import { isBreaking, isInformational, scopeLabel, type Change } from './compare.ts';

const fieldName = (path: string) => (path === '' ? 'details object' : `\`${path}\``);
const isEventChange = (change: Change): change is Extract<Change, { type: string }> => 'type' in change;

/** Every field of a new details object in words (type, values, bounds, required), parents before children. */
function fieldsInWords(shape: Shape, path = ''): string[] {
  const required = new Set(shape.required ?? []);
  return Object.entries(shape.properties ?? {}).flatMap(([name, sub]) => {
    const at = joinPath(path, name);
    return [
      `${at}: ${describeField(sub, required.has(name))}`,
      ...fieldsInWords(sub, at),
      ...(sub.items ? fieldsInWords(sub.items, `${at}[]`) : []),
    ];
  });
}

function describeChange(change: Change): string {
  switch (change.kind) {
    case 'event-added': {
      const fields = change.details ? fieldsInWords(change.details) : [];
      return `\`${change.type}\`${change.details ? ` (details: ${fields.join('; ') || 'an object'})` : ' (no details object)'}`;
    }
    case 'event-removed':
    case 'event-absent':
      return `\`${change.type}\``;
    case 'field-added':
      return `${fieldName(change.path)}: ${describeField(change.shape, change.required)}`;
    case 'field-removed':
    case 'field-absent':
      return fieldName(change.path);
    case 'field-changed':
      return `${fieldName(change.path)} ${change.aspect}: ${change.from} -> ${change.to}${change.covered ? " (the catalog's is wider)" : ''}`;
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

/**
 * The first line of every report (the default one, `--changelog`, `--conformance`, `--sdk`): the
 * same words for the same verdict, whichever mode found it.
 */
export function headline(
  target: string,
  source: string,
  counts: { actionable: number; informational: number },
): string {
  if (counts.actionable > 0) return `${target} differs from ${source}`;
  return counts.informational > 0
    ? `${target} has everything ${source} declares, and more`
    : `${target} is in sync with ${source}`;
}

const countsOf = (changes: Change[]) => {
  const actionable = changes.filter((change) => !isInformational(change)).length;
  return { actionable, informational: changes.length - actionable };
};

const markOf = (change: Change) => (isInformational(change) ? '?' : MARKS[change.kind]);

/** The readable report `npm run sync` prints. */
export function formatReport(changes: Change[], source: string, target: string): string {
  const actionable = changes.filter((change) => !isInformational(change));
  if (changes.length === 0) return `${headline(target, source, countsOf(changes))}.`;
  const lines = [`${headline(target, source, countsOf(changes))}:`];
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
  eventSection('event-absent', `Event types in the catalog but absent from ${source} (kept)`);
  const byScope = new Map<string, Change[]>();
  for (const change of changes) {
    if (isEventChange(change)) continue;
    const label = scopeLabel(change.scope);
    byScope.set(label, [...(byScope.get(label) ?? []), change]);
  }
  for (const [label, list] of byScope) {
    lines.push('', `${label}:`);
    for (const change of list) lines.push(`  ${markOf(change)} ${describeChange(change)}`);
  }
  const breaking = actionable.filter(isBreaking).length;
  const absent = changes.length - actionable.length;
  lines.push(
    '',
    `${actionable.length} change(s), ${breaking} of them breaking: ${bumpOf(changes) === 'none' ? 'no release' : `a ${bumpOf(changes)} release`}.` +
      (absent > 0 ? ` ${absent} item(s) the catalog has or accepts beyond it (marked ?), kept.` : ''),
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
export function formatChangelog(changes: Change[], source: string, target: string): string {
  const bump = bumpOf(changes);
  if (bump === 'none') return `No changes: ${headline(target, source, countsOf(changes))}.`;
  const entry = (change: Change): string =>
    isEventChange(change)
      ? `- Event type ${describeChange(change)}.`
      : `- \`${scopeLabel(change.scope)}\`: ${describeChange(change)}.`;
  const section = (title: string, kinds: Change['kind'][]) => {
    const list = changes.filter((change) => kinds.includes(change.kind) && !isInformational(change));
    return list.length > 0 ? ['', `### ${title}`, ...list.map(entry)] : [];
  };
  return [
    `## Unreleased (${bump}: synced with ${source})`,
    ...section('Added', ['event-added', 'field-added']),
    ...section('Changed', ['field-changed']),
    ...section('Removed', ['event-removed', 'field-removed']),
  ].join('\n');
}
