/**
 * Vitest global setup: reserves one scratch directory per run for the packed package. Nothing is
 * built here, so runs that do not touch the package tests pay nothing; the first package test to
 * need the tarball builds it there (see `packed.ts`) and the others reuse it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    packageWorkDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'openai-audit-logs-package-'));
  project.provide('packageWorkDir', dir);
  return () => {
    if (!process.env.KEEP_PACKAGE_WORK_DIR) rmSync(dir, { recursive: true, force: true });
  };
}
