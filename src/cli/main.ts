/** `openai-audit-logs validate`: streams records through the validators and reports on them. */
import {
  accessSync,
  closeSync,
  constants,
  createReadStream,
  fstatSync,
  openSync,
  statSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { Writable } from 'node:stream';
import { parseArgs, USAGE, UsageError, type ValidateOptions } from './args.js';
import { ForeignInput, inputBytes } from './input.js';
import { CHUNK_BYTES, LineDecoder } from './lines.js';
import { normalizerOf } from './normalize.js';
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
  /** Whether the user asked the run to stop (SIGINT): it stops between two chunks of input. */
  interrupted?: () => boolean;
}

/** The exit code of a run stopped by SIGINT (128 + 2, as the shell reports it). */
export const EXIT_INTERRUPTED = 130;
/** The exit code of a run whose output (records or report) could not be written. */
export const EXIT_WRITE_FAILED = 5;

const NAME = 'openai-audit-logs';

const displayName = (file: string) => (file === '-' ? '<stdin>' : file);

/** The file behind a name or a file descriptor, when it can be looked at. */
function statOf(file: string | number): Stats | undefined {
  try {
    return typeof file === 'number' ? fstatSync(file) : statSync(file);
  } catch {
    return undefined;
  }
}

/** Whether two stats are one regular file (by device and inode: through hard and symbolic links too). */
const sameFile = (a: Stats | undefined, b: Stats | undefined) =>
  a !== undefined && b !== undefined && a.isFile() && a.dev === b.dev && a.ino === b.ino;

/** The inputs to read, each checked before any is read, so a typo fails fast with exit code 2. */
function inputFiles(options: ValidateOptions, io: CliIo): string[] {
  const files = options.files.length > 0 ? options.files : ['-'];
  if (options.files.length === 0 && io.stdin.isTTY)
    throw new UsageError('no input: give a FILE, or pipe audit logs to standard input');
  const out = options.out === undefined ? undefined : statOf(options.out);
  const stdinFd = (io.stdin as { fd?: unknown }).fd;
  for (const file of files) {
    if (file === '-') {
      if (typeof stdinFd === 'number' && sameFile(statOf(stdinFd), out))
        throw new UsageError(`--out ${options.out!} is also standard input: it would be overwritten before it is read`);
      continue;
    }
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
    if (sameFile(stats, out))
      throw new UsageError(`--out ${options.out!} is also an input: it would be overwritten before it is read`);
  }
  return files;
}

/**
 * A stream that writes to `fd` as it is given each chunk: one input line can make millions of
 * records or problems in one synchronous burst, and an asynchronous file stream would hold them
 * all in memory until the burst ends.
 */
function syncFileStream(fd: number): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      try {
        for (let at = 0; at < chunk.length;) at += writeSync(fd, chunk, at);
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    final(done) {
      try {
        closeSync(fd);
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });
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
    records = new Output(syncFileStream(fd), options.out);
  } else if (options.emit !== undefined) {
    records = new Output(io.stdout, 'standard output');
  }
  const toStderr = options.emit !== undefined && options.out === undefined;
  const report = options.quiet
    ? undefined
    : new Output(toStderr ? io.stderr : io.stdout, toStderr ? 'standard error' : 'standard output');
  return { report, records, recordsFile: options.out };
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

/** Why reading stopped before the end of the inputs, or undefined to go on. */
function stopReason(reading: Reading): string | undefined {
  if (reading.io.interrupted?.()) return 'interrupted (SIGINT)';
  for (const output of [reading.outputs.records, reading.outputs.report]) {
    if (output === undefined || !output.closed) continue;
    return output.readerGone
      ? `the reader of ${output.name} went away`
      : `${output.name} could not be written (${output.error?.code ?? output.error?.message ?? 'failed'})`;
  }
  return undefined;
}

/**
 * Reads one input through: lines, records, verdicts. Returns false when it could not be read. A
 * run that stops early (interrupted, an output gone) leaves the line it was in the middle of
 * unread: it is neither counted nor reported, as it was never seen whole.
 */
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
      reasons: options.reasons,
      // The reasons written with the records need the errors, even when no problem is printed.
      explain: reading.reporter !== QUIET || options.reasons,
      ...(options.to === undefined ? {} : { normalize: normalizerOf(options.to, options) }),
    },
    reading.outputs.records,
  );
  const reader = new RecordReader(judge);
  const decoder = new LineDecoder(reader, () => reader.maxLineBytes());
  const stream = file === '-' ? io.stdin : createReadStream(file, { highWaterMark: CHUNK_BYTES });
  let ok = true;
  try {
    for await (const bytes of inputBytes(stream)) {
      reading.bytesRead += bytes.length;
      decoder.push(bytes);
      if (!(await flushOutputs(reading))) break;
      reading.progress.update(reading.bytesRead, summary.total.records + totals.records);
      if ((summary.stopped = stopReason(reading)) !== undefined) break;
    }
  } catch (error) {
    ok = false;
    reading.progress.clear();
    // A broken value read before the failure is handed on (and written) before the failure is told.
    reader.settle();
    const message = error instanceof ForeignInput ? error.message : `cannot read ${name}: ${(error as Error).message}`;
    judge.failed(message, decoder.lines + 1);
  }
  summary.stopped ??= stopReason(reading);
  if (ok && summary.stopped === undefined) {
    decoder.end();
    reader.end();
  } else reader.settle();
  if (typeof (stream as { destroy?: unknown }).destroy === 'function' && file !== '-')
    (stream as { destroy: () => void }).destroy();
  totals.lines = decoder.lines;
  summary.endFile(totals);
  return ok;
}

/** Ends the run: the records written out, the summary, the outputs closed, and the exit code. */
async function finish(reading: Reading, readFailed: boolean): Promise<number> {
  const { outputs, io, summary } = reading;
  reading.progress.clear();
  const { records, report } = outputs;
  await records?.end(outputs.recordsFile !== undefined);
  // Only what the output took counts as written.
  if (records !== undefined) summary.emitted = records.written;
  summary.stopped ??= stopReason(reading);
  reading.reporter.finish(summary);
  await report?.end(false);
  let code = summary.failed(reading.options.failOn) ? 1 : 0;
  if (readFailed) code = 2;
  for (const output of [records, report]) {
    if (output?.error === undefined || output.readerGone) continue;
    code = EXIT_WRITE_FAILED;
    const reason = output.error.code ?? output.error.message;
    if (output !== report || report.stream !== io.stderr)
      io.stderr.write(sanitize(`${NAME}: cannot write ${output.name}: ${reason}`) + '\n');
  }
  if (io.interrupted?.()) code = EXIT_INTERRUPTED;
  return code;
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
    if (reading.summary.stopped !== undefined) break;
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
