/**
 * CONTRIBUTING.md's performance section from a recorded run:
 *
 *     npx tsx bench/readme-table.ts bench/results/2026-11-26.json
 *
 * prints the paragraph naming the machine and the date, the table and the targets, ready to
 * paste. The renderer lives in harness/ so that its test (test/harness/readme-table.test.ts)
 * may import it.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { renderReadmeTable, type BenchResults } from '../harness/bench-results.ts';

export { renderReadmeTable };

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2];
  if (file === undefined) {
    console.error('usage: npx tsx bench/readme-table.ts FILE (written by npm run bench -- --json FILE)');
    process.exit(2);
  }
  process.stdout.write(renderReadmeTable(JSON.parse(readFileSync(file, 'utf8')) as BenchResults));
}
