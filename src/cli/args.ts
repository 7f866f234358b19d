/** Command-line arguments of `openai-audit-logs`, parsed by hand to stay free of dependencies. */

export interface ValidateOptions {
  files: string[];
  unknownEventTypes: 'accept' | 'reject';
  reportDrift: boolean;
  format: 'text' | 'json';
  quiet: boolean;
}

export type Command = { kind: 'help' } | { kind: 'version' } | { kind: 'validate'; options: ValidateOptions };

/** A mistake in how the command was called: reported in one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `Usage: openai-audit-logs validate [options] [FILE...]

Validates OpenAI organization audit logs against the package's schema. Each FILE (or standard
input, with - or no FILE) holds JSON Lines (one log, array of logs or list page per line) or a
single JSON document (one log, an array of logs, or a page {"object": "list", "data": [...]}).

Options:
  --unknown-types accept|reject  whether an event type outside the catalog is valid (default: reject)
  --report-drift                 count fields the schema does not document
  --format text|json             text lines for people (default) or one JSON report
  --quiet                        print nothing on standard output; only the exit code tells
  --help                         show this help
  --version                      show the package version

Exit code: 0 when every record is valid, 1 when any is invalid or unparseable, 2 on a usage error.
`;

const FLAGS: readonly string[] = ['--report-drift', '--quiet', '-q'];

const CHOICES = {
  '--unknown-types': ['accept', 'reject'],
  '--format': ['text', 'json'],
} as const;

/** Parses `argv` (without `node` and the script). Throws `UsageError` for anything it does not understand. */
export function parseArgs(argv: readonly string[]): Command {
  const options: ValidateOptions = {
    files: [],
    unknownEventTypes: 'reject',
    reportDrift: false,
    format: 'text',
    quiet: false,
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
    if (name === '--unknown-types' || name === '--format') {
      const choices: readonly string[] = CHOICES[name];
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`option ${name} needs a value: ${choices.join(' or ')}`);
      if (!choices.includes(value))
        throw new UsageError(`option ${name} must be ${choices.join(' or ')}, got ${JSON.stringify(value)}`);
      if (name === '--format') options.format = value as ValidateOptions['format'];
      else options.unknownEventTypes = value as ValidateOptions['unknownEventTypes'];
      continue;
    }
    if ((name === '--report-drift' || name === '--quiet' || name === '-q') && inline === undefined) {
      if (name === '--report-drift') options.reportDrift = true;
      else options.quiet = true;
      continue;
    }
    if (FLAGS.includes(name)) throw new UsageError(`option ${name} takes no value`);
    throw new UsageError(`unknown option ${JSON.stringify(name)} (see --help)`);
  }
  if (command === undefined) throw new UsageError('missing command: try "openai-audit-logs validate FILE"');
  if (command !== 'validate')
    throw new UsageError(`unknown command ${JSON.stringify(command)}; the only command is "validate"`);
  return { kind: 'validate', options };
}
