/** Command-line arguments of `openai-audit-logs`, parsed by hand to stay free of dependencies. */
import { NORMALIZED_FORMATS, type NormalizedFormat } from './normalize.js';
import { MAX_PROBLEMS_IN_JSON } from './report.js';

/** The options of `validate`, as parsed. */
export interface ValidateOptions {
  files: string[];
  unknownEventTypes: 'accept' | 'reject';
  reportDrift: boolean;
  format: 'text' | 'json' | 'jsonl';
  quiet: boolean;
  /** Which records to write out, one compact JSON value per line (`invalid`: unparseable values too, as read). */
  emit: 'valid' | 'invalid' | undefined;
  /** Where the emitted records go instead of standard output. */
  out: string | undefined;
  /** With `--emit invalid`: each record written inside a problem object that says why it was set aside. */
  reasons: boolean;
  /** Which outcomes make the exit code 1 (`--fail-on`). */
  failOn: readonly FailOutcome[];
  /** With `--emit valid`: write each valid record as an OCSF or ECS event instead (`--to`). */
  to: NormalizedFormat | undefined;
  /** The organization the logs come from, for `--to` (`--org-id`, `--org-name`): logs do not carry it. */
  orgId: string | undefined;
  orgName: string | undefined;
  /** With `--to`: keep the whole log in the event (`raw_data`, `event.original`). */
  keepOriginal: boolean;
}

/** What a run may find that makes its exit code 1, unless `--fail-on` leaves it out. */
export const FAIL_OUTCOMES = ['invalid', 'unparseable', 'invalid-page', 'unwritable'] as const;
export type FailOutcome = (typeof FAIL_OUTCOMES)[number];

/** What the command line was asked to do. */
export type Command = { kind: 'help' } | { kind: 'version' } | { kind: 'validate'; options: ValidateOptions };

/** A mistake in how the command was called: reported in one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The text of `--help`: every option. */
export const USAGE = `Usage: openai-audit-logs validate [options] [FILE...]
       openai-audit-logs pull [options]   (fetches the audit log from the API: see pull --help)

Validates OpenAI organization audit logs against the package's schema. Each FILE (or standard
input, with - or no FILE) holds JSON Lines, or JSON values one after another (pretty-printed or
not): each value is a log, an array of logs, or a list page {"object": "list", "data": [...]}.

Options:
  --unknown-types accept|reject  whether an event type outside the catalog is valid (default: reject)
  --report-drift                 count fields the schema does not document
  --format text|json|jsonl       how problems and the summary are printed:
                                   text   one line per problem, then a summary (default)
                                   json   one report at the end, listing the first ${MAX_PROBLEMS_IN_JSON} problems
                                   jsonl  one JSON object per problem as it is found, then a summary
  --emit valid|invalid           write those records, one compact JSON value per line, to standard
                                 output; problems and the summary then go to standard error;
                                 invalid also writes each unparseable value exactly as it was read
                                 (its bytes, then a newline)
  --out FILE                     with --emit: write the records to FILE instead (problems and the
                                 summary stay on standard output)
  --reasons                      with --emit invalid: write each record as one JSON object holding
                                 its problem (kind, file, line, index, id, type, errors) and, last,
                                 the record as it was read: {"kind":...,"errors":[...],"record":...};
                                 an unparseable value as its problem and its text as read, "raw"
                                 (a string, or base64 with "rawEncoding":"base64" if not UTF-8)
  --to ocsf|ecs                  with --emit valid: write each valid record as the OCSF 1.8.0 event
                                 (toOcsf) or the ECS document (toEcs) it maps to, one per line
  --org-id ID, --org-name NAME   with --to: the organization the logs come from (logs lack it)
  --keep-original                with --to: keep each log, as JSON, in raw_data / event.original
  --fail-on LIST                 which outcomes make the exit code 1, separated by commas, from
                                 ${FAIL_OUTCOMES.join(', ')}; or none (a quarantine stage
                                 that exits 0); default: all of them
  -q, --quiet                    print no problems and no summary; the exit code tells
  -h, --help                     show this help
  -v, --version                  show the package version

Exit code: 0 when every record is valid, 1 when any record or list page is invalid or a value is
unparseable, 2 on a usage error or when an input cannot be read, 5 when an output cannot be
written, 130 when interrupted (the summary so far is written).
`;

const FLAGS: readonly string[] = ['--report-drift', '--reasons', '--keep-original', '--quiet', '-q'];

/** The options that take a free value, and the field each sets. */
const VALUES = { '--out': 'out', '--org-id': 'orgId', '--org-name': 'orgName' } as const;
const isValue = (name: string): name is keyof typeof VALUES => Object.prototype.hasOwnProperty.call(VALUES, name);

const CHOICES = {
  '--unknown-types': ['accept', 'reject'],
  '--format': ['text', 'json', 'jsonl'],
  '--emit': ['valid', 'invalid'],
  '--to': NORMALIZED_FORMATS,
} as const;

const isChoice = (name: string): name is keyof typeof CHOICES => Object.prototype.hasOwnProperty.call(CHOICES, name);

/** The outcomes `--fail-on` names: a list separated by commas, or `none`. */
function failOutcomes(value: string | undefined): FailOutcome[] {
  const choices = `${FAIL_OUTCOMES.join(', ')} or none`;
  if (value === undefined || value === '') throw new UsageError(`option --fail-on needs a value: ${choices}`);
  if (value === 'none') return [];
  return value.split(',').map((outcome) => {
    if (!(FAIL_OUTCOMES as readonly string[]).includes(outcome))
      throw new UsageError(`option --fail-on takes ${choices}, got ${JSON.stringify(outcome)}`);
    return outcome as FailOutcome;
  });
}

/** Parses `argv` (without `node` and the script). Throws `UsageError` for anything it does not understand. */
export function parseArgs(argv: readonly string[]): Command {
  const options: ValidateOptions = {
    files: [],
    unknownEventTypes: 'reject',
    reportDrift: false,
    format: 'text',
    quiet: false,
    emit: undefined,
    out: undefined,
    reasons: false,
    failOn: FAIL_OUTCOMES,
    to: undefined,
    orgId: undefined,
    orgName: undefined,
    keepOriginal: false,
  };
  let command: string | undefined;
  let onlyFiles = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (onlyFiles || arg === '-' || !arg.startsWith('-')) {
      if (command === undefined) command = arg;
      else options.files.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyFiles = true;
      continue;
    }
    const equals = arg.indexOf('=');
    const name = equals === -1 ? arg : arg.slice(0, equals);
    const inline = equals === -1 ? undefined : arg.slice(equals + 1);
    if (name === '--help' || name === '-h') return { kind: 'help' };
    if (name === '--version' || name === '-v') return { kind: 'version' };
    if (isChoice(name)) {
      const choices: readonly string[] = CHOICES[name];
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`option ${name} needs a value: ${choices.join(' or ')}`);
      if (!choices.includes(value))
        throw new UsageError(`option ${name} must be ${choices.join(' or ')}, got ${JSON.stringify(value)}`);
      if (name === '--format') options.format = value as ValidateOptions['format'];
      else if (name === '--emit') options.emit = value as ValidateOptions['emit'];
      else if (name === '--to') options.to = value as NormalizedFormat;
      else options.unknownEventTypes = value as ValidateOptions['unknownEventTypes'];
      continue;
    }
    if (name === '--fail-on') {
      options.failOn = failOutcomes(inline ?? argv[++i]);
      continue;
    }
    if (isValue(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '')
        throw new UsageError(`option ${name} needs ${name === '--out' ? 'a file name' : 'a value'}`);
      options[VALUES[name]] = value;
      continue;
    }
    if (FLAGS.includes(name) && inline === undefined) {
      if (name === '--report-drift') options.reportDrift = true;
      else if (name === '--reasons') options.reasons = true;
      else if (name === '--keep-original') options.keepOriginal = true;
      else options.quiet = true;
      continue;
    }
    if (FLAGS.includes(name)) throw new UsageError(`option ${name} takes no value`);
    throw new UsageError(`unknown option ${JSON.stringify(name)} (see --help)`);
  }
  if (command === undefined) throw new UsageError('missing command: try "openai-audit-logs validate FILE"');
  if (command !== 'validate')
    throw new UsageError(`unknown command ${JSON.stringify(command)}; commands: "validate", "pull"`);
  if (options.out !== undefined && options.emit === undefined)
    throw new UsageError('option --out needs --emit valid or --emit invalid: it names where the records go');
  if (options.reasons && options.emit !== 'invalid')
    throw new UsageError('option --reasons needs --emit invalid: it says why each record written was set aside');
  checkNormalizing(options);
  return { kind: 'validate', options };
}

/** `--to` and the options that go with it make sense only together, and only for valid records. */
function checkNormalizing(options: ValidateOptions): void {
  if (options.to !== undefined && options.emit !== 'valid')
    throw new UsageError('option --to needs --emit valid: it writes each valid record as an OCSF or ECS event');
  const given: [string, boolean][] = [
    ['--org-id', options.orgId !== undefined],
    ['--org-name', options.orgName !== undefined],
    ['--keep-original', options.keepOriginal],
  ];
  const needsTo = given.find(([, isGiven]) => isGiven)?.[0];
  if (needsTo !== undefined && options.to === undefined)
    throw new UsageError(`option ${needsTo} needs --to ocsf or --to ecs: it goes into each normalized event`);
}
