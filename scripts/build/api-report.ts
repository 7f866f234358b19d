/**
 * The public API of a built package: every name each typed entry point of package.json `exports`
 * exports, its kind and its declaration, comments left out. `npm run build` writes it to
 * api/<name>.api.md; a test compares the packed package with the committed report, so a change to
 * the public API shows up in review.
 */
import { readFileSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { Node, Project, ts, type ExportedDeclarations } from 'ts-morph';

type ExportTarget = string | null | ExportTarget[] | { [condition: string]: ExportTarget };
interface Manifest {
  name: string;
  exports?: Record<string, ExportTarget>;
  bin?: string | Record<string, string>;
}

/** A target as `conditions: file` lines: `import, types: ./dist/index.d.ts`. */
function targetLines(target: ExportTarget, conditions: string[] = []): string[] {
  if (target === null || typeof target === 'string')
    return [`${conditions.length > 0 ? `${conditions.join(', ')}: ` : ''}\`${target}\``];
  if (Array.isArray(target)) return target.flatMap((item) => targetLines(item, conditions));
  return Object.entries(target).flatMap(([condition, inner]) => targetLines(inner, [...conditions, condition]));
}

/** `[conditions, file]` for every declaration file a target resolves to (a `types` condition, or a `.d.ts`/`.d.cts` file). */
function declarationTargets(target: ExportTarget, conditions: string[] = []): [string[], string][] {
  if (target === null) return [];
  if (typeof target === 'string') return /\.d\.[cm]?ts$/.test(target) ? [[conditions, target]] : [];
  if (Array.isArray(target)) return target.flatMap((item) => declarationTargets(item, conditions));
  return Object.entries(target).flatMap(([condition, inner]) =>
    declarationTargets(
      inner,
      condition === 'types' || condition === 'default' ? conditions : [...conditions, condition],
    ),
  );
}

const KINDS: Partial<Record<ts.SyntaxKind, string>> = {
  [ts.SyntaxKind.FunctionDeclaration]: 'function',
  [ts.SyntaxKind.ClassDeclaration]: 'class',
  [ts.SyntaxKind.InterfaceDeclaration]: 'interface',
  [ts.SyntaxKind.TypeAliasDeclaration]: 'type',
  [ts.SyntaxKind.EnumDeclaration]: 'enum',
  [ts.SyntaxKind.ModuleDeclaration]: 'namespace',
  [ts.SyntaxKind.VariableDeclaration]: 'variable',
};

const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

/** The declaration as printed by TypeScript, without comments or `export`/`declare`. */
function render(declaration: ExportedDeclarations): string {
  // A variable is printed with its statement, which says `const` or `let`.
  const node = Node.isVariableDeclaration(declaration) ? declaration.getVariableStatementOrThrow() : declaration;
  const text = printer.printNode(ts.EmitHint.Unspecified, node.compilerNode, node.getSourceFile().compilerNode);
  return text.replace(/^export /, '').replace(/^declare /, '');
}

function kindOf(declaration: ExportedDeclarations): string {
  if (Node.isVariableDeclaration(declaration)) return declaration.getVariableStatementOrThrow().getDeclarationKind();
  return KINDS[declaration.getKind()] ?? declaration.getKindName();
}

/** The exported API of one declaration file: a section per name, sorted. */
function describeModule(project: Project, file: string): string {
  const source = project.getSourceFileOrThrow(file);
  const exported = [...source.getExportedDeclarations()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return exported
    .map(([name, declarations]) => {
      const kinds = [...new Set(declarations.map(kindOf))].join(' + ');
      return `### \`${name}\` (${kinds})\n\n\`\`\`ts\n${declarations.map(render).join('\n')}\n\`\`\`\n`;
    })
    .join('\n');
}

/**
 * One program for every declaration file the exports name: the generated types they share are
 * parsed and bound once, not once per entry point and condition.
 */
function declarationsProject(files: string[]): Project {
  const project = new Project({
    skipAddingFilesFromTsConfig: true,
    compilerOptions: {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      noEmit: true,
    },
  });
  for (const file of files) project.addSourceFileAtPath(file);
  project.resolveSourceFileDependencies();
  return project;
}

/** The report, as markdown, for the package in `packageRoot` (its built declarations must exist). */
export function apiReport(packageRoot: string): string {
  const manifest = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as Manifest;
  const subpaths = Object.entries(manifest.exports ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const out: string[] = [
    `# API report: ${manifest.name}`,
    '',
    'Written by `npm run build` from the built declarations; do not edit. A test compares it with the packed package, so every change to the public API shows up here in review.',
    '',
    '## Entry points',
    '',
    '| Import | Resolves to |',
    '| --- | --- |',
    ...subpaths.map(
      ([subpath, target]) => `| \`${posix.join(manifest.name, subpath)}\` | ${targetLines(target).join('<br>')} |`,
    ),
  ];
  const bins = typeof manifest.bin === 'string' ? { [manifest.name]: manifest.bin } : (manifest.bin ?? {});
  for (const [command, file] of Object.entries(bins).sort()) out.push(`| command \`${command}\` | \`${file}\` |`);
  const project = declarationsProject(
    subpaths.flatMap(([, target]) => declarationTargets(target).map(([, file]) => resolve(packageRoot, file))),
  );
  for (const [subpath, target] of subpaths) {
    const targets = declarationTargets(target);
    if (targets.length === 0) continue;
    // The declarations of each condition are described; identical ones share one description.
    const described = new Map<string, string[]>();
    for (const [conditions, file] of targets) {
      const text = describeModule(project, resolve(packageRoot, file));
      described.set(text, [
        ...(described.get(text) ?? []),
        `\`${file}\`${conditions.length > 0 ? ` (${conditions.join(', ')})` : ''}`,
      ]);
    }
    for (const [text, files] of described) {
      out.push(
        '',
        `## \`${posix.join(manifest.name, subpath)}\``,
        '',
        `Declarations: ${files.join(', ')}.`,
        '',
        text.trimEnd(),
      );
    }
  }
  return `${out.join('\n')}\n`;
}

/** Where the report of the package `name` is kept, relative to the package root. */
export const apiReportPath = (name: string) => `api/${name}.api.md`;
