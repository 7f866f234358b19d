/**
 * Where the runtimes are and how to get them: the npm binary packages of test/runtimes (its own
 * package.json and lockfile, kept out of the package's, installed by `npm ci --prefix
 * test/runtimes`) and Debian's Chromium. A missing one is an error naming what to install.
 */
import { cpSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readJson } from '../support/json.ts';
import { PACKAGE_NAME, REPO, scratchDir, type PackedPackage } from '../package/packed.ts';
import { CASES } from './verdicts.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const MODULES = join(HERE, 'node_modules');
const NPM_INSTALL = 'install the runtimes with `npm ci --prefix test/runtimes` (.ci/run does)';
const FIXTURES = join(REPO, 'test/fixtures/runtimes');

/** The version test/runtimes/package-lock.json pins for one of its packages. */
export function pinnedVersion(name: string): string {
  const lock = readJson<{ packages: Record<string, { version: string }> }>(join(HERE, 'package-lock.json'));
  const entry = lock.packages[`node_modules/${name}`];
  if (!entry) throw new Error(`test/runtimes/package-lock.json pins no ${name}`);
  return entry.version;
}

/** The path of a binary, or an error that says what to install. */
function present(what: string, path: string, install: string): string {
  if (!existsSync(path)) throw new Error(`${what} is not installed here (${path} is missing): ${install}`);
  return path;
}

/** A binary of a package of test/runtimes (linux x64: the packages the lockfile pins). */
export const npmBinary = (what: string, path: string): string => present(what, join(MODULES, path), NPM_INSTALL);

export const CHROMIUM = '/usr/bin/chromium';
export const chromium = (): string =>
  present('Chromium', CHROMIUM, "install Debian's chromium: `apt-get install -y chromium` (.ci/run does)");

/**
 * A consumer project: the packed package unpacked in its node_modules, the runtime fixtures, and
 * the cases as `cases.json`. Every runtime runs in it.
 */
export function consumerProject(packed: PackedPackage): string {
  const dir = scratchDir('runtimes');
  cpSync(packed.root, join(dir, 'node_modules', PACKAGE_NAME), { recursive: true });
  cpSync(FIXTURES, dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'runtimes-consumer', private: true }));
  writeFileSync(join(dir, 'cases.json'), JSON.stringify(CASES));
  return dir;
}
