/**
 * Keeps README.md's count of the catalog current: every "<N> event types" and "<N> known event
 * types" (the text the command line prints) is rewritten to the catalog's size, so that the
 * README's catch-up steps need no hand edit of it. The rest of README.md is hand-written and left
 * as it is; so is its performance section, which quotes a dated benchmark run as recorded.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { GeneratedFile } from './generated-file.ts';
import type { SchemaModel } from './model/index.ts';

const README = 'README.md';
/** The recorded benchmark run, between the markers that keep Prettier off it. */
const RECORDED_RUN = /<!-- prettier-ignore-start -->[\s\S]*?<!-- prettier-ignore-end -->/g;
const COUNT = /\b\d[\d,]*( known)? event types\b/g;

/** README.md with its catalog counts made current; nothing when there is no README.md (a scratch copy). */
export function generateReadmeCounts(model: SchemaModel, readme = README): GeneratedFile[] {
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
