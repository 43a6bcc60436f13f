import type { Writable } from 'node:stream';

/** Print one JSON document: compact by default (one line, for jq and pipes), indented with --pretty. */
export function printJson(value: unknown, pretty = false, stream: Writable = process.stdout): void {
  stream.write(`${JSON.stringify(value, null, pretty ? 2 : undefined)}\n`);
}

/** Write a chunk and wait while the stream's buffer is full, so a big export never piles up in memory. */
export async function writeWithBackpressure(stream: Writable, chunk: string): Promise<void> {
  // A failed write (EPIPE) is reported later, as the stream's error: stop at the next write.
  if (stream.errored) throw stream.errored;
  if (stream.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const onDrain = () => {
      stream.off('error', onError);
      resolve();
    };
    const onError = (error: Error) => {
      stream.off('drain', onDrain);
      reject(error);
    };
    stream.once('drain', onDrain);
    stream.once('error', onError);
  });
}

/** The reader of our stdout went away (`fathom export … | head`): not an error, just the end. */
export function isBrokenPipe(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'EPIPE';
}
