/** Temporary directories for a test file, removed after its tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * Call at the top level of a test file: returns a maker of temporary directories that are
 * removed after that file's tests (also when files share modules, `isolate: false`).
 */
export function temporaryDirectories(): (prefix: string) => string {
  const created: string[] = [];
  afterAll(() => {
    for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return (prefix) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    created.push(dir);
    return dir;
  };
}
