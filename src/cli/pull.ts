/**
 * `openai-audit-logs pull`: the collector's loop (src/pull/loop.ts) with files around it. Each
 * page's new records are judged as `validate` judges them, written out, and the state replaced
 * after them (src/cli/pull-files.ts), so a run stopped at any moment, even by `kill -9`, resumes
 * with the same `--state` and writes nothing twice to `--out`.
 */
import { readFileSync } from 'node:fs';
import { AuditLogsPullError, redact } from '../pull/errors.js';
import { checkBaseUrl, DEFAULT_BASE_URL, pullBatches, type Batch } from '../pull/loop.js';
import { runtime, sleep } from '../pull/runtime.js';
import type { PullState, PullStream } from '../pull/state.js';
import type { AnyAuditLog } from '../parse.js';
import { FAIL_OUTCOMES, UsageError } from './args.js';
import { normalizerOf } from './normalize.js';
import { Output } from './output.js';
import { parsePullArgs, PULL_USAGE, type PullOptions, type When } from './pull-args.js';
import { AppendFile, readStateFile, writeStateFile, type StateFile } from './pull-files.js';
import { PullProgress } from './pull-progress.js';
import { JsonLinesReporter, JsonReporter, QUIET, TextReporter, type Reporter } from './report.js';
import { InputJudge } from './run.js';
import { Summary, type Totals } from './summary.js';
import { plural, sanitize } from './text.js';

/** What `pull` runs with: the command line's streams (`CliIo`), and the environment. */
export interface PullIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** The clock of the progress line and the state's time stamp. */
  now?: () => number;
  /** The environment, for `OPENAI_ADMIN_KEY` (default `process.env`). */
  env?: Record<string, string | undefined>;
}

const NAME = 'openai-audit-logs pull';

/** How a valid record is written: as OpenAI sent it, or with `--to` as the event it maps to. */
type RecordFormat = (record: unknown) => string;
const RAW: RecordFormat = (record) => JSON.stringify(record);

function formatOf(to: PullOptions['to']): RecordFormat {
  if (to === undefined) return RAW;
  const normalize = normalizerOf(to, { orgId: undefined, orgName: undefined, keepOriginal: false });
  return (record) => JSON.stringify(normalize(record as AnyAuditLog));
}

/** `validate`'s summary, with what `pull` wrote and how far each stream got. */
class PullSummary extends Summary {
  written = 0;
  quarantined = 0;
  retries = 0;
  through: Partial<Record<PullStream, number | null>> = {};
  constructor(private readonly target: string) {
    super(false, undefined);
  }
  override toJSON(): Record<string, unknown> {
    const { written, quarantined, retries, through } = this;
    return { ...super.toJSON(), written, quarantined, retries, through };
  }
  override textLines(): string[] {
    const lines = [...super.textLines(), `${plural(this.written, 'record')} written to ${this.target}`];
    if (this.quarantined > 0) lines.push(`${plural(this.quarantined, 'invalid record')} quarantined`);
    if (this.retries > 0) lines.push(`${plural(this.retries, 'request')} retried`);
    for (const [stream, at] of Object.entries(this.through))
      lines.push(`${stream}: complete through ${at === null ? '(nothing yet)' : new Date(at * 1000).toISOString()}`);
    return lines.map(sanitize);
  }
}

function readKey(options: PullOptions, env: Record<string, string | undefined>): string {
  let key: string | undefined;
  if (options.keyFile !== undefined) {
    try {
      key = readFileSync(options.keyFile, 'utf8').trim();
    } catch (error) {
      throw new UsageError(
        `cannot read --key-file ${options.keyFile}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      );
    }
  } else key = env.OPENAI_ADMIN_KEY?.trim();
  if (key === undefined || key === '')
    throw new UsageError('no admin key: set OPENAI_ADMIN_KEY, or give --key-file FILE (an admin key, sk-admin-...)');
  return key;
}

const seconds = (when: When | undefined, now: number): number | undefined =>
  when === undefined ? undefined : 'at' in when ? when.at : Math.floor(now / 1000) - when.ago;

function reporterOf(options: PullOptions, out: Output): Reporter {
  if (options.quiet) return QUIET;
  if (options.format === 'json') return new JsonReporter(out);
  if (options.format === 'jsonl') return new JsonLinesReporter(out);
  return new TextReporter(out);
}

/** Everything one run holds: the files, the counts, the position. */
class Run {
  readonly report: Output;
  readonly reporter: Reporter;
  readonly summary: PullSummary;
  readonly progress: PullProgress;
  readonly controller = new runtime.AbortController();
  out: AppendFile | undefined;
  quarantine: AppendFile | undefined;
  state: PullState | undefined;
  private readonly totals = new Map<PullStream, Totals>();
  private readonly judges = new Map<PullStream, InputJudge>();
  private pages = 0;
  private records = 0;
  stdoutFailed = false;
  readonly format: RecordFormat;

  constructor(
    readonly options: PullOptions,
    readonly io: PullIo,
    readonly key: string,
  ) {
    this.format = formatOf(options.to);
    this.report = new Output(io.stderr, 'standard error');
    this.reporter = reporterOf(options, this.report);
    this.summary = new PullSummary(options.out ?? 'standard output');
    this.progress = new PullProgress(io.stderr, io.stderr.isTTY === true && !options.quiet, io.now);
    if (options.out === undefined) io.stdout.on('error', () => (this.stdoutFailed = true));
  }

  /** Opens the files, cutting back what a run stopped before its state wrote. */
  open(): void {
    const { options } = this;
    const saved = options.state !== undefined ? readStateFile(options.state) : undefined;
    this.state = saved;
    const fresh = options.state === undefined;
    if (options.out !== undefined) this.out = AppendFile.open(options.out, { mark: saved?.output, fresh });
    if (options.quarantine !== undefined)
      this.quarantine = AppendFile.open(options.quarantine, { mark: saved?.quarantine, fresh });
    for (const [file, mark] of [
      [this.out, saved?.output],
      [this.quarantine, saved?.quarantine],
    ] as const) {
      if (file !== undefined && AppendFile.shorterThanMark(file, mark))
        this.io.stderr.write(
          sanitize(`${NAME}: warning: ${file.path} is shorter than the state says; appending to it\n`),
        );
    }
  }

  private judgeOf(stream: PullStream): { judge: InputJudge; totals: Totals } {
    let judge = this.judges.get(stream);
    if (judge === undefined) {
      const totals = this.summary.startFile(`api:${stream}`);
      this.totals.set(stream, totals);
      judge = new InputJudge(
        `api:${stream}`,
        totals,
        this.summary,
        this.reporter,
        {
          acceptUnknownTypes: this.options.unknownEventTypes === 'accept',
          reportDrift: false,
          emit: undefined,
          reasons: false,
          explain: !this.options.quiet,
        },
        undefined,
      );
      this.judges.set(stream, judge);
    }
    return { judge, totals: this.totals.get(stream)! };
  }

  /** Judges a batch, writes it out, then makes it durable with its state. */
  async store(batch: Batch): Promise<void> {
    const { judge, totals } = this.judgeOf(batch.stream);
    const page = ++this.pages;
    judge.page({ ...batch.fields, data: [] }, page);
    let kept = '';
    let set = '';
    batch.records.forEach((record, index) => {
      const valid = totals.valid;
      judge.record(record, page, index, 'page', undefined);
      const isValid = totals.valid > valid;
      // Invalid records are written as they came, wherever they go.
      const line = (isValid ? this.format(record) : RAW(record)) + '\n';
      if (isValid || this.quarantine === undefined) {
        kept += line;
        this.summary.written++;
      } else {
        set += line;
        this.summary.quarantined++;
      }
    });
    this.records += batch.records.length;
    if (this.report.hasPending) this.progress.clear();
    await this.report.flush();
    if (this.out !== undefined) this.out.append(kept);
    else if (kept !== '' && !(await writeStdout(this.io.stdout, kept))) this.stdoutFailed = true;
    // Records standard output did not take: the state stays before them.
    if (this.stdoutFailed) return;
    this.quarantine?.append(set);
    this.state = batch.state;
    if (this.options.state !== undefined) {
      this.out?.sync();
      this.quarantine?.sync();
      writeStateFile(this.options.state, this.stateFile(batch.state));
    }
    if (batch.complete) this.summary.through[batch.stream] = batch.state.streams[batch.stream]?.through ?? null;
    this.progress.update(batch.stream, this.pages, this.records, batch.reached);
  }

  private stateFile(state: PullState): StateFile {
    return {
      ...state,
      output: this.out?.mark() ?? null,
      quarantine: this.quarantine?.mark() ?? null,
      updated: new Date(this.io.now?.() ?? Date.now()).toISOString(),
    };
  }

  /** Ends the run: the summary printed, the files closed. */
  async finish(): Promise<void> {
    this.progress.clear();
    for (const totals of this.totals.values()) this.summary.endFile(totals);
    this.reporter.finish(this.summary);
    await this.report.end(false);
    this.out?.sync();
    this.out?.close();
    this.quarantine?.sync();
    this.quarantine?.close();
  }
}

/** Writes to standard output and waits until it is handed over; false when it could not be. */
function writeStdout(stream: NodeJS.WritableStream, text: string): Promise<boolean> {
  return new Promise((resolve) => stream.write(text, (error) => resolve(error === null || error === undefined)));
}

/** One poll: every stream swept, each page stored. */
async function poll(run: Run): Promise<void> {
  const { options, io } = run;
  const now = io.now?.() ?? Date.now();
  const since = seconds(options.since, now);
  const until = seconds(options.until, now);
  const filters = {
    project_ids: options.projectIds,
    event_types: options.eventTypes as never[],
    actor_ids: options.actorIds,
    actor_emails: options.actorEmails,
    resource_ids: options.resourceIds,
  };
  for await (const batch of pullBatches({
    adminKey: run.key,
    baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
    scope: options.scope,
    ...(since !== undefined ? { since } : {}),
    ...(until !== undefined ? { until } : {}),
    filters,
    limit: options.limit,
    lookBackSeconds: options.lookBackSeconds,
    ...(run.state !== undefined ? { state: run.state } : {}),
    retry: { maxRetries: options.maxRetries, baseDelayMs: options.retryDelayMs, timeoutMs: options.timeoutMs },
    signal: run.controller.signal,
    onRetry: () => void run.summary.retries++,
  })) {
    await run.store(batch);
    if (run.stdoutFailed) return;
  }
}

const EXIT: Record<AuditLogsPullError['reason'], number> = {
  authentication: 3,
  exhausted: 4,
  refused: 2,
  options: 2,
  aborted: 130,
};

/** Polls once, or until stopped with `--follow`; returns the exit code. */
async function collect(run: Run): Promise<number> {
  const { options, io } = run;
  const stop = () => run.controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let code = 0;
  try {
    for (;;) {
      await poll(run);
      if (!options.follow || run.stdoutFailed) break;
      await sleep(options.intervalMs, run.controller.signal);
      if (run.controller.signal.aborted) break;
    }
  } catch (error) {
    const reason = error instanceof AuditLogsPullError ? error.reason : undefined;
    code = reason === undefined ? 2 : reason === 'aborted' && options.follow ? 0 : EXIT[reason];
    if (reason !== 'aborted') {
      const message = error instanceof Error ? error.message : String(error);
      const where =
        options.state !== undefined && code === 4
          ? `; the state stays at the last page written (${options.state})`
          : '';
      run.progress.clear();
      io.stderr.write(sanitize(`${NAME}: ${redact(message, run.key)}${where}`) + '\n');
    }
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  await run.finish();
  return code !== 0 ? code : run.stdoutFailed ? 2 : run.summary.failed(FAIL_OUTCOMES) ? 1 : 0;
}

/** Runs `pull` with the arguments after it; returns the exit code. */
export async function pullCommand(argv: readonly string[], io: PullIo): Promise<number> {
  const options = parsePullArgs(argv);
  if (options === 'help') {
    io.stdout.write(PULL_USAGE);
    return 0;
  }
  const key = readKey(options, io.env ?? process.env);
  try {
    checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  } catch (error) {
    throw new UsageError(`--base-url: ${(error as Error).message}`);
  }
  const run = new Run(options, io, key);
  run.open();
  return collect(run);
}
