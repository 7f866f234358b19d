/**
 * The `typesVersions` of package.json, as the `exports` map implies it. TypeScript's
 * `moduleResolution: node10` (the default for `module: commonjs`) ignores `exports`, so without
 * `typesVersions` every subpath (`openai-audit-logs/catalog`, ...) is TS2307 there. Each subpath
 * is mapped to the declarations `require` gets (node10 resolves as CommonJS does), and a plain
 * file export (`./schema.json`) to its file; `.` needs none (`types`), nor `./package.json`.
 * test/scripts/build/types-versions.test.ts holds package.json to it, so a new subpath in
 * `exports` fails the tests until `typesVersions` covers it.
 */

/** A target of `exports`: a path, or conditions leading to paths. */
export type ExportsTarget = string | null | ExportsTarget[] | { [condition: string]: ExportsTarget };

/** The declarations of one conditional target: `require.types`, else `types`. */
function declarationsOf(target: ExportsTarget): string | undefined {
  if (typeof target === 'string') return target;
  if (target === null || Array.isArray(target)) return undefined;
  const require = target.require;
  if (require !== undefined && typeof require === 'object' && require !== null && !Array.isArray(require))
    return typeof require.types === 'string' ? require.types : undefined;
  return typeof target.types === 'string' ? target.types : undefined;
}

/** `{ "*": { "<subpath>": ["<file>"] } }` for every subpath of `exports` but `.` and `./package.json`. */
export function typesVersionsOf(exports: Record<string, ExportsTarget>): { '*': Record<string, string[]> } {
  const mapped: Record<string, string[]> = {};
  for (const [subpath, target] of Object.entries(exports)) {
    if (subpath === '.' || subpath === './package.json') continue;
    const file = declarationsOf(target);
    if (file === undefined)
      throw new Error(`exports["${subpath}"] has no declarations (require.types or types) to map`);
    mapped[subpath.replace(/^\.\//, '')] = [file];
  }
  return { '*': mapped };
}
