/**
 * docs/siem.md is fresh (what `npm run siem-docs` would write), lists every catalog type, and has
 * one worked example per OCSF class the meanings use, each a conformant OCSF event.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ocsfProblems } from '../../harness/ocsf.ts';
import { catalog } from '../../harness/schema.ts';
import { siemDocs } from '../../harness/siem-docs.ts';
import { meaningOf } from '../../src/meaning.ts';

const expected = siemDocs();
const onDisk = readFileSync(new URL('../../docs/siem.md', import.meta.url), 'utf8');

describe('docs/siem.md', () => {
  it('is what npm run siem-docs writes', () => {
    expect(onDisk === expected.contents, 'docs/siem.md is stale: run `npm run siem-docs`').toBe(true);
  });
  it.each(catalog.map(({ type }) => type))('lists %s', (type) => {
    expect(onDisk).toContain(`| \`${type}\` |`);
  });
  it('has one worked example per OCSF class used, each conformant', () => {
    const classes = new Set(catalog.map(({ type }) => meaningOf(type).ocsf.classUid));
    const blocks = [...onDisk.matchAll(/```json\n([\s\S]*?)\n```/g)].map((match) => JSON.parse(match[1]!) as Record<string, unknown>);
    const events = blocks.filter((block) => 'class_uid' in block);
    expect(new Set(events.map((event) => event.class_uid))).toEqual(classes);
    for (const event of events) expect(ocsfProblems(event)).toEqual([]);
  });
});
