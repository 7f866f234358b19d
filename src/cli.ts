/**
 * The `openai-audit-logs` command (the package's `bin`), bundled by `npm run build` into
 * dist/cli.js with Node built-ins only.
 */
import packageJson from '../package.json' with { type: 'json' };
import { EXIT_INTERRUPTED, main } from './cli/main.js';

// The first SIGINT lets the run finish the chunk in hand (no torn record), write its summary and
// exit 130; a second one ends the process at once.
let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) process.exit(EXIT_INTERRUPTED);
  interrupted = true;
});

process.exitCode = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  version: packageJson.version,
  interrupted: () => interrupted,
});
