/**
 * The bytes of one input, as text to read: gzip (a `.gz` file, or gzip bytes on standard input,
 * told by its magic bytes, not its name) is unpacked on the way, a stream at a time, so memory
 * stays bounded; concatenated gzip members are read one after another. Another compressed format,
 * or text in UTF-16, is refused with one message that says how to convert it.
 */
import { once } from 'node:events';
import { createGunzip } from 'node:zlib';

/** An input this command cannot read as it is; the message says what it is and what to run. */
export class ForeignInput extends Error {
  override name = 'ForeignInput';
}

/** Formats told by their first bytes, with the command that turns each into text. */
const FORMATS: readonly { name: string; magic: readonly number[]; fix: string }[] = [
  { name: 'zstd-compressed', magic: [0x28, 0xb5, 0x2f, 0xfd], fix: 'zstd -dc FILE' },
  { name: 'bzip2-compressed', magic: [0x42, 0x5a, 0x68], fix: 'bzip2 -dc FILE' },
  { name: 'xz-compressed', magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], fix: 'xz -dc FILE' },
  { name: 'a zip archive', magic: [0x50, 0x4b, 0x03, 0x04], fix: 'unzip -p FILE' },
  { name: 'a 7-Zip archive', magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], fix: '7z x -so FILE' },
  { name: 'LZ4-compressed', magic: [0x04, 0x22, 0x4d, 0x18], fix: 'lz4 -dc FILE' },
];
const GZIP = [0x1f, 0x8b];
/** The most first bytes any check needs. */
const HEAD_BYTES = 6;

const startsWith = (bytes: Buffer, magic: readonly number[]) =>
  bytes.length >= magic.length && magic.every((byte, index) => bytes[index] === byte);

/** Why an input that starts with `head` cannot be read as it is (with the fix), or undefined. */
export function refusalOf(head: Buffer): string | undefined {
  const format = FORMATS.find(({ magic }) => startsWith(head, magic));
  if (format !== undefined)
    return `the input is ${format.name}, not text; decompress it first (for example: ${format.fix} | openai-audit-logs validate)`;
  const utf16 =
    (head[0] === 0xff && head[1] === 0xfe) || (head.length >= 2 && head[0] !== 0 && head[1] === 0)
      ? 'UTF-16 little-endian'
      : (head[0] === 0xfe && head[1] === 0xff) || (head.length >= 2 && head[0] === 0 && head[1] !== 0)
        ? 'UTF-16 big-endian'
        : undefined;
  if (utf16 === undefined) return undefined;
  return `the input is ${utf16}, not UTF-8; convert it first (for example: iconv -f UTF-16 -t UTF-8 FILE)`;
}

const toBuffer = (chunk: unknown): Buffer => (typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));

/**
 * The text bytes of `stream`, chunk by chunk. Throws `ForeignInput` for a format it refuses, and
 * whatever the stream or the gzip decoder throws (a file cut short: `unexpected end of file`).
 */
export async function* inputBytes(stream: AsyncIterable<unknown>): AsyncGenerator<Buffer> {
  const chunks = stream[Symbol.asyncIterator]();
  const held: Buffer[] = [];
  let heldBytes = 0;
  let ended = false;
  while (heldBytes < HEAD_BYTES) {
    const next = await chunks.next();
    if (next.done === true) {
      ended = true;
      break;
    }
    const chunk = toBuffer(next.value);
    held.push(chunk);
    heldBytes += chunk.length;
  }
  const head = Buffer.concat(held);
  if (head.length === 0) return;
  const refusal = refusalOf(head);
  if (refusal !== undefined) throw new ForeignInput(refusal);
  const rest = async function* () {
    if (ended) return;
    for (;;) {
      const next = await chunks.next();
      if (next.done === true) return;
      yield toBuffer(next.value);
    }
  };
  if (!startsWith(head, GZIP)) {
    yield head;
    yield* rest();
    return;
  }
  const gunzip = createGunzip();
  const feed = async () => {
    gunzip.write(head);
    for await (const chunk of rest()) if (!gunzip.write(chunk)) await once(gunzip, 'drain');
    gunzip.end();
  };
  feed().catch((error: unknown) => gunzip.destroy(error as Error));
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
  } finally {
    gunzip.destroy();
  }
}
