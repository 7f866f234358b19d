/**
 * package.json's `typesVersions` covers every subpath of its `exports`, so that TypeScript's
 * `node10` resolution finds each one's declarations (the consumer test compiles them under
 * node10). A subpath added to `exports` alone fails here, naming what to add.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { typesVersionsOf, type ExportsTarget } from '../../../scripts/build/types-versions.ts';
import { runCases } from '../../support/cases.ts';

const manifest = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
  exports: Record<string, ExportsTarget>;
  typesVersions: unknown;
};

describe('typesVersions', () => {
  it('is what the exports map implies (paste the expected value into package.json)', () => {
    expect(manifest.typesVersions).toEqual(typesVersionsOf(manifest.exports));
  });

  it('maps every subpath but the root and package.json', () => {
    const subpaths = Object.keys(manifest.exports).filter((subpath) => subpath !== '.' && subpath !== './package.json');
    expect(Object.keys(typesVersionsOf(manifest.exports)['*']).map((key) => `./${key}`)).toEqual(subpaths);
  });
});

describe('typesVersionsOf', () => {
  const conditional = (name: string) => ({
    import: { types: `./dist/${name}.d.ts`, default: `./dist/${name}.js` },
    require: { types: `./dist/${name}.d.cts`, default: `./dist/${name}.cjs` },
  });
  runCases<Record<string, ExportsTarget>, unknown>(
    [
      ['the root is left to `types`', { given: { '.': conditional('index') }, want: { '*': {} } }],
      [
        'a subpath maps to the declarations require gets',
        { given: { './ocsf': conditional('ocsf') }, want: { '*': { ocsf: ['./dist/ocsf.d.cts'] } } },
      ],
      [
        'a file export maps to its file',
        { given: { './schema.json': './schema/a.json' }, want: { '*': { 'schema.json': ['./schema/a.json'] } } },
      ],
      [
        'types beside default, without import and require',
        {
          given: { './x': { types: './dist/x.d.ts', default: './dist/x.js' } },
          want: { '*': { x: ['./dist/x.d.ts'] } },
        },
      ],
      ['package.json is left out', { given: { './package.json': './package.json' }, want: { '*': {} } }],
    ],
    (exports) => typesVersionsOf(exports),
  );

  it('fails loudly, naming the subpath, when a target has no declarations', () => {
    expect(() => typesVersionsOf({ './y': { default: './dist/y.js' } })).toThrow('exports["./y"] has no declarations');
  });
});
