/**
 * Vitest global setup of the package project: one scratch directory per run, and the build and
 * pack of the package started in it at once, in the background (see `packed.ts`), so that it
 * overlaps the other projects' tests instead of holding up the first package test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startPacking } from './packed.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    packageWorkDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'openai-audit-logs-package-'));
  project.provide('packageWorkDir', dir);
  startPacking(dir);
  return () => {
    if (!process.env.KEEP_PACKAGE_WORK_DIR) rmSync(dir, { recursive: true, force: true });
  };
}
