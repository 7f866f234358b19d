/**
 * Keeps the count of the catalog current in README.md and CONTRIBUTING.md: every "<N> event
 * types" and "<N> known event types" (the text the command line prints) is rewritten to the
 * catalog's size, so that the catch-up steps need no hand edit of it. The rest of each document is
 * hand-written and left as it is; so is the performance section, which quotes a dated benchmark
 * run as recorded.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { GeneratedFile } from './generated-file.ts';
import type { SchemaModel } from './model/index.ts';

/** The hand-written documents that state the catalog's size. */
export const COUNTED_DOCUMENTS = ['README.md', 'CONTRIBUTING.md'];
/** The recorded benchmark run, between the markers that keep Prettier off it. */
const RECORDED_RUN = /<!-- prettier-ignore-start -->[\s\S]*?<!-- prettier-ignore-end -->/g;
const COUNT = /\b\d[\d,]*( known)? event types\b/g;

/** Each document with its catalog counts made current; nothing for one that is missing (a scratch copy). */
export function generateReadmeCounts(model: SchemaModel, documents = COUNTED_DOCUMENTS): GeneratedFile[] {
  return documents.flatMap((document) => countsOf(model, document));
}

function countsOf(model: SchemaModel, readme: string): GeneratedFile[] {
  if (!existsSync(readme)) return [];
  const text = readFileSync(readme, 'utf8');
  const size = model.events.length;
  const recorded = [...text.matchAll(RECORDED_RUN)];
  let contents = '';
  let from = 0;
  for (const block of [...recorded, undefined]) {
    const end = block?.index ?? text.length;
    contents += text
      .slice(from, end)
      .replace(COUNT, (_count, known: string | undefined) => `${size}${known ?? ''} event types`);
    if (block) contents += block[0];
    from = end + (block?.[0].length ?? 0);
  }
  return [{ path: readme, contents, handWritten: true }];
}
