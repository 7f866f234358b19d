/**
 * The command line keeps its count under the failures of ordinary operation (issue 23): a record
 * cut short, an output that fails or goes away, an output that is also an input, a record that
 * cannot be written, SIGINT, duplicate keys, foreign encodings. Each row is a reproduction:
 * what it read, what it wrote, and the exit code.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { linkSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCases, type Case } from '../../support/cases.ts';
import { useCliWorkspace, validLines } from './run-cli.ts';

const workspace = useCliWorkspace();
const lines = validLines();
const [first, second, third] = lines as [string, string, string];

/** The summary object of a `--format jsonl` run (its last line). */
const summaryOf = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;

/** The summary among the JSON Lines of a stream that also holds text (a message of the shell or the command). */
const summaryAmong = (text: string) =>
  summaryOf(
    text
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .join('\n'),
  );

/** What one `--format jsonl` run over `input` reports, in the terms the contract speaks of. */
async function accountFor(input: string) {
  const run = await workspace.run(['validate', '--format', 'jsonl', '-'], { stdin: input });
  const summary = summaryOf(run.stdout);
  const problems = run.stdout.trim().split('\n').slice(0, -1);
  return {
    code: run.code,
    records: summary.records,
    valid: summary.valid,
    unparseable: summary.unparseable,
    // The valid lines after the broken one all count.
    balanced:
      (summary.records as number) ===
      (summary.valid as number) + (summary.invalid as number) + (summary.unparseable as number),
    unparseableLines: problems.map((line) => JSON.parse(line) as { line: number }).map((problem) => problem.line),
  };
}

describe('a record cut short costs only itself', () => {
  const cut = (text: string) => `${first}\n${text}\n${second}\n${third}\n`;
  const cases: Case<string, Awaited<ReturnType<typeof accountFor>>>[] = [
    [
      'cut after a colon',
      {
        given: cut(first.slice(0, first.indexOf(':', first.indexOf('effective_at')) + 1)),
        want: { code: 1, records: 4, valid: 3, unparseable: 1, balanced: true, unparseableLines: [2] },
      },
    ],
    [
      'cut inside an array',
      {
        // A catalog log, cut inside an array field of its own.
        given: cut(`${first.slice(0, -1)},"extra":{"list":[`),
        want: { code: 1, records: 4, valid: 3, unparseable: 1, balanced: true, unparseableLines: [2] },
      },
    ],
    [
      'a line of brackets',
      {
        given: cut('[[[[[[[[[[[['),
        want: { code: 1, records: 4, valid: 3, unparseable: 1, balanced: true, unparseableLines: [2] },
      },
    ],
    [
      'a pretty-printed array cut inside an item, then JSON Lines',
      {
        given: `[\n${first},\n${second.slice(0, 40)}\n${third}\n`,
        want: { code: 1, records: 3, valid: 2, unparseable: 1, balanced: true, unparseableLines: [3] },
      },
    ],
  ];
  runCases(cases, accountFor);
});

/** Runs a shell command line in the workspace, `$CLI` standing for the command line. */
async function shell(command: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('bash', ['-c', command], {
    cwd: workspace.dir,
    env: { ...process.env, CLI: `${process.execPath} ${join(workspace.dir, 'cli.js')}` },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}

describe('an output that fails or goes away invents nothing', () => {
  const many = () =>
    workspace.write('many.jsonl', Array.from({ length: 30_000 }, (_, i) => lines[i % lines.length]).join('\n') + '\n');

  it('a full disk under --emit: exit 5, the output named, nothing counted as written, nothing invented', async () => {
    many();
    const run = await shell('$CLI validate --emit valid --format jsonl many.jsonl > /dev/full');
    const summary = summaryAmong(run.stderr);
    expect({
      code: run.code,
      unparseable: summary.unparseable,
      emitted: summary.emitted,
      complete: summary.complete,
      named: run.stderr.includes('cannot write standard output: ENOSPC'),
    }).toEqual({ code: 5, unparseable: 0, emitted: 0, complete: false, named: true });
  });

  it('a full disk under the report: exit 5, not silence', async () => {
    many();
    const run = await shell('$CLI validate many.jsonl > /dev/full');
    expect({ code: run.code, named: run.stderr.includes('cannot write standard output: ENOSPC') }).toEqual({
      code: 5,
      named: true,
    });
  });

  it('a reader that goes away (| head -1) stops the run quietly, inventing no record', async () => {
    many();
    const run = await shell(
      '$CLI validate --emit valid --format jsonl many.jsonl | head -1; echo "exit ${PIPESTATUS[0]}" >&2',
    );
    const summary = summaryAmong(run.stderr);
    expect({
      lines: run.stdout.trim().split('\n').length,
      unparseable: summary.unparseable,
      complete: summary.complete,
      exit: run.stderr.trim().split('\n').at(-1),
    }).toEqual({ lines: 1, unparseable: 0, complete: false, exit: 'exit 0' });
  });
});

describe('--out that is also an input is refused, the input untouched', () => {
  it.each([
    ['through a hard link', (input: string) => `$CLI validate --emit valid --out linked.jsonl ${input}`],
    ['as standard input', (input: string) => `$CLI validate --emit valid --out ${input} - < ${input}`],
  ])('%s', async (_name, command) => {
    const input = workspace.write(`same-${_name.length}.jsonl`, lines.join('\n') + '\n');
    if (_name.includes('link')) linkSync(input, join(workspace.dir, 'linked.jsonl'));
    const before = readFileSync(input, 'utf8');
    const run = await shell(command(input));
    expect({
      code: run.code,
      refused: /is also (an input|standard input)/.test(run.stderr),
      intact: readFileSync(input, 'utf8') === before,
    }).toEqual({
      code: 2,
      refused: true,
      intact: true,
    });
  });
});

describe('a record nested too deep to serialise costs only itself', () => {
  const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
  const withDeep = (newline: string) =>
    JSON.stringify({ ...(JSON.parse(first) as Record<string, unknown>), extra: '@' }).replace(
      '"@"',
      `${newline}${deep}`,
    );
  it.each([
    // On one line, the item is written as the bytes that were read.
    ['on one line: written as it was read', '', { code: 0, written: 3, emitted: 3, unwritable: 0, records: 3 }],
    // Spread over lines, it must be serialised, and cannot be: a problem of its own.
    [
      'over two lines: reported, the others written',
      '\n  ',
      { code: 1, written: 2, emitted: 2, unwritable: 1, records: 3 },
    ],
  ])('%s', async (name, newline, want) => {
    workspace.write(`deep-${name.length}.json`, `[\n${withDeep(newline)},\n${second}\n]\n${third}\n`);
    const run = await workspace.run(['validate', '--emit', 'valid', '--format', 'jsonl', `deep-${name.length}.json`]);
    const summary = summaryOf(run.stderr);
    expect({
      code: run.code,
      written: run.stdout.trim().split('\n').length,
      emitted: summary.emitted,
      unwritable: summary.unwritable,
      records: summary.records,
    }).toEqual(want);
  });
});

describe('SIGINT', () => {
  it('finishes the chunk in hand, writes the summary so far, exits 130, and leaves no torn record', async () => {
    const out = join(workspace.dir, 'interrupted.jsonl');
    const child = spawn(
      process.execPath,
      [join(workspace.dir, 'cli.js'), 'validate', '--emit', 'valid', '--out', out, '-'],
      {
        cwd: workspace.dir,
      },
    );
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stdin.on('error', () => {}); // the feed may outlive the process
    // A stream that never ends: only the signal stops the run.
    const block = Array.from({ length: 2000 }, (_, i) => lines[i % lines.length]).join('\n') + '\n';
    let sent = 0;
    const feed = setInterval(() => {
      if (sent++ < 200) child.stdin.write(block);
    }, 5);
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      try {
        if (statSync(out).size > 0) break;
      } catch {
        // Not there yet.
      }
    }
    clearInterval(feed);
    child.kill('SIGINT');
    const [code] = (await once(child, 'close')) as [number | null];
    const written = readFileSync(out, 'utf8');
    const torn = written.length > 0 && !written.endsWith('\n');
    const parsed = written
      .split('\n')
      .filter(Boolean)
      .every((line) => {
        try {
          JSON.parse(line);
          return true;
        } catch {
          return false;
        }
      });
    expect({
      code,
      torn,
      parsed,
      summary: /records: .* valid/.test(stdout),
      stopped: stdout.includes('interrupted'),
    }).toEqual({
      code: 130,
      torn: false,
      parsed: true,
      summary: true,
      stopped: true,
    });
  });
});

describe('what passes means the same to every reader', () => {
  it('a repeated key makes its record invalid, naming the key; the others are judged as ever', async () => {
    const repeated = first.replace(/^\{/, '{"type":"not.a.type",');
    const run = await workspace.run(['validate', '--format', 'jsonl', '-'], { stdin: `${repeated}\n${second}\n` });
    const [problem] = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string; errors?: { keyword: string; path: string }[] });
    expect({ code: run.code, kind: problem!.kind, error: problem!.errors?.[0] }).toMatchObject({
      code: 1,
      kind: 'invalid',
      error: { keyword: 'duplicateKey', path: '/type' },
    });
  });

  it('bidi controls and invisible characters reach the terminal escaped', async () => {
    const sneaky = first
      .replace(/"id":"[^"]*"/, '"id":"\u202e\u200bgnp.exe"')
      .replace(/"type":"[^"]*"/, '"type":"x\u2066y"');
    const run = await workspace.run(['validate', '-'], { stdin: `${sneaky}\n` });
    expect({
      raw: /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/.test(run.stdout + run.stderr),
      escaped: run.stdout.includes('\\u202e'),
    }).toEqual({
      raw: false,
      escaped: true,
    });
  });
});

describe('inputs that are not what they seem', () => {
  it('UTF-16 is named, with the fix, as a failed input of its own in JSON Lines', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${first}\n`, 'utf16le')]);
    workspace.write('utf16.jsonl', utf16);
    const run = await workspace.run(['validate', '--format', 'jsonl', 'utf16.jsonl']);
    const records = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect({
      code: run.code,
      kinds: records.map((record) => record.kind),
      named:
        JSON.stringify(records[0]).includes('UTF-16 little-endian') && JSON.stringify(records[0]).includes('iconv'),
      failedInputs: records.at(-1)!.failedInputs,
    }).toEqual({ code: 2, kinds: ['input-failed', 'summary'], named: true, failedInputs: 1 });
  });

  it('a compact array over the line limit says how to split it', async () => {
    const items: string[] = [];
    for (let size = 0; size <= 17 * 1024 * 1024; size += first.length + 1) items.push(first);
    workspace.write('compact.json', `[${items.join(',')}]\n${second}\n`);
    const run = await workspace.run(['validate', 'compact.json']);
    expect({
      code: run.code,
      hint: run.stdout.includes("jq -c '.[]'"),
      counted: run.stdout.includes('2 records: 1 valid'),
    }).toEqual({
      code: 1,
      hint: true,
      counted: true,
    });
  });
});
