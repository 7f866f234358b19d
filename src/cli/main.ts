/** `openai-audit-logs validate`: streams records through the validators and reports on them. */
import { accessSync, constants, createReadStream, statSync } from 'node:fs';
import { findUndocumentedFields } from '../drift.js';
import { parseAuditLog } from '../parse.js';
import { isAuditLogEventType } from '../validate.js';
import { parseArgs, USAGE, UsageError, type ValidateOptions } from './args.js';
import { Progress } from './progress.js';
import { RecordReader, type Origin } from './records.js';
import {
  Counter,
  counterLines,
  emptyTotals,
  problemLine,
  sanitize,
  totalsLine,
  type Problem,
  type Totals,
} from './report.js';

export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  version: string;
  /** The clock of the progress line's rate. */
  now?: () => number;
}

const NAME = 'openai-audit-logs';
/** Problems listed in the JSON report; the counts cover all of them. */
const MAX_PROBLEMS_IN_JSON = 100;

/** Output to a stream that respects its back-pressure and survives its reader going away (`| head`). */
class Output {
  private pending: string[] = [];
  closed = false;
  constructor(private readonly stream: NodeJS.WritableStream) {
    stream.on('error', () => {
      this.closed = true;
    });
  }
  line(text: string): void {
    if (!this.closed) this.pending.push(text, '\n');
  }
  async flush(): Promise<void> {
    if (this.pending.length === 0 || this.closed) return;
    const text = this.pending.join('');
    this.pending = [];
    if (this.stream.write(text)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.stream.off('drain', done);
        this.stream.off('error', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('error', done);
    });
  }
}

const displayName = (file: string) => (file === '-' ? '<stdin>' : file);

/** Checks every FILE before reading any, so a typo fails fast with exit code 2. */
function checkFiles(files: readonly string[]): void {
  for (const file of files) {
    if (file === '-') continue;
    let stats;
    try {
      stats = statSync(file);
      accessSync(file, constants.R_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw new UsageError(`no such file: ${file}`);
      throw new UsageError(`cannot read ${file}: ${code ?? String(error)}`);
    }
    if (stats.isDirectory()) throw new UsageError(`${file} is a directory, not a file of audit logs`);
  }
}

async function validate(options: ValidateOptions, io: CliIo): Promise<number> {
  const files = options.files.length > 0 ? options.files : ['-'];
  if (options.files.length === 0 && io.stdin.isTTY)
    throw new UsageError('no input: give a FILE, or pipe audit logs to standard input');
  checkFiles(files);

  const out = new Output(io.stdout);
  const text = options.format === 'text' && !options.quiet;
  const progress = new Progress(io.stderr, io.stderr.isTTY === true && !options.quiet, io.now);
  const total = emptyTotals();
  const perFile: ({ file: string } & Totals)[] = [];
  const byType = new Counter();
  const unknownEventTypes = new Counter();
  const undocumentedFields = new Counter();
  const problems: Problem[] = [];
  let readFailed = false;
  let bytesRead = 0;

  const report = (problem: Problem) => {
    if (problems.length < MAX_PROBLEMS_IN_JSON) problems.push(problem);
    if (text) out.line(problemLine(problem));
  };

  for (const file of files) {
    const name = displayName(file);
    const totals = { file: name, ...emptyTotals() };
    perFile.push(totals);
    const count = (key: 'valid' | 'invalid' | 'unparseable') => {
      totals.records++;
      totals[key]++;
    };
    const reader = new RecordReader({
      blank: () => totals.blankLines++,
      unparseable: (reason: string, origin: Origin) => {
        count('unparseable');
        report({ file: name, ...origin, unparseable: reason });
      },
      record: (value: unknown, origin: Origin) => {
        const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
        const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
        if (typeof type === 'string') {
          byType.add(type);
          if (!isAuditLogEventType(type)) unknownEventTypes.add(type);
        }
        if (options.reportDrift) for (const path of findUndocumentedFields(value)) undocumentedFields.add(path);
        const result = parseAuditLog(value, { unknownEventTypes: options.unknownEventTypes });
        if (result.success) {
          count('valid');
          return;
        }
        count('invalid');
        report({
          file: name,
          ...origin,
          ...(typeof id === 'string' ? { id } : {}),
          ...(typeof type === 'string' ? { type } : {}),
          errors: result.errors,
        });
      },
    });
    const stream = file === '-' ? io.stdin : createReadStream(file, { highWaterMark: 1024 * 1024 });
    try {
      for await (const chunk of stream) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
        bytesRead += bytes.length;
        reader.push(bytes);
        if (text) progress.clear();
        await out.flush();
        if (out.closed) break;
        progress.update(bytesRead, total.records + totals.records);
      }
    } catch (error) {
      readFailed = true;
      progress.clear();
      io.stderr.write(sanitize(`${NAME}: cannot read ${name}: ${(error as Error).message}`) + '\n');
    }
    reader.end();
    totals.lines = reader.lines;
    for (const key of Object.keys(total) as (keyof Totals)[]) total[key] += totals[key];
    if (out.closed) break;
  }
  progress.clear();

  if (options.quiet) {
    // Nothing on standard output: the exit code tells.
  } else if (options.format === 'json') {
    const json = {
      ...total,
      byType,
      unknownEventTypes,
      ...(options.reportDrift ? { undocumentedFields } : {}),
      files: perFile,
      problems,
      problemsOmitted: total.invalid + total.unparseable - problems.length,
    };
    out.line(JSON.stringify(json, null, 2));
  } else {
    if (perFile.length > 1) for (const totals of perFile) out.line(sanitize(`${totals.file}: ${totalsLine(totals)}`));
    out.line(`${perFile.length > 1 ? 'total: ' : ''}${totalsLine(total)}`);
    for (const line of counterLines('unknown event types (records)', unknownEventTypes)) out.line(line);
    if (options.reportDrift) {
      const lines = counterLines('undocumented fields (records carrying each)', undocumentedFields);
      for (const line of lines.length > 0 ? lines : ['undocumented fields: none']) out.line(line);
    }
  }
  await out.flush();
  if (readFailed) return 2;
  return total.invalid + total.unparseable > 0 ? 1 : 0;
}

/** Runs the command line with `argv` (without `node` and the script) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const command = parseArgs(argv);
    if (command.kind === 'help') {
      io.stdout.write(USAGE);
      return 0;
    }
    if (command.kind === 'version') {
      io.stdout.write(`${io.version}\n`);
      return 0;
    }
    return await validate(command.options, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(sanitize(`${NAME}: ${error.message}`) + '\n');
    return 2;
  }
}
