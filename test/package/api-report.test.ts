/**
 * The public API of the packed package must equal the committed api/openai-audit-logs.api.md, so
 * that an accidental breaking change shows up in review. After an intended change, `npm run build`
 * rewrites the report.
 */
import { appendFileSync, cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe } from 'vitest';
import { apiReport } from '../../scripts/build/api-report.ts';
import { runCases } from '../support/cases.ts';
import { packedPackage, PACKAGE_NAME, REPO, scratchDir, type PackedPackage } from './packed.ts';

const committed = readFileSync(join(REPO, 'api', `${PACKAGE_NAME}.api.md`), 'utf8');

let packed: PackedPackage;
beforeAll(async () => {
  packed = await packedPackage();
});

/** A copy of the packed package whose root ES module declarations gained `extra`. */
function withExtraExport(): string {
  const root = join(scratchDir('api-changed'), 'package');
  cpSync(packed.root, root, { recursive: true });
  appendFileSync(join(root, 'dist/index.d.ts'), '\nexport declare function extra(): void;\n');
  return root;
}

describe('API report', () => {
  runCases(
    [
      [
        'the packed package matches the committed report (after an intended change, `npm run build` rewrites it)',
        { given: null, want: committed },
      ],
    ],
    () => apiReport(packed.root),
  );

  // The control: a changed API changes the report, so the comparison above can fail.
  runCases(
    [
      [
        'control: an export added to the ES module declarations only',
        { given: null, want: { matchesCommitted: false, listsExtra: true, describesRequireApart: true } },
      ],
    ],
    () => {
      const report = apiReport(withExtraExport());
      return {
        matchesCommitted: report === committed,
        listsExtra: report.includes('### `extra` (function)'),
        describesRequireApart: report.includes('Declarations: `./dist/index.d.cts` (require).'),
      };
    },
  );
});
