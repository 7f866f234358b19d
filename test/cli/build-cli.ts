/**
 * Bundles the command line exactly as `npm run build` does, into a directory of the caller's, so
 * the tests run a real bundle without depending on dist/.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleNodeEntry, NODE_ENTRIES } from '../../scripts/lib/bundles.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Builds the command line into `dir` and returns the path of the bundle. */
export async function buildCli(dir: string): Promise<string> {
  const outfile = join(dir, 'cli.js');
  await bundleNodeEntry(ROOT, NODE_ENTRIES.find((entry) => entry.source === 'src/cli.ts')!, outfile);
  return outfile;
}
