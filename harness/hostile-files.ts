/**
 * Hostile files for the command line, derived from the catalog (no event type or field named by
 * hand), each with what `openai-audit-logs validate` must count: JSON Lines with a truncated
 * record followed by valid ones (cut after a `:`, inside an array field, a line of `[`s), a
 * deeply nested field, huge `type`s of U+0080, bidi and invisible characters, duplicate keys,
 * UTF-16, a compact array over the 16 MiB line limit, a large pretty-printed page, many distinct
 * unknown types, millions of wrong items on one line, a document of empty objects. Each has a
 * valid twin of about the same size (`validTwin`), which the bench measures beside it
 * (`npm run bench -- --hostile`); test/fuzz/hostile-cli.test.ts runs them at test sizes.
 */
import { ARRAY_FIELDS, INVISIBLE, manyOf, wrongItemFor } from './hostile.ts';
import { catalog, validPayload } from './payloads.ts';

/** What the command line must report for a file. */
export interface FileWant {
  records: number;
  valid: number;
  invalid: number;
  unparseable: number;
  failedInputs: number;
  /** The exit code: 0 all valid, 1 a record invalid or unparseable, 2 an input that cannot be read. */
  code: number;
}

export interface HostileFile {
  name: string;
  /** What the file is, for a report. */
  about: string;
  content: () => Buffer;
  want: FileWant;
  /** The ids of the valid records, in order: what `--emit valid` writes. */
  validIds: string[];
  /** What the text report must say about it, if anything in particular. */
  says?: string;
}

/** Sizes of the files: small for the tests, the for the bench. */
export interface FileSizes {
  /** Characters of each huge `type`. */
  hugeType: number;
  /** Logs in the pretty-printed page, and distinct unknown types. */
  logs: number;
  /** Wrong items on one line. */
  wrongItems: number;
  /** Empty objects in one document. */
  emptyObjects: number;
  /** Bytes of the compact array line (over the 16 MiB line limit at every size). */
  compactBytes: number;
}
export const TEST_FILES: FileSizes = {
  hugeType: 200_000,
  logs: 2_000,
  wrongItems: 100_000,
  emptyObjects: 100_000,
  compactBytes: 17 * 2 ** 20,
};
export const BENCH_FILES: FileSizes = {
  hugeType: 2_000_000,
  logs: 20_000,
  wrongItems: 3_000_000,
  emptyObjects: 2_000_000,
  compactBytes: 20 * 2 ** 20,
};

/** A valid log of the catalog (round-robin by `n`) with the id `log-<n>`. */
export const validLog = (n: number): Record<string, unknown> => ({
  ...validPayload(catalog[n % catalog.length]!),
  id: `log-${n}`,
});
export const validLine = (n: number): string => JSON.stringify(validLog(n));

const lines = (...all: string[]) => Buffer.from(`${all.join('\n')}\n`);
const ids = (...numbers: number[]) => numbers.map((n) => `log-${n}`);
const counts = (want: Partial<FileWant>): FileWant => {
  const { valid = 0, invalid = 0, unparseable = 0, failedInputs = 0 } = want;
  return {
    records: valid + invalid + unparseable,
    valid,
    invalid,
    unparseable,
    failedInputs,
    code: want.code ?? (failedInputs > 0 ? 2 : invalid + unparseable > 0 ? 1 : 0),
  };
};

/** A valid line of `event`'s log cut right after the `[` that opens its array field at `location`. */
function cutInsideArray(): string {
  const [location] = ARRAY_FIELDS.filter(({ path, event }) => path[0] === event.type);
  const line = JSON.stringify({ ...validPayload(location!.event), id: 'cut' });
  const key = `${JSON.stringify(location!.path.at(-1))}:[`;
  return line.slice(0, line.indexOf(key) + key.length);
}

/** Every hostile file at `sizes`. */
export function hostileFiles(sizes: FileSizes): HostileFile[] {
  const [first] = catalog;
  const [array] = ARRAY_FIELDS.filter(({ path, event }) => path[0] === event.type);
  const cutAfterColon = `{"id":"cut","type":${JSON.stringify(first!.type)},"effective_at":`;
  const truncated = (name: string, about: string, cut: string): HostileFile => ({
    name,
    about,
    content: () => lines(validLine(1), cut, validLine(3), validLine(4)),
    want: counts({ valid: 3, unparseable: 1 }),
    validIds: ids(1, 3, 4),
  });
  // Enough logs for the line to pass `compactBytes`.
  let compactLogs = 0;
  for (let bytes = 2; bytes <= sizes.compactBytes; compactLogs++) bytes += validLine(compactLogs).length + 1;
  return [
    truncated('truncated-after-colon.jsonl', 'a record cut after a `:`, then valid ones', cutAfterColon),
    truncated('truncated-in-array.jsonl', 'a record cut inside an array field, then valid ones', cutInsideArray()),
    truncated('line-of-brackets.jsonl', 'a line of `[`s, then valid ones', '['.repeat(10_000)),
    {
      name: 'deep-field.jsonl',
      about: 'a valid record with a field nested 5,000 levels deep',
      content: () =>
        lines(
          validLine(1),
          `${validLine(2).slice(0, -1)},"deep":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`,
          validLine(3),
        ),
      want: counts({ valid: 3 }),
      validIds: ids(1, 2, 3),
    },
    {
      name: 'huge-types.jsonl',
      about: `six types of ${sizes.hugeType.toLocaleString('en-US')} U+0080 characters`,
      content: () =>
        lines(
          ...Array.from({ length: 6 }, (_, i) =>
            JSON.stringify({ ...validLog(i), type: '\u0080'.repeat(sizes.hugeType) }),
          ),
          validLine(6),
        ),
      want: counts({ invalid: 6, valid: 1 }),
      validIds: ids(6),
    },
    {
      name: 'invisible.jsonl',
      about: 'bidi controls and invisible characters in an id (valid) and a type (invalid)',
      content: () =>
        lines(
          JSON.stringify({ ...validLog(1), id: `log-1${INVISIBLE}` }),
          JSON.stringify({ ...validLog(2), type: `${first!.type}${INVISIBLE}` }),
          validLine(3),
        ),
      want: counts({ valid: 2, invalid: 1 }),
      validIds: [`log-1${INVISIBLE}`, 'log-3'],
    },
    {
      name: 'duplicate-keys.jsonl',
      about: 'a record whose `type` appears twice, the last value a valid type',
      content: () => {
        const log = validLog(1);
        const { type, ...rest } = log;
        const body = JSON.stringify(rest).slice(1, -1);
        return lines(`{"type":"not.a.type",${body},"type":${JSON.stringify(type)}}`, validLine(2));
      },
      want: counts({ invalid: 1, valid: 1 }),
      validIds: ids(2),
    },
    {
      name: 'utf16.jsonl',
      about: 'valid JSON Lines in UTF-16 little-endian, with a byte-order mark',
      content: () =>
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${validLine(1)}\n${validLine(2)}\n`, 'utf16le')]),
      want: counts({ failedInputs: 1 }),
      validIds: [],
      says: 'UTF-16',
    },
    {
      name: 'compact-array.jsonl',
      about: `a compact array of ${compactLogs.toLocaleString('en-US')} logs on one line (over 16 MiB)`,
      content: () => lines(JSON.stringify(Array.from({ length: compactLogs }, (_, n) => validLog(n)))),
      // Over the line limit: one unparseable record, with the fix.
      want: counts({ unparseable: 1 }),
      validIds: [],
      says: "jq -c '.[]'",
    },
    {
      name: 'pretty-page.json',
      about: `a pretty-printed page of ${sizes.logs.toLocaleString('en-US')} logs`,
      content: () => {
        const data = Array.from({ length: sizes.logs }, (_, n) => validLog(n));
        return Buffer.from(
          JSON.stringify({ object: 'list', data, first_id: 'a', last_id: 'b', has_more: false }, null, 2),
        );
      },
      want: counts({ valid: sizes.logs }),
      validIds: Array.from({ length: sizes.logs }, (_, n) => `log-${n}`),
    },
    {
      name: 'unknown-types.jsonl',
      about: `${sizes.logs.toLocaleString('en-US')} distinct unknown types`,
      content: () =>
        lines(
          ...Array.from({ length: sizes.logs }, (_, n) =>
            JSON.stringify({ ...validLog(n), type: `${first!.type}.v${n}` }),
          ),
        ),
      want: counts({ invalid: sizes.logs }),
      validIds: [],
    },
    {
      name: 'wrong-items.jsonl',
      about: `${sizes.wrongItems.toLocaleString('en-US')} wrong items in ${array!.path.join('.')}`,
      content: () => {
        const log = validPayload(array!.event) as Record<string, Record<string, unknown>>;
        let parent: Record<string | number, unknown> = log;
        for (const step of array!.path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
        parent[array!.path.at(-1)!] = manyOf(sizes.wrongItems, wrongItemFor(array!));
        return lines(JSON.stringify({ ...log, id: 'wrong' }), validLine(1));
      },
      want: counts({ invalid: 1, valid: 1 }),
      validIds: ids(1),
    },
    {
      name: 'empty-objects.json',
      about: `a document of ${sizes.emptyObjects.toLocaleString('en-US')} empty objects`,
      content: () => Buffer.from(`[${new Array<string>(sizes.emptyObjects).fill('{}').join(',')}]\n`),
      want: counts({ invalid: sizes.emptyObjects }),
      validIds: [],
    },
  ];
}

/** Valid JSON Lines of about `bytes` bytes (at least one record): the twin a hostile file is measured beside. */
export function validTwin(bytes: number): Buffer {
  const out: string[] = [];
  let size = 0;
  for (let n = 0; size < bytes || out.length === 0; n++) {
    const line = validLine(n);
    out.push(line);
    size += line.length + 1;
  }
  return lines(...out);
}
