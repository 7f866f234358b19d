/** The arguments of `openai-audit-logs pull`, parsed by hand like the rest of the command line. */
import { DEFAULT_LOOK_BACK_SECONDS, type PullScope } from '../pull/loop.js';
import { UsageError } from './args.js';
import type { NormalizedFormat } from './normalize.js';

/** The options of `pull`, as parsed. */
export interface PullOptions {
  out: string | undefined;
  state: string | undefined;
  /** Where invalid records go; without it they go to the output with the valid ones. */
  quarantine: string | undefined;
  keyFile: string | undefined;
  /** Unix seconds, or a duration before now (resolved when the run starts). */
  since: When | undefined;
  until: When | undefined;
  projectIds: string[];
  eventTypes: string[];
  actorIds: string[];
  actorEmails: string[];
  resourceIds: string[];
  scope: PullScope;
  lookBackSeconds: number;
  follow: boolean;
  intervalMs: number;
  baseUrl: string | undefined;
  limit: number;
  maxRetries: number;
  timeoutMs: number;
  retryDelayMs: number;
  unknownEventTypes: 'accept' | 'reject';
  format: 'text' | 'json' | 'jsonl';
  quiet: boolean;
  /** Write each valid log as an OCSF or ECS event instead (`--to`); invalid ones go to `--quarantine`. */
  to: NormalizedFormat | undefined;
}

/** A point in time: absolute (Unix seconds), or so long before the run starts. */
export type When = { at: number } | { ago: number };

export const PULL_USAGE = `Usage: openai-audit-logs pull [options]

Fetches the organization's audit logs from GET /v1/organization/audit_logs and writes them as
JSON Lines, as OpenAI sent them, to --out FILE or to standard output. Every record is validated
on the way; problems and the summary go to standard error. The admin key is read from
OPENAI_ADMIN_KEY, or from --key-file. Both streams are collected by default: the logs a plain
request lists, and the tenant-scoped ones (tenant.*, role.bound_to_resource, ...) that only
tenant_only=true lists.

Options:
  --out FILE              append the logs to FILE (created with mode 0600) instead of standard output
  --state FILE            incremental runs: start where the last run ended, and record how far
                          this one got (FILE is created with mode 0600)
  --quarantine FILE       write invalid records to FILE instead of the output
  --to ocsf|ecs           write each valid log as its OCSF 1.8.0 event or ECS document (needs
                          --quarantine: invalid logs go there, as OpenAI sent them)
  --key-file FILE         read the admin key from FILE instead of OPENAI_ADMIN_KEY
  --since WHEN            where a first run starts: a duration before now (90m, 24h, 7d), an ISO 8601
                          date or time, or Unix seconds (default: all the API keeps)
  --until WHEN            where the run ends (default: when it starts)
  --project-id ID         only these projects (repeatable)
  --event-type TYPE       only these event types (repeatable)
  --actor-id ID           only these actors (repeatable)
  --actor-email EMAIL     only these actors' emails (repeatable)
  --resource-id ID        only these target resources (repeatable)
  --scope org|tenant|all  which streams to collect (default: all)
  --tenant-only           the tenant-scoped stream only (--scope tenant)
  --look-back DURATION    how far before the last run's end to look again, for logs that appear
                          late (default: 15m); what was written already is dropped by id
  --follow                keep polling until stopped (SIGINT or SIGTERM)
  --interval DURATION     with --follow, the wait between polls (default: 5m)
  --base-url URL          the API's base URL (default: https://api.openai.com/v1); plain http://
                          is refused unless it is loopback
  --limit N               page size, 1 to 100 (default: 100)
  --max-retries N         retries of a failed request (default: 8)
  --retry-delay DURATION  the first backoff, doubled at each retry up to 30s (default: 500ms)
  --timeout DURATION      one request's time limit (default: 60s)
  --unknown-types accept|reject  whether a log of a type newer than the catalog is valid (default: accept)
  --format text|json|jsonl       how problems and the summary are printed (see validate --help)
  -q, --quiet             no progress line, problems or summary; the exit code tells

Exit code: 0 when complete, 1 when records were invalid, 2 on a usage error (or a request the
API rejects), 3 when the API refuses the key (401, 403), 4 when retries ran out (the state then
stays at the last page written).
`;

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `90m` as milliseconds; `undefined` when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+)(ms|s|m|h|d|w)$/.exec(text);
  return match === null ? undefined : Number(match[1]) * UNITS[match[2]!]!;
}

/** `24h`, `2026-12-01`, `2026-12-01T10:00:00Z` or `1764583200`. */
export function parseWhen(name: string, text: string): When {
  const duration = parseDuration(text);
  if (duration !== undefined) return { ago: Math.floor(duration / 1000) };
  if (/^\d+$/.test(text)) return { at: Number(text) };
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) {
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) return { at: Math.floor(ms / 1000) };
  }
  throw new UsageError(
    `option ${name} must be a duration (90m, 24h, 7d), an ISO 8601 date or time, or Unix seconds, got ${JSON.stringify(text)}`,
  );
}

const REPEATABLE = {
  '--project-id': 'projectIds',
  '--event-type': 'eventTypes',
  '--actor-id': 'actorIds',
  '--actor-email': 'actorEmails',
  '--resource-id': 'resourceIds',
} as const;
const FILES = { '--out': 'out', '--state': 'state', '--quarantine': 'quarantine', '--key-file': 'keyFile' } as const;
const CHOICES = {
  '--scope': ['org', 'tenant', 'all'],
  '--unknown-types': ['accept', 'reject'],
  '--format': ['text', 'json', 'jsonl'],
  '--to': ['ocsf', 'ecs'],
} as const;
const DURATIONS = {
  '--look-back': 'lookBack',
  '--interval': 'interval',
  '--retry-delay': 'retryDelay',
  '--timeout': 'timeout',
} as const;
const COUNTS = { '--limit': [1, 100], '--max-retries': [0, 100] } as const;

const has = <T extends object>(table: T, key: string): key is Extract<keyof T, string> =>
  Object.prototype.hasOwnProperty.call(table, key);

/** The options when none is given. */
const defaults = (): PullOptions => ({
  out: undefined,
  state: undefined,
  quarantine: undefined,
  keyFile: undefined,
  since: undefined,
  until: undefined,
  projectIds: [],
  eventTypes: [],
  actorIds: [],
  actorEmails: [],
  resourceIds: [],
  scope: 'all',
  lookBackSeconds: DEFAULT_LOOK_BACK_SECONDS,
  follow: false,
  intervalMs: 300_000,
  baseUrl: undefined,
  limit: 100,
  maxRetries: 8,
  timeoutMs: 60_000,
  retryDelayMs: 500,
  unknownEventTypes: 'accept',
  format: 'text',
  quiet: false,
  to: undefined,
});

/** Parses the arguments after `pull`. Throws `UsageError` for anything it does not understand. */
export function parsePullArgs(argv: readonly string[]): PullOptions | 'help' {
  const options = defaults();
  let tenantOnly = false;
  let scopeGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const equals = arg.indexOf('=');
    const name = arg.startsWith('--') && equals !== -1 ? arg.slice(0, equals) : arg;
    const inline = name === arg ? undefined : arg.slice(equals + 1);
    const value = (what: string) => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`option ${name} needs ${what}`);
      return v;
    };
    const flag = () => {
      if (inline !== undefined) throw new UsageError(`option ${name} takes no value`);
    };
    if (name === '--help' || name === '-h') return 'help';
    if (name === '--follow' || name === '--tenant-only' || name === '--quiet' || name === '-q') {
      flag();
      if (name === '--follow') options.follow = true;
      else if (name === '--tenant-only') tenantOnly = true;
      else options.quiet = true;
    } else if (has(REPEATABLE, name)) options[REPEATABLE[name]].push(value('a value'));
    else if (has(FILES, name)) options[FILES[name]] = value('a file name');
    else if (name === '--since' || name === '--until')
      options[name === '--since' ? 'since' : 'until'] = parseWhen(name, value('a time'));
    else if (name === '--base-url') options.baseUrl = value('a URL');
    else if (has(CHOICES, name)) {
      const choices: readonly string[] = CHOICES[name];
      const v = value(choices.join(' or '));
      if (!choices.includes(v))
        throw new UsageError(`option ${name} must be ${choices.join(' or ')}, got ${JSON.stringify(v)}`);
      if (name === '--to') options.to = v as NormalizedFormat;
      else if (name === '--scope') {
        options.scope = v as PullScope;
        scopeGiven = true;
      } else if (name === '--format') options.format = v as PullOptions['format'];
      else options.unknownEventTypes = v as PullOptions['unknownEventTypes'];
    } else if (has(DURATIONS, name)) {
      const v = value('a duration (500ms, 30s, 5m, 1h)');
      const ms = parseDuration(v);
      if (ms === undefined)
        throw new UsageError(`option ${name} must be a duration (500ms, 30s, 5m, 1h), got ${JSON.stringify(v)}`);
      const key = DURATIONS[name];
      if (key === 'lookBack') options.lookBackSeconds = Math.floor(ms / 1000);
      else if (key === 'interval') options.intervalMs = ms;
      else if (key === 'retryDelay') options.retryDelayMs = ms;
      else options.timeoutMs = Math.max(ms, 1);
    } else if (has(COUNTS, name)) {
      const v = value('a number');
      const [min, max] = COUNTS[name];
      const n = Number(v);
      if (!/^\d+$/.test(v) || n < min || n > max)
        throw new UsageError(`option ${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(v)}`);
      if (name === '--limit') options.limit = n;
      else options.maxRetries = n;
    } else if (!arg.startsWith('-'))
      throw new UsageError(`pull takes no arguments, got ${JSON.stringify(arg)} (see pull --help)`);
    else throw new UsageError(`unknown option ${JSON.stringify(name)} (see pull --help)`);
  }
  if (tenantOnly) {
    if (scopeGiven && options.scope !== 'tenant')
      throw new UsageError('--tenant-only contradicts --scope ' + options.scope);
    options.scope = 'tenant';
  }
  if (options.out !== undefined && options.out === options.state)
    throw new UsageError('--out and --state name the same file');
  // A normalized stream holds normalized events only: the invalid logs need a place of their own.
  if (options.to !== undefined && options.quarantine === undefined)
    throw new UsageError('option --to needs --quarantine FILE: invalid logs cannot be normalized, and go there');
  return options;
}
