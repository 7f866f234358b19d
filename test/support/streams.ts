/** A writable stream that keeps what is written to it as text: a command's captured standard output or error. */
import { Writable } from 'node:stream';

export function collector(): Writable & { text: string } {
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      stream.text += String(chunk);
      done();
    },
  }) as Writable & { text: string };
  stream.text = '';
  return stream;
}
