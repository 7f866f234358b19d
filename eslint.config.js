// @ts-check
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** Everything hand-written that is linted with types; AJV's standalone output is JavaScript under `@ts-nocheck`. */
const COMPILED_VALIDATORS = 'generated/validators/**';

/**
 * Who may import whom (ARCHITECTURE.md draws it). Each zone forbids `target` files to import from
 * `from`, except the listed files. test/scripts/layers.test.ts lints deliberate back-edges
 * with these rules, so that they are known to fail.
 *
 * @type {import('eslint').Linter.Config}
 */
export const layers = {
  plugins: { 'import-x': importX },
  settings: {
    'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    'import-x/extensions': ['.ts', '.js'],
  },
  rules: {
    'import-x/no-cycle': 'error',
    'import-x/no-restricted-paths': [
      'error',
      {
        zones: [
          {
            target: './generated',
            from: './src',
            except: ['./internal.ts'],
            message: 'generated code may import only the leaf src/internal.ts',
          },
          { target: './generated', from: ['./scripts', './test', './bench', './harness'] },
          {
            target: ['./src/internal.ts', './src/internal'],
            from: ['./src', './generated'],
            except: ['./internal.ts', './internal'],
            message: 'src/internal.ts is the leaf: it imports nothing of ours but its topics in src/internal/',
          },
          {
            target: './src',
            from: ['./scripts', './test', './bench', './harness'],
            message: 'the runtime never reaches into tools or tests',
          },
          {
            target: './src',
            from: './schema',
            message: 'the runtime reads no schema file: npm run generate writes what it needs into generated/',
          },
          {
            target: './scripts',
            from: './src',
            except: ['./internal.ts'],
            message: 'the tools share only the leaf src/internal.ts with the runtime',
          },
          { target: './scripts', from: ['./generated', './test', './bench', './harness'] },
          { target: './scripts/shared', from: ['./scripts/generate', './scripts/sync', './scripts/build'] },
          { target: './scripts/generate', from: ['./scripts/sync', './scripts/build'] },
          { target: './scripts/build', from: ['./scripts/generate', './scripts/sync'] },
          { target: './scripts/ocsf', from: ['./scripts/generate', './scripts/sync', './scripts/build'] },
          {
            target: './harness',
            from: ['./test', './bench'],
            message: 'the harness is shared by tests and benchmarks',
          },
          { target: './test', from: './bench', message: 'tests and benchmarks share helpers through harness/' },
          { target: './bench', from: './test', message: 'tests and benchmarks share helpers through harness/' },
        ],
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.scratch/', 'test/fixtures/'] },
  {
    files: ['**/*.{ts,js}'],
    ignores: [COMPILED_VALIDATORS],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['**/*.js'], ignores: [COMPILED_VALIDATORS], extends: [tseslint.configs.disableTypeChecked] },
  // AJV's output is parsed (for the layers) but not linted for style.
  { files: [COMPILED_VALIDATORS], languageOptions: { parser: tseslint.parser } },
  // The layers hold for every module, the compiled validators included.
  { files: ['**/*.ts'], ...layers },
);
