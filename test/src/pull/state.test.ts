/** The position of a stream: a sweep started, logs marked as delivered, the sweep completed. */
import { describe } from 'vitest';
import {
  completeSweep,
  isPullState,
  markDelivered,
  startSweep,
  wasDelivered,
  type PullStreamState,
} from '../../../src/pull/state.ts';
import { runCases } from '../../support/cases.ts';

const LOOK_BACK = 100;
const fresh = (): PullStreamState => ({ filters: '', through: null, recent: {}, sweep: null });

/** A stream through `through`, with `recent` ids, that sweeps to `to` and delivers `logs` ([id, second], newest first). */
function swept(stream: PullStreamState, to: number, logs: [string, number][], since: number | null = null) {
  stream.sweep = startSweep(stream, since, to, LOOK_BACK);
  const delivered: string[] = [];
  for (const [id, at] of logs) {
    if (wasDelivered(stream, id)) continue;
    markDelivered(stream.sweep, id, at, LOOK_BACK);
    delivered.push(id);
  }
  return delivered;
}

describe('sweeps', () => {
  runCases(
    [
      ['a first sweep starts at --since', { given: { since: 500 }, want: { from: 500, to: 1000 } }],
      ['or with no lower bound', { given: { since: null }, want: { from: null, to: 1000 } }],
    ],
    ({ since }) => {
      const sweep = startSweep(fresh(), since, 1000, LOOK_BACK);
      return { from: sweep.from, to: sweep.to };
    },
  );

  runCases(
    [
      [
        'the oldest second reached keeps every id delivered at it',
        {
          given: [
            ['c', 950],
            ['b', 900],
            ['a', 900],
          ] as [string, number][],
          want: { reached: 900, atReached: ['b', 'a'] },
        },
      ],
      ['nothing delivered: nothing reached', { given: [], want: { reached: null, atReached: [] } }],
    ],
    (logs) => {
      const stream = fresh();
      swept(stream, 1000, logs);
      return { reached: stream.sweep!.reached, atReached: stream.sweep!.atReached };
    },
  );

  runCases(
    [
      [
        'a completed sweep keeps the ids of its look-back window, and the next starts that far back',
        {
          given: null,
          want: { through: 1000, recent: { c: 950, b: 920 }, nextFrom: 900, second: ['late', 'new'] },
        },
      ],
    ],
    () => {
      const stream = fresh();
      swept(stream, 1000, [
        ['c', 950],
        ['b', 920],
        ['a', 800],
      ]);
      completeSweep(stream, LOOK_BACK);
      const { through, recent } = stream;
      // The next sweep sees c and b again (look-back), a late arrival at 960, and a new log.
      const second = swept(
        stream,
        1100,
        [
          ['new', 1050],
          ['late', 960],
          ['c', 950],
          ['b', 920],
        ].sort((x, y) => (y[1] as number) - (x[1] as number)) as [string, number][],
      );
      return { through, recent, nextFrom: stream.sweep!.from, second: second.sort() };
    },
  );
});

describe('isPullState', () => {
  runCases(
    [
      ['an empty state', { given: { version: 1, streams: {} }, want: true }],
      [
        'a stream mid-sweep',
        {
          given: {
            version: 1,
            streams: {
              org: {
                filters: '',
                through: 5,
                recent: { a: 5 },
                sweep: { from: 1, to: 9, reached: 7, atReached: ['x'], window: {}, cursor: 'x' },
              },
            },
          },
          want: true,
        },
      ],
      ['another version', { given: { version: 2, streams: {} }, want: false }],
      [
        'an unknown stream',
        {
          given: { version: 1, streams: { other: { filters: '', through: null, recent: {}, sweep: null } } },
          want: false,
        },
      ],
      [
        'a time that is not whole seconds',
        {
          given: { version: 1, streams: { org: { filters: '', through: 1.5, recent: {}, sweep: null } } },
          want: false,
        },
      ],
      ['not an object', { given: 'state', want: false }],
    ],
    (value: unknown) => isPullState(value),
  );
});
