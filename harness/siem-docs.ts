/**
 * `npm run siem-docs`: writes docs/siem.md, the mapping table and one worked example per OCSF
 * class (the printer is scripts/generate/generate-siem-docs.ts; the examples come from running
 * `toOcsf` over a sample log, which is why this lives beside the tests rather than in
 * `npm run generate`). `-- --check` writes nothing and exits 1 when the file is stale;
 * test/generated/siem-docs.test.ts checks the same.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateSiemDocs, type SiemExample } from '../scripts/generate/generate-siem-docs.ts';
import { loadSchema } from '../scripts/generate/model/index.ts';
import { isMain } from '../scripts/shared/is-main.ts';
import type { AnyAuditLog } from '../src/index.ts';
import { toOcsf } from '../src/ocsf.ts';
import { catalog, validPayload } from './payloads.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const read = (path: string) =>
  JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as Record<string, unknown>;

/** The session of a genuine payload, so that the examples show a real actor. */
const SESSION_ACTOR = read('../test/fixtures/payloads/genuine-session.json').actor;

/** What docs/siem.md should hold. */
export function siemDocs(): { path: string; contents: string } {
  const model = loadSchema(undefined, ROOT);
  const examples: SiemExample[] = [];
  const seen = new Set<number>();
  for (const event of model.events) {
    if (seen.has(event.meaning.ocsf.classUid)) continue;
    seen.add(event.meaning.ocsf.classUid);
    const sample = catalog.find((entry) => entry.type === event.type)!;
    const log = { ...validPayload(sample), actor: SESSION_ACTOR };
    const mapped = toOcsf(log as unknown as AnyAuditLog, { organization: { id: 'org-example', name: 'Example Inc.' } });
    examples.push({ type: event.type, log, event: mapped });
  }
  return generateSiemDocs(model, read('../schema/ocsf-1.8.0.schema.json'), examples);
}

if (isMain(import.meta.url)) {
  const { path, contents } = siemDocs();
  const file = `${ROOT}${path}`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (process.argv.includes('--check')) {
    if (current !== contents) console.error(`${path} is stale; run \`npm run siem-docs\``);
    else console.log(`${path} is fresh`);
    process.exitCode = current === contents ? 0 : 1;
  } else {
    if (current !== contents) writeFileSync(file, contents);
    console.log(`${path} ${current === contents ? 'unchanged' : 'written'}`);
  }
}
