/**
 * The bundled command in shell pipelines, as a quarantine stage: the output of `--emit valid` and
 * the dead letter of `--emit invalid` together hold every line of a JSON Lines input, byte for
 * byte (lines that are not JSON, records cut short, a line that is not UTF-8, a broken
 * pretty-printed value, invalid records, each as it was read), and the summary accounts for all.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog, validPayload } from '../../../harness/payloads.ts';
import { useCliWorkspace } from './run-cli.ts';

const workspace = useCliWorkspace();

interface Counts {
  records: number;
  valid: number;
  invalid: number;
  unparseable: number;
  unwritable: number;
  emitted: number;
}

/** Runs a shell pipeline in the workspace, with `$CLI` the bundled command; returns its exit code (that of the command, with pipefail). */
async function shell(script: string): Promise<number | null> {
  const child = spawn('bash', ['-c', `set -o pipefail; ${script}`], {
    cwd: workspace.dir,
    env: { ...process.env, CLI: `${process.execPath} ${join(workspace.dir, 'cli.js')}` },
    stdio: 'ignore',
  });
  const [code] = (await once(child, 'close')) as [number | null];
  return code;
}

/** The lines of `bytes` (split at each newline, the empty ones left out), as hex, sorted: a multiset to compare. */
const lineSet = (bytes: Buffer) => {
  const lines: string[] = [];
  for (let start = 0; start < bytes.length;) {
    const newline = bytes.indexOf(10, start);
    const end = newline === -1 ? bytes.length : newline;
    if (end > start) lines.push(bytes.subarray(start, end).toString('hex'));
    start = end + 1;
  }
  return lines.sort();
};

const logs = catalog.map((event, n): Record<string, unknown> => ({ ...validPayload(event), id: `audit_log-${n}` }));
const pieces: Buffer[] = logs.flatMap((log, n) => {
  const line = JSON.stringify(log);
  const own = [Buffer.from(line)];
  // Every few records, one of each kind of bad line after it.
  if (n % 7 === 1) own.push(Buffer.from(JSON.stringify({ ...log, effective_at: String(log.effective_at) })));
  if (n % 7 === 2) own.push(Buffer.from(line.slice(0, 1 + (n % (line.length - 1)))));
  if (n % 7 === 3) own.push(Buffer.from(`not json ${n}`));
  if (n % 7 === 4)
    own.push(Buffer.concat([Buffer.from(`{"id": "bad-${n}", "x": "`), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]));
  if (n % 7 === 5) own.push(Buffer.from(JSON.stringify({ ...log, type: `${log.type as string}.newer` })));
  if (n % 7 === 6) own.push(Buffer.from(''));
  return own;
});
// A pretty-printed value broken in its middle: every one of its lines goes to the dead letter.
const brokenPretty = JSON.stringify(logs[0], null, 2).replace('\n  "type"', '\n  garbage\n  "type"');
const input = Buffer.concat([...pieces, Buffer.from(brokenPretty)].flatMap((piece) => [piece, Buffer.from('\n')]));

describe('a quarantine stage in a pipeline', () => {
  it('the valid output and the dead letter hold every input line, byte for byte', async () => {
    workspace.write('input.jsonl', input);
    const codes = [
      await shell('cat input.jsonl | $CLI validate --emit valid 2>/dev/null > valid.jsonl'),
      await shell(
        'cat input.jsonl | $CLI validate --emit invalid --fail-on none --format jsonl 2>report.jsonl | cat > dead.jsonl',
      ),
    ];
    const valid = readFileSync(join(workspace.dir, 'valid.jsonl'));
    const dead = readFileSync(join(workspace.dir, 'dead.jsonl'));
    const report = readFileSync(join(workspace.dir, 'report.jsonl'), 'utf8').trim().split('\n');
    const summary = JSON.parse(report.at(-1)!) as Counts;
    expect({
      codes,
      lines: lineSet(Buffer.concat([valid, dead])),
      accounted: summary.records === summary.valid + summary.invalid + summary.unparseable,
      emitted: summary.emitted,
      unwritable: summary.unwritable,
    }).toEqual({
      // 1: --emit valid sets aside some; 0: the quarantine stage says that is expected.
      codes: [1, 0],
      lines: lineSet(input),
      accounted: true,
      emitted: summary.invalid + summary.unparseable,
      unwritable: 0,
    });
    // Not a vacuous split: both sides hold lines, and the dead letter holds the bytes that are not UTF-8.
    expect({ valid: valid.length > 0, dead: dead.includes(Buffer.from([0xff, 0xfe])) }).toEqual({
      valid: true,
      dead: true,
    });
  });

  it('--reasons: each unparseable value gives back its bytes from raw and rawEncoding', async () => {
    workspace.write('input.jsonl', input);
    const code = await shell('$CLI validate --emit invalid --reasons -q --fail-on none input.jsonl > reasons.jsonl');
    const objects = readFileSync(join(workspace.dir, 'reasons.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map(
        (line) => JSON.parse(line) as { kind: string; raw?: string; rawEncoding?: BufferEncoding; record?: unknown },
      );
    const unparseable = objects.filter((object) => object.kind === 'unparseable');
    const given = lineSet(input);
    expect({
      code,
      // The lines given back by the unparseable values are all lines of the input.
      back: unparseable
        .flatMap((object) => lineSet(Buffer.from(object.raw!, object.rawEncoding)))
        .every((line) => given.includes(line)),
      encodings: [...new Set(unparseable.map((object) => object.rawEncoding))].sort(),
      invalidWithRecord: objects
        .filter((object) => object.kind !== 'unparseable')
        .every((object) => 'record' in object),
    }).toEqual({ code: 0, back: true, encodings: ['base64', 'utf8'], invalidWithRecord: true });
  });
});
