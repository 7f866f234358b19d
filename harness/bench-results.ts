/**
 * What `npm run bench -- --json FILE` writes (bench/run.ts, bench/scale.ts), and its rendering
 * as CONTRIBUTING.md's performance section (`npx tsx bench/readme-table.ts FILE`). The figures carry
 * the machine and the date they were measured on, so the performance section never states figures without
 * them; bench/results/<date>.json keeps recorded runs.
 */

export interface Machine {
  /** CPU model as `os.cpus()` reports it. */
  cpu: string;
  cores: number;
  node: string;
  platform: string;
}

/** One validator on one corpus: the best median over the interleaved rounds, and every round's. */
export interface Timing {
  nsPerEvent: number;
  /** Relative margin of error of the mean in the kept round, percent. */
  rme: number;
  /** Each round's median, ns per event, in round order: how stable the run was. */
  rounds: number[];
}

/** `verdict`: stops at the first failure; `errors`: collects every error; `readable`: readable errors. */
export type Mode = 'verdict' | 'errors' | 'readable';

export interface ValidatorResult {
  name: string;
  kind: 'ours' | 'peer' | 'floor';
  /** The library, for peers: `AJV`, `schemasafe`, `TypeBox`, `zod`. */
  peer?: string;
  mode: Mode;
  /** Payloads of both corpora on which its verdict differs from validateAuditLog's; ranked only at 0. */
  disagreements: number;
  valid: Timing;
  invalid: Timing;
}

export interface TargetResult {
  target: string;
  /** `<= 1.2`, `>= 15`. */
  want: string;
  /** The measured ratio; null when it cannot be computed (e.g. no peer agrees). */
  value: number | null;
  met: boolean | null;
  /** What was compared, when the target itself does not say (`schemasafe 1, flat object`). */
  note?: string;
}

export interface SizeResult {
  name: string;
  /** Bytes of the esbuild bundle (minified), gzipped at level 9. */
  bytes: number;
  budget: number;
  /** How the budget is made from the catalog: `<fixed> + <per type> x <types> + <per shape> x <shapes>`. */
  formula: string;
  /** The size aimed for at the catalog of the run (absent from runs recorded before it was kept). */
  target?: number;
}

export interface ScaleResults {
  date: string;
  machine: Machine;
  factor: number;
  /** Event types of the canonical and of the scaled catalog. */
  types: { base: number; scaled: number };
  rows: ({ name: string; corpus: 'valid' | 'invalid' } & Timing)[];
  targets: TargetResult[];
  /** Further figures (generation time, bundle size, tsc), each at both sizes. */
  summary: { measure: string; base: string; scaled: string; ratio: string; note: string }[];
}

export interface BenchResults {
  date: string;
  machine: Machine;
  seed: number;
  corpusSize: number;
  catalog: { eventTypes: number; detailsKeys: number; detailsShapes: number };
  /** What "ours" is: the minified esbuild bundle of src/index.ts. */
  ours: string;
  rounds: number;
  validators: ValidatorResult[];
  targets: TargetResult[];
  sizes: SizeResult[];
  scale?: ScaleResults;
}

const group = (n: number) => Math.round(n).toLocaleString('en-US');
const ratio = (n: number) => (n >= 10 ? n.toFixed(1) : n.toFixed(2));
const verdictOf = (met: boolean | null) => (met === null ? 'not computed' : met ? 'met' : 'missed');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
/** The machine's CPU without the marketing words: `AMD EPYC 7B13`. */
const cpuOf = (machine: Machine) => machine.cpu.replace(/\s+\d+-Core Processor$/, '').trim();

function table(head: string[], align: ('l' | 'r')[], rows: string[][]): string[] {
  const widths = head.map((cell, i) => Math.max(cell.length, 3, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (align[i] === 'r' ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `| ${widths.map((width, i) => (align[i] === 'r' ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width))).join(' | ')} |`;
  return [line(head), rule, ...rows.map(line)];
}

const MODE_NOTE: Record<Mode, string> = {
  verdict: 'verdict only',
  errors: 'every error',
  readable: 'readable errors',
};

/**
 * CONTRIBUTING.md's performance section for one recorded run: a paragraph naming the machine, the
 * date and the corpora, the table of validators (ns per event, and each one's ratio to
 * `validateAuditLog` on the same corpus), the targets, the sizes and, when the run has one, the
 * scaling run.
 */
export function renderReadmeTable(results: BenchResults): string {
  const date = results.date.slice(0, 10);
  const ours = results.validators.find((v) => v.name === 'validateAuditLog');
  if (ours === undefined) throw new Error('the results have no validateAuditLog row');
  const out: string[] = [
    `Measured with \`npm run bench\` on ${date}: ${cpuOf(results.machine)}, ${results.machine.cores} cores, Node ${results.machine.node.replace(/^v/, '')} (${results.machine.platform}). ` +
      `The corpora are seeded (seed \`0x${results.seed.toString(16)}\`): ${group(results.corpusSize)} valid audit logs covering all ${results.catalog.eventTypes} event types, ` +
      `and ${group(results.corpusSize)} invalid ones with one to several errors each. Figures are ns per event, the best median of ` +
      `${results.rounds} interleaved rounds in one process; "× ours" divides by \`validateAuditLog\` on the same corpus. ` +
      `Ours is ${results.ours}. A peer that disagrees with our verdicts is shown with its count of disagreements and not ranked.`,
    '',
  ];
  const rows = results.validators.map((v) => {
    const agrees = v.disagreements === 0 ? '' : ` (disagrees on ${group(v.disagreements)}; not ranked)`;
    const name = `${v.kind === 'ours' ? `\`${v.name}\`` : v.name}, ${MODE_NOTE[v.mode]}${agrees}`;
    return [
      name,
      group(v.valid.nsPerEvent),
      ratio(v.valid.nsPerEvent / ours.valid.nsPerEvent),
      group(v.invalid.nsPerEvent),
      ratio(v.invalid.nsPerEvent / ours.invalid.nsPerEvent),
    ];
  });
  out.push(...table(['validator', 'valid', '× ours', 'invalid', '× ours'], ['l', 'r', 'r', 'r', 'r'], rows));
  const targets = [...results.targets, ...(results.scale?.targets ?? [])];
  out.push(
    '',
    ...table(
      ['target', 'measured', 'want', ''],
      ['l', 'r', 'l', 'l'],
      targets.map((t) => [
        t.note === undefined ? t.target : `${t.target} (${t.note})`,
        t.value === null ? '–' : ratio(t.value),
        t.want.replace('<=', '≤').replace('>=', '≥'),
        verdictOf(t.met),
      ]),
    ),
  );
  if (results.sizes.length > 0) {
    out.push(
      '',
      `Bundle sizes (esbuild, minified, gzip level 9, asserted by \`test/harness/size-budget.test.ts\`; each budget is a fixed part plus an allowance per event type and per details shape): ` +
        results.sizes
          .map(
            (s) =>
              `${s.name} ${kb(s.bytes)} (budget ${kb(s.budget)}${s.bytes > s.budget ? ', over' : ''}` +
              (s.target === undefined ? '' : `; target ≤ ${kb(s.target)}, ${s.bytes <= s.target ? 'met' : 'missed'}`) +
              ')',
          )
          .join('; ') +
        '.',
    );
  }
  const scale = results.scale;
  if (scale !== undefined) {
    out.push(
      '',
      `At ${scale.factor} times the catalog (\`npm run bench -- --scale\` on ${scale.date.slice(0, 10)}, the schema's ${scale.types.base} event types cloned into ${scale.types.scaled} types, ` +
        `the floor rebuilt for them), each figure at both sizes:`,
      '',
      ...table(
        ['measure', `${scale.types.base} types`, `${scale.types.scaled} types`, 'ratio'],
        ['l', 'r', 'r', 'r'],
        scale.summary.map((s) => [s.measure, s.base, s.scaled, s.ratio]),
      ),
    );
  }
  return `${out.join('\n')}\n`;
}
