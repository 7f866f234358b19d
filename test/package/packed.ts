/**
 * The package as users get it: the working tree is copied to a scratch directory, built there
 * (so the shared dist/ is neither read nor disturbed), packed with `npm pack`, and the tarball
 * unpacked as `node_modules/openai-audit-logs` of a bare project. Done once per test run: the
 * package project's global setup starts it as the run begins (so it overlaps the other projects'
 * tests), and every package test waits for it.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { readJson } from '../support/json.ts';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const PACKAGE_NAME = 'openai-audit-logs';

/** Not part of the build's inputs (and large, or others' scratch space). */
const NOT_COPIED = new Set(['node_modules', 'dist', '.git', '.scratch', 'coverage']);

export interface PackedPackage {
  /** The `.tgz` made by `npm pack`. */
  tarball: string;
  /** A project whose `node_modules/openai-audit-logs` is the unpacked tarball. */
  project: string;
  /** The unpacked package (`<project>/node_modules/openai-audit-logs`). */
  root: string;
  /** Its package.json. */
  manifest: PackageManifest;
}

export interface PackageManifest {
  name: string;
  exports: Record<string, ExportTarget>;
  bin?: string | Record<string, string>;
  [field: string]: unknown;
}
export type ExportTarget = string | null | ExportTarget[] | { [condition: string]: ExportTarget };

const run = promisify(execFile);

/** Runs a command, failing with its output when it fails. */
export async function exec(command: string, args: string[], cwd: string): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run(command, args, {
      cwd,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, npm_config_update_notifier: 'false' },
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout}\n${stderr}`, { cause: error });
  }
}

async function buildAndPack(work: string): Promise<PackedPackage> {
  const source = join(work, 'source');
  cpSync(REPO, source, {
    recursive: true,
    filter: (path) => {
      const top = relative(REPO, path).split(/[\\/]/)[0]!;
      return !NOT_COPIED.has(top) && !path.endsWith('.tgz');
    },
  });
  symlinkSync(join(REPO, 'node_modules'), join(source, 'node_modules'), 'dir');
  // `npm run build` without its first step, `npm run generate`: generated/ is committed, and the
  // generate project checks in the same run that it is what the generators write.
  await exec(process.execPath, ['--import', 'tsx', 'scripts/build/build.ts'], source);
  // The build just ran; lifecycle scripts (a future `prepack`) would only repeat it.
  const { stdout } = await exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], source);
  const tarball = join(work, (JSON.parse(stdout) as { filename: string }[])[0]!.filename);
  const project = join(work, 'unpacked');
  const root = join(project, 'node_modules', PACKAGE_NAME);
  mkdirSync(root, { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'unpacked-consumer', private: true }));
  await exec('tar', ['-xzf', tarball, '-C', root, '--strip-components=1'], work);
  const manifest = readJson<PackageManifest>(join(root, 'package.json'));
  return { tarball, project, root, manifest };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const readyFile = (work: string) => join(work, 'ready.json');
const failedFile = (work: string) => join(work, 'failed.txt');

/** Builds and packs into `work` in the background, leaving `ready.json` or `failed.txt` there. */
export function startPacking(work: string): void {
  buildAndPack(work).then(
    (packed) => writeFileSync(readyFile(work), JSON.stringify(packed)),
    (error: unknown) => writeFileSync(failedFile(work), String(error)),
  );
}

/** The packed package of this test run, once the global setup's packing is done. */
export async function packedPackage(): Promise<PackedPackage> {
  const work = inject('packageWorkDir');
  for (;;) {
    if (existsSync(readyFile(work))) return readJson<PackedPackage>(readyFile(work));
    if (existsSync(failedFile(work)))
      throw new Error(`building the package failed:\n${readFileSync(failedFile(work), 'utf8')}`);
    await sleep(200);
  }
}

/** A fresh directory in this run's scratch space, removed with it. */
export function scratchDir(name: string): string {
  const parent = join(inject('packageWorkDir'), 'scratch');
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(join(parent, `${name}-`));
}

/** Every file a target of `exports` can resolve to (all conditions), as package-relative paths without `./`. */
export function exportTargets(target: ExportTarget): string[] {
  if (target === null) return [];
  if (typeof target === 'string') return [target.replace(/^\.\//, '')];
  if (Array.isArray(target)) return target.flatMap(exportTargets);
  return Object.values(target).flatMap(exportTargets);
}

/** The `bin` targets, package-relative without `./`. */
export function binTargets(manifest: PackageManifest): string[] {
  const bin = manifest.bin;
  if (bin === undefined) return [];
  return (typeof bin === 'string' ? [bin] : Object.values(bin)).map((path) => path.replace(/^\.\//, ''));
}
