/** `openai-audit-logs validate`: streams records through the validators and reports on them. */
import { accessSync, constants, createReadStream, createWriteStream, openSync, realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, USAGE, UsageError, type ValidateOptions } from './args.js';
import { CHUNK_BYTES, LineDecoder } from './lines.js';
import { Output } from './output.js';
import { pullCommand } from './pull.js';
import { Progress } from './progress.js';
import { RecordReader } from './records.js';
import { JsonLinesReporter, JsonReporter, QUIET, TextReporter, type Reporter } from './report.js';
import { InputJudge } from './run.js';
import { Summary } from './summary.js';
import { sanitize } from './text.js';

/** The streams and facts the command line runs with (the process's, or a test's). */
export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  version: string;
  /** The clock of the progress line's rate. */
  now?: () => number;
}

const NAME = 'openai-audit-logs';

const displayName = (file: string) => (file === '-' ? '<stdin>' : file);

/** The same file, when both exist (through links too), or the same path when one does not. */
function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return resolve(a) === resolve(b);
  }
}

/** The inputs to read, each checked before any is read, so a typo fails fast with exit code 2. */
function inputFiles(options: ValidateOptions, io: CliIo): string[] {
  const files = options.files.length > 0 ? options.files : ['-'];
  if (options.files.length === 0 && io.stdin.isTTY)
    throw new UsageError('no input: give a FILE, or pipe audit logs to standard input');
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
    if (options.out !== undefined && sameFile(file, options.out))
      throw new UsageError(`--out ${options.out} is also an input: it would be overwritten before it is read`);
  }
  return files;
}

/** Where things go: the report (problems and summary), and the records `--emit` writes. */
interface Outputs {
  report: Output | undefined;
  records: Output | undefined;
  /** `--out`: the records go to a file of their own, to be closed at the end. */
  recordsFile: string | undefined;
}

/** Opens the outputs. With `--emit`, records take standard output and the report moves to standard error, unless `--out` names a file. */
function openOutputs(options: ValidateOptions, io: CliIo): Outputs {
  let records: Output | undefined;
  if (options.out !== undefined) {
    let fd: number;
    try {
      fd = openSync(options.out, 'w');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(`cannot write ${options.out}: ${code ?? String(error)}`);
    }
    records = new Output(createWriteStream('', { fd }));
  } else if (options.emit !== undefined) {
    records = new Output(io.stdout);
  }
  const reportStream = options.emit !== undefined && options.out === undefined ? io.stderr : io.stdout;
  return { report: options.quiet ? undefined : new Output(reportStream), records, recordsFile: options.out };
}

function reporterFor(format: ValidateOptions['format'], out: Output | undefined): Reporter {
  if (out === undefined) return QUIET;
  if (format === 'json') return new JsonReporter(out);
  if (format === 'jsonl') return new JsonLinesReporter(out);
  return new TextReporter(out);
}

/** What reading the inputs shares: the options, the outputs, the counts, the progress line. */
interface Reading {
  options: ValidateOptions;
  io: CliIo;
  outputs: Outputs;
  reporter: Reporter;
  summary: Summary;
  progress: Progress;
  bytesRead: number;
}

/** Writes what is pending (after clearing the progress line from the terminal); false once nothing more can be written. */
async function flushOutputs(reading: Reading): Promise<boolean> {
  const { report, records } = reading.outputs;
  if (report?.hasPending || records?.hasPending) reading.progress.clear();
  await report?.flush();
  await records?.flush();
  return !(report?.closed || records?.closed);
}

/** Reads one input through: lines, records, verdicts. Returns false when it could not be read. */
async function readInput(file: string, reading: Reading): Promise<boolean> {
  const { options, io, summary } = reading;
  const name = displayName(file);
  const totals = summary.startFile(name);
  const judge = new InputJudge(
    name,
    totals,
    summary,
    reading.reporter,
    {
      acceptUnknownTypes: options.unknownEventTypes === 'accept',
      reportDrift: options.reportDrift,
      emit: options.emit,
    },
    reading.outputs.records,
  );
  const reader = new RecordReader(judge);
  const decoder = new LineDecoder(reader, () => reader.maxLineBytes());
  const stream = file === '-' ? io.stdin : createReadStream(file, { highWaterMark: CHUNK_BYTES });
  let ok = true;
  try {
    for await (const chunk of stream) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      reading.bytesRead += bytes.length;
      decoder.push(bytes);
      if (!(await flushOutputs(reading))) break;
      reading.progress.update(reading.bytesRead, summary.total.records + totals.records);
    }
  } catch (error) {
    ok = false;
    reading.progress.clear();
    io.stderr.write(sanitize(`${NAME}: cannot read ${name}: ${(error as Error).message}`) + '\n');
  }
  decoder.end();
  reader.end();
  totals.lines = decoder.lines;
  summary.endFile(totals);
  return ok;
}

/** Ends the run: the summary, the outputs closed, and the exit code. */
async function finish(reading: Reading, readFailed: boolean): Promise<number> {
  const { outputs, io, summary } = reading;
  reading.progress.clear();
  reading.reporter.finish(summary);
  await outputs.records?.end(outputs.recordsFile !== undefined);
  await outputs.report?.end(false);
  const failed = outputs.recordsFile !== undefined ? outputs.records?.error : undefined;
  if (failed !== undefined) {
    io.stderr.write(sanitize(`${NAME}: cannot write ${outputs.recordsFile}: ${failed.message}`) + '\n');
    return 2;
  }
  if (readFailed) return 2;
  return summary.failed ? 1 : 0;
}

/** `validate`, step by step: the inputs checked, the outputs opened, each input read and judged, the summary and the exit code. */
async function validate(options: ValidateOptions, io: CliIo): Promise<number> {
  const files = inputFiles(options, io);
  const outputs = openOutputs(options, io);
  const reading: Reading = {
    options,
    io,
    outputs,
    reporter: reporterFor(options.format, outputs.report),
    summary: new Summary(options.reportDrift, options.emit),
    progress: new Progress(io.stderr, io.stderr.isTTY === true && !options.quiet, io.now),
    bytesRead: 0,
  };
  let readFailed = false;
  for (const file of files) {
    if (!(await readInput(file, reading))) readFailed = true;
    if (outputs.report?.closed || outputs.records?.closed) break;
  }
  return finish(reading, readFailed);
}

/** Runs the command line with `argv` (without `node` and the script) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    if (argv[0] === 'pull') return await pullCommand(argv.slice(1), io);
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
