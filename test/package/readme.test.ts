/**
 * README.md as users read it, on GitHub and on the npm page: every `ts` example compiles (strict,
 * ES2022: nothing newer than Node 18 offers) against the package's own sources, the numbers it
 * states match the catalog, and every link resolves: anchors to headings, absolute links to files
 * the packed package holds.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../harness/schema.ts';
import { COUNTED_DOCUMENTS } from '../../scripts/generate/generate-readme-counts.ts';
import { runCases } from '../support/cases.ts';
import { typeErrors } from '../support/compile.ts';
import { packedPackage, PACKAGE_NAME, type PackedPackage } from './packed.ts';

const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
const examples = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);

describe('README examples', () => {
  it('has examples', () => expect(examples.length).toBeGreaterThan(0));
  it('compile without errors', () => {
    // Each block is a module of its own; `export {}` keeps top-level names apart.
    expect(typeErrors(examples.map((example) => `${example}\nexport {};\n`))).toEqual([]);
  });
  runCases(
    [
      [
        'a broken example',
        { given: 'import { isAuditLog } from "openai-audit-logs";\nconst n: number = isAuditLog;', want: 1 },
      ],
      // Node 21 added Object.groupBy; the README's examples run on Node 18.
      [
        'an API newer than Node 18',
        { given: 'const groups = Object.groupBy([1, 2], (n: number) => n % 2);\nvoid groups;', want: 1 },
      ],
    ],
    (source) => typeErrors([`${source}\nexport {};\n`]).length,
  );
});

describe('README and CONTRIBUTING numbers', () => {
  it('state the size of the catalog wherever they count event types', () => {
    // The performance section quotes a dated benchmark run as recorded (test/harness/readme-table.test.ts
    // holds it to the newest one); its counts are that run's.
    const counts = COUNTED_DOCUMENTS.flatMap((document) => {
      const text = readFileSync(join(import.meta.dirname, '../..', document), 'utf8');
      const current = text.replace(/<!-- prettier-ignore-start -->[\s\S]*?<!-- prettier-ignore-end -->/g, '');
      return [...current.matchAll(/\b(\d[\d,]*) (?:known )?event types\b/g)].map((match) => ({
        document,
        count: Number(match[1]!.replace(/,/g, '')),
      }));
    });
    expect(counts.length).toBeGreaterThan(0);
    expect(counts.filter(({ count }) => count !== catalog.length)).toEqual([]);
  });
});

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');

describe('README links', () => {
  let packed: PackedPackage;
  beforeAll(async () => {
    packed = await packedPackage();
  });
  const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!);
  const anchors = new Set([...readme.matchAll(/^#{1,6} (.+)$/gm)].map((match) => anchorOf(match[1]!)));
  const published = `https://unpkg.com/${PACKAGE_NAME}/`;

  it('are anchors or absolute links only (a relative link breaks on the npm page)', () => {
    expect(links.filter((link) => !link.startsWith('#') && !/^https:\/\//.test(link))).toEqual([]);
  });
  it('anchors name headings', () => {
    expect(links.filter((link) => link.startsWith('#') && !anchors.has(link.slice(1)))).toEqual([]);
  });
  it('links into the published package name files it holds', () => {
    const missing = links
      .filter((link) => link.startsWith(published))
      .map((link) => link.slice(published.length))
      .filter((file) => {
        try {
          readFileSync(join(packed.root, file));
          return false;
        } catch {
          return true;
        }
      });
    expect(missing).toEqual([]);
  });
});
