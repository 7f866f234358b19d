/**
 * CONTRIBUTING.md's performance section is rendered from a recorded run (`npm run bench -- --json
 * FILE`, then `npx tsx bench/readme-table.ts FILE`): here from a small fixture, so that the
 * rendering (machine and date named, ratios to validateAuditLog, disagreeing peers marked and
 * unranked, targets with met/missed, sizes against budgets, the scaling run) is pinned.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderReadmeTable, type BenchResults, type Timing } from '../../harness/bench-results.ts';
import { readJson } from '../support/json.ts';

const at = (nsPerEvent: number): Timing => ({ nsPerEvent, rme: 1, rounds: [nsPerEvent, nsPerEvent * 1.1] });

const fixture: BenchResults = {
  date: '2026-11-25T12:00:00.000Z',
  machine: { cpu: 'AMD EPYC 7B13 64-Core Processor', cores: 2, node: 'v20.20.2', platform: 'linux-x64' },
  seed: 0x5eed,
  corpusSize: 1024,
  catalog: { eventTypes: 149, detailsKeys: 57, detailsShapes: 31 },
  ours: 'the minified esbuild bundle of `src/index.ts`',
  rounds: 3,
  validators: [
    { name: 'validateAuditLog', kind: 'ours', mode: 'errors', disagreements: 0, valid: at(200), invalid: at(400) },
    { name: 'isAuditLog', kind: 'ours', mode: 'verdict', disagreements: 0, valid: at(180), invalid: at(200) },
    {
      name: 'AJV 8, flat object',
      kind: 'peer',
      peer: 'AJV',
      mode: 'errors',
      disagreements: 0,
      valid: at(5000),
      invalid: at(8000),
    },
    {
      name: 'Some peer',
      kind: 'peer',
      peer: 'Other',
      mode: 'verdict',
      disagreements: 12,
      valid: at(1500),
      invalid: at(300),
    },
    { name: 'hand-written floor', kind: 'floor', mode: 'verdict', disagreements: 0, valid: at(160), invalid: at(100) },
  ],
  targets: [
    { target: 'isAuditLog ÷ floor, valid', want: '<= 1.2', value: 1.13, met: true },
    { target: 'validateAuditLog rejecting ÷ accepting', want: '<= 1.5', value: 2, met: false },
    {
      target: 'fastest agreeing peer ÷ validateAuditLog',
      want: '>= 15',
      value: 25,
      met: true,
      note: 'AJV 8, flat object',
    },
  ],
  sizes: [
    { name: 'the whole runtime entry', bytes: 10240, budget: 11000, formula: '...' },
    { name: 'isAuditLog alone', bytes: 5632, budget: 5000, formula: '...' },
  ],
  scale: {
    date: '2026-11-26T08:00:00.000Z',
    machine: { cpu: 'AMD EPYC 7B13 64-Core Processor', cores: 2, node: 'v20.20.2', platform: 'linux-x64' },
    factor: 10,
    types: { base: 149, scaled: 1490 },
    rows: [],
    targets: [
      { target: 'validateAuditLog ÷ floor, valid, at 10x the catalog', want: '<= 1.3', value: 1.25, met: true },
    ],
    summary: [
      { measure: '`validateAuditLog`, ns per valid event', base: '200.0', scaled: '420.0', ratio: '2.10', note: '' },
    ],
  },
};

describe('renderReadmeTable', () => {
  const text = renderReadmeTable(fixture);

  it('names the machine, the date, the corpora and the rounds', () => {
    expect(text).toContain('on 2026-11-25: AMD EPYC 7B13, 2 cores, Node 20.20.2 (linux-x64)');
    expect(text).toContain('1,024 valid audit logs covering all 149 event types');
    expect(text).toContain('the best median of 3 interleaved rounds');
  });

  it('gives each validator ns per event and its ratio to validateAuditLog on the same corpus', () => {
    expect(text).toContain(
      [
        '| validator                                             | valid | × ours | invalid | × ours |',
        '| ----------------------------------------------------- | ----: | -----: | ------: | -----: |',
        '| `validateAuditLog`, every error                       |   200 |   1.00 |     400 |   1.00 |',
        '| `isAuditLog`, verdict only                            |   180 |   0.90 |     200 |   0.50 |',
        '| AJV 8, flat object, every error                       | 5,000 |   25.0 |   8,000 |   20.0 |',
        '| Some peer, verdict only (disagrees on 12; not ranked) | 1,500 |   7.50 |     300 |   0.75 |',
        '| hand-written floor, verdict only                      |   160 |   0.80 |     100 |   0.25 |',
      ].join('\n'),
    );
  });

  it('lists every target, the scaling run’s too, with met or missed', () => {
    expect(text).toContain('| isAuditLog ÷ floor, valid ');
    expect(text).toMatch(/\| validateAuditLog rejecting ÷ accepting +\| +2\.00 \| ≤ 1\.5 +\| missed \|/);
    expect(text).toMatch(
      /\| fastest agreeing peer ÷ validateAuditLog \(AJV 8, flat object\) +\| +25\.0 \| ≥ 15 +\| met +\|/,
    );
    expect(text).toMatch(/\| validateAuditLog ÷ floor, valid, at 10x the catalog +\| +1\.25 \| ≤ 1\.3 +\| met +\|/);
  });

  it('states the sizes against their budgets, marking one over', () => {
    expect(text).toContain('the whole runtime entry 10.0 KB (budget 10.7 KB)');
    expect(text).toContain('isAuditLog alone 5.5 KB (budget 4.9 KB, over)');
  });

  it('adds the scaling run with its own date', () => {
    expect(text).toContain(
      "`npm run bench -- --scale` on 2026-11-26, the schema's 149 event types cloned into 1490 types",
    );
    expect(text).toContain('| `validateAuditLog`, ns per valid event |     200.0 |      420.0 |  2.10 |');
  });

  it('states a target beside each size, met or missed', () => {
    const withTargets = renderReadmeTable({
      ...fixture,
      sizes: fixture.sizes.map((size, i) => ({ ...size, target: i === 0 ? 11 * 1024 : 5 * 1024 })),
    });
    expect(withTargets).toContain('the whole runtime entry 10.0 KB (budget 10.7 KB; target ≤ 11.0 KB, met)');
    expect(withTargets).toContain('isAuditLog alone 5.5 KB (budget 4.9 KB, over; target ≤ 5.0 KB, missed)');
  });

  it('refuses results without validateAuditLog, which every ratio divides by', () => {
    expect(() => renderReadmeTable({ ...fixture, validators: fixture.validators.slice(1) })).toThrow(
      'the results have no validateAuditLog row',
    );
  });
});

describe("CONTRIBUTING.md's performance section", () => {
  it('is the newest recorded run in bench/results/, rendered', () => {
    const dir = join(import.meta.dirname, '../../bench/results');
    const newest = readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .at(-1);
    expect(newest).toBeDefined();
    const recorded = readJson<BenchResults>(join(dir, newest!));
    const contributing = readFileSync(join(import.meta.dirname, '../../CONTRIBUTING.md'), 'utf8');
    expect(contributing).toContain(`\`npx tsx bench/readme-table.ts bench/results/${newest}\``);
    expect(contributing).toContain(renderReadmeTable(recorded).trim());
  });
});
