/**
 * `npm run generate` keeps README.md's count of the catalog current, outside the recorded
 * benchmark run, and leaves every other word as it is.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe } from 'vitest';
import { generateReadmeCounts } from '../../../scripts/generate/generate-readme-counts.ts';
import { loadSchema } from '../../../scripts/generate/model/index.ts';
import { runCases, type Case } from '../../support/cases.ts';
import { temporaryDirectories } from '../../support/temporary.ts';

const temporaryDirectory = temporaryDirectories();
const model = loadSchema('test/fixtures/schema/mini.schema.json');
const size = model.events.length;
const RUN = '<!-- prettier-ignore-start -->\ncovering all 149 event types\n<!-- prettier-ignore-end -->';

describe('generateReadmeCounts', () => {
  const cases: Case<string, string>[] = [
    ['a count', { given: 'A union of the 149 event types.\n', want: `A union of the ${size} event types.\n` }],
    [
      'the command line’s words, in a code block',
      {
        given: '```text\nmust be one of the 1,490 known event types\n```\n',
        want: `\`\`\`text\nmust be one of the ${size} known event types\n\`\`\`\n`,
      },
    ],
    [
      'the recorded benchmark run is left as recorded',
      { given: `149 event types\n${RUN}\n`, want: `${size} event types\n${RUN}\n` },
    ],
    [
      'words without a number',
      { given: 'six event types, and 149 events\n', want: 'six event types, and 149 events\n' },
    ],
  ];
  runCases(cases, (text) => {
    const file = join(temporaryDirectory('oal-readme-'), 'README.md');
    writeFileSync(file, text);
    return generateReadmeCounts(model, [file])[0]!.contents;
  });
});
