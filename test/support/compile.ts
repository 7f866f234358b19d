/** Compiles TypeScript sources the way a strict consumer would, returning the diagnostics of those sources. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';

const ROOT = join(import.meta.dirname, '../..');

const OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  allowImportingTsExtensions: true,
  skipLibCheck: true,
  types: ['node'],
  typeRoots: [join(ROOT, 'node_modules/@types')],
  baseUrl: ROOT,
  paths: {
    'openai-audit-logs': ['src/index.ts'],
    'openai-audit-logs/*': ['src/*.ts'],
    // The README shows the official SDK and the Standard Schema consumers (Hono, tRPC); they
    // are devDependencies, resolved from the project.
    openai: ['node_modules/openai/index.d.ts'],
    hono: ['node_modules/hono/dist/types/index.d.ts'],
    '@hono/standard-validator': ['node_modules/@hono/standard-validator/dist/index.d.mts'],
    '@trpc/server': ['node_modules/@trpc/server/dist/index.d.mts'],
  },
};

/**
 * A compiler host that keeps the parsed (and, once checked, bound) declarations of lib files and
 * dependencies between calls: a file of checks runs several programs that differ only in their
 * own sources, and parsing lib.dom.d.ts and the SDK again for each costs seconds.
 */
const host = ts.createCompilerHost(OPTIONS);
const parsed = new Map<string, ts.SourceFile | undefined>();
const getSourceFile = host.getSourceFile.bind(host);
host.getSourceFile = (fileName, language, onError, shouldCreate) => {
  if (!fileName.endsWith('.d.ts') && !fileName.endsWith('.d.mts') && !fileName.endsWith('.d.cts'))
    return getSourceFile(fileName, language, onError, shouldCreate);
  if (!parsed.has(fileName)) parsed.set(fileName, getSourceFile(fileName, language, onError, shouldCreate));
  return parsed.get(fileName);
};

/**
 * Writes each source to a temporary file and type-checks them together (strict, NodeNext), with
 * `openai-audit-logs` (and its subpaths) resolved to the package's sources. Returns
 * `<file>: <message>` for every diagnostic in those files.
 */
export function typeErrors(sources: readonly string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'oal-compile-'));
  try {
    const files = sources.map((source, index) => {
      const file = join(dir, `source-${index}.ts`);
      writeFileSync(file, source);
      return file;
    });
    const program = ts.createProgram(files, OPTIONS, host);
    // Only these sources are checked: the package's own files are checked by `npm run typecheck`,
    // and checking them again for every call would cost seconds.
    return files
      .map((file) => program.getSourceFile(file)!)
      .flatMap((file) => [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)])
      .map((d) => `${d.file!.fileName.slice(dir.length + 1)}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
