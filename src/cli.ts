/**
 * The `openai-audit-logs` command (the package's `bin`), bundled by `npm run build` into
 * dist/cli.js with Node built-ins only.
 */
import packageJson from '../package.json' with { type: 'json' };
import { main } from './cli/main.js';

process.exitCode = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  version: packageJson.version,
});
