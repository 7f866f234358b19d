/**
 * toEcs against ECS's own definitions (`EcsFlat` of @elastic/ecs 9.4.0): for every catalog event
 * type and a type newer than the catalog, with every kind of actor and both options, every field
 * is an ECS field or sits under `openai.`, has its ECS type, uses allowed values, and each
 * event.type is one its event.category expects. The checker is shown to catch each kind of
 * departure, so that an empty list means something.
 */
import { describe, expect, it } from 'vitest';
import { ecsFieldsOf, ecsProblems } from '../../../harness/ecs-conformance.ts';
import { toEcs } from '../../../src/ecs.ts';
import { runCases, type Case } from '../../support/cases.ts';
import { ACTORS, GENUINE, logsWith } from '../../support/ecs.ts';

const OPTIONS = { organization: { id: 'org-1', name: 'Acme' }, keepOriginal: true };

describe('every event type, every actor: a conformant ECS document', () => {
  const rows: Case<unknown, string[]>[] = Object.entries(ACTORS).map(([name, actor]) => [
    name,
    { given: actor, want: [] },
  ]);
  // The departures, one line per event type and field.
  runCases(rows, (actor) =>
    logsWith(actor).flatMap(({ type, log }) =>
      [...ecsProblems(toEcs(log)), ...ecsProblems(toEcs(log, OPTIONS))].map((problem) => `${type}: ${problem}`),
    ),
  );

  it('emits the ECS fields a genuine session log has a place for', () => {
    const fields = new Set(logsWith(GENUINE.actor).flatMap(({ log }) => ecsFieldsOf(toEcs(log, OPTIONS))));
    expect([...fields].sort()).toEqual(
      [
        '@timestamp',
        'ecs.version',
        'event.kind',
        'event.category',
        'event.type',
        'event.action',
        'event.outcome',
        'event.id',
        'event.reason',
        'event.original',
        'error.code',
        'error.message',
        'user.id',
        'user.email',
        'user.target.id',
        'related.user',
        'related.ip',
        'source.address',
        'source.ip',
        'source.geo.country_iso_code',
        'source.geo.city_name',
        'source.geo.region_name',
        'source.geo.region_iso_code',
        'source.geo.location',
        'source.as.number',
        'user_agent.original',
        'tls.client.ja3',
        'organization.id',
        'organization.name',
        'cloud.project.id',
        'cloud.project.name',
        'entity.target.id',
        'entity.target.name',
        'entity.target.sub_type',
        'entity.target.type',
      ].sort(),
    );
  });
});

describe('the checker catches each kind of departure', () => {
  const good = toEcs(logsWith(GENUINE.actor)[0]!.log) as unknown as Record<string, unknown>;
  /** The good document with the field at a dotted `path` set to `value` (or removed, for undefined). */
  const broken = (path: string, value: unknown) => {
    const doc = structuredClone(good);
    const keys = path.split('.');
    const last = keys.pop()!;
    const parent = keys.reduce((node, key) => (node[key] ??= {}) as Record<string, unknown>, doc);
    if (value === undefined) delete parent[last];
    else parent[last] = value;
    return doc;
  };
  runCases<Record<string, unknown>, string[]>(
    [
      ['a conformant document', { given: good, want: [] }],
      [
        'a field ECS does not have, outside openai.',
        {
          given: broken('user.api_key', 'k'),
          want: ['user.api_key: not an ECS field, and not under openai.'],
        },
      ],
      ['a keyword that is a number', { given: broken('event.id', 7), want: ['event.id: 7 is not a string'] }],
      [
        'an ip that is not an address',
        {
          given: broken('source.ip', 'example.com'),
          want: ['source.ip: "example.com" is not an IP address'],
        },
      ],
      [
        'a long that is a string',
        {
          given: broken('source.as.number', '64500'),
          want: ['source.as.number: "64500" is not an integer'],
        },
      ],
      [
        'a date that is seconds',
        {
          given: broken('@timestamp', 1732531200),
          want: ['@timestamp: 1732531200 is not an ISO 8601 date'],
        },
      ],
      [
        'a geo point with its coordinates as strings',
        {
          given: broken('source.geo.location', { lat: '45', lon: '-122' }),
          want: ['source.geo.location: {"lat":"45","lon":"-122"} is not a { lat, lon } geo point'],
        },
      ],
      [
        'an array where ECS keeps a single value',
        {
          given: broken('event.action', ['a', 'b']),
          want: ['event.action: an array, and ECS keeps it single'],
        },
      ],
      [
        'a value outside the allowed ones',
        {
          given: broken('event.outcome', 'ok'),
          want: ['event.outcome: "ok" is not one of ECS\'s allowed values'],
        },
      ],
      [
        'an event.type its category does not expect',
        {
          given: broken('event.type', ['start']),
          want: ['event.type start is not one that event.category iam expects'],
        },
      ],
      [
        'a required field missing',
        { given: broken('@timestamp', undefined), want: ['@timestamp: required by ECS, missing'] },
      ],
      ['anything goes under openai.', { given: broken('openai.x', { y: [1, null] }), want: [] }],
    ],
    ecsProblems,
  );
});
