/**
 * The `openai-audit-logs` command (the package's `bin`), bundled by `npm run build` into
 * dist/cli.js with Node built-ins only.
 */
import packageJson from '../package.json' with { type: 'json' };
import { EXIT_INTERRUPTED, main } from './cli/main.js';

// Standard output and error write as they are given, also to a pipe (where Node would otherwise
// queue what the reader has not taken yet): one input line can make millions of records or
// problems in one synchronous burst, and the queue would hold them all. A slow reader then slows
// the run instead of filling memory.
for (const stream of [process.stdout, process.stderr])
  (stream as unknown as { _handle?: { setBlocking?: (blocking: boolean) => void } })._handle?.setBlocking?.(true);

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
