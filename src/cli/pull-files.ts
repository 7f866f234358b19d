/**
 * The files of `pull`, made durable together: each page's records are appended and synced to the
 * output, then the state is replaced atomically (written beside, synced, renamed, the directory
 * synced). The state records each file's length at that point, so a run that a crash cut between
 * the two leaves records the state does not count, and the next run cuts them off before it
 * fetches them again: nothing is written twice.
 */
import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isPullState, type PullState } from '../pull/state.js';
import { UsageError } from './args.js';

/** A file's path and how long it was when the state was written. */
export interface FileMark {
  path: string;
  bytes: number;
}

/** The state file: the collector's state, with the marks of the files it was written with. */
export interface StateFile extends PullState {
  output: FileMark | null;
  quarantine: FileMark | null;
  /** When it was written (ISO 8601), for people. */
  updated: string;
}

const MODE = 0o600;

/** A file that records are appended to, synced on demand. */
export class AppendFile {
  private constructor(
    readonly path: string,
    private readonly fd: number,
    public bytes: number,
  ) {}

  /**
   * Opens `path` for appending (created with mode 0600). With `mark` (the state's), a longer file
   * is cut back to the marked length: what lies past it was written by a run that stopped before
   * its state. Without `fresh === false`, an existing file is emptied.
   */
  static open(path: string, { mark, fresh }: { mark: FileMark | null | undefined; fresh: boolean }): AppendFile {
    const absolute = resolve(path);
    let fd: number;
    try {
      fd = openSync(absolute, fresh ? 'w' : 'a', MODE);
    } catch (error) {
      throw new UsageError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    let bytes = fstatSync(fd).size;
    const marked = mark?.path === absolute ? mark.bytes : undefined;
    if (marked !== undefined && bytes > marked) {
      ftruncateSync(fd, marked);
      fsyncSync(fd);
      bytes = marked;
    }
    return new AppendFile(absolute, fd, bytes);
  }

  /** The length the state says it should have, when it is shorter than that: someone else changed it. */
  static shorterThanMark(file: AppendFile, mark: FileMark | null | undefined): boolean {
    return mark?.path === file.path && file.bytes < mark.bytes;
  }

  append(text: string): void {
    if (text === '') return;
    const buffer = Buffer.from(text);
    for (let at = 0; at < buffer.length;) at += writeSync(this.fd, buffer, at);
    this.bytes += buffer.length;
  }

  sync(): void {
    fsyncSync(this.fd);
  }

  mark(): FileMark {
    return { path: this.path, bytes: this.bytes };
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** The state file, or `undefined` when there is none yet. A file that is not one is a usage error. */
export function readStateFile(path: string): StateFile | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError(`cannot read the state ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`the state ${path} is not JSON: remove it to start again`);
  }
  if (!isPullState(value))
    throw new UsageError(`${path} is not a state file of this version: remove it to start again`);
  return value as StateFile;
}

/** Replaces the state file atomically and durably. */
export function writeStateFile(path: string, state: StateFile): void {
  const temporary = `${path}.tmp-${process.pid}`;
  const fd = openSync(temporary, 'w', MODE);
  try {
    const buffer = Buffer.from(JSON.stringify(state) + '\n');
    for (let at = 0; at < buffer.length;) at += writeSync(fd, buffer, at);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
  syncDirectory(dirname(resolve(path)));
}

/** Makes a rename durable: the directory entry is synced (where the platform allows it). */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms cannot sync a directory; the rename is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
