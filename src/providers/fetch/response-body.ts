import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** The `Accept-Encoding` the fetcher sends; `readResponseBody` decodes exactly these. */
export const ACCEPTED_ENCODINGS = 'gzip, deflate, br';

/** A body that decoded to more than the cap allows. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

/** A `Content-Encoding` the fetcher did not ask for and cannot decode. */
export class UnsupportedEncodingError extends Error {
  override readonly name = 'UnsupportedEncodingError';
}

/** The bytes read, and whether reading stopped at the cap. */
export interface BodyBytes {
  bytes: Buffer;
  isTruncated: boolean;
}

/**
 * Reads a response body, decompressing it, without ever holding more than `maxBytes` of it.
 * The cap counts decompressed bytes, so a small gzip bomb cannot inflate past it. On reaching the
 * cap it stops reading (which closes the connection) and then either fails with
 * `BodyTooLargeError` or, with `onOverflow: 'truncate'`, returns what it has.
 */
export async function readResponseBody(
  body: Readable,
  options: { contentEncoding: string | undefined; maxBytes: number; onOverflow: 'fail' | 'truncate' },
): Promise<BodyBytes> {
  let decoder: Transform | null;
  try {
    decoder = createDecoder(options.contentEncoding);
  } catch (error) {
    // Destroying emits an abort error of our own making; the encoding error is the one to report.
    body.once('error', () => undefined);
    body.destroy();
    throw error;
  }
  const chunks: Buffer[] = [];
  let total = 0;
  let hasOverflowed = false;

  async function collect(source: AsyncIterable<Buffer>): Promise<void> {
    for await (const chunk of source) {
      const room = options.maxBytes - total;
      if (chunk.length > room) {
        hasOverflowed = true;
        if (options.onOverflow === 'truncate') chunks.push(chunk.subarray(0, room));
        total += options.onOverflow === 'truncate' ? room : 0;
        // Leaving the loop destroys every stream of the pipeline, so the rest is never downloaded.
        return;
      }
      chunks.push(chunk);
      total += chunk.length;
    }
  }

  try {
    if (decoder) await pipeline(body, decoder, collect);
    else await pipeline(body, collect);
  } catch (error) {
    // Stopping early makes a pipeline with a decoder reject with an abort error; that one is ours.
    if (!hasOverflowed) throw error;
  }
  if (hasOverflowed && options.onOverflow === 'fail') throw new BodyTooLargeError(`body exceeds ${options.maxBytes} bytes`);
  return { bytes: Buffer.concat(chunks, total), isTruncated: hasOverflowed };
}

function createDecoder(contentEncoding: string | undefined): Transform | null {
  const encoding = (contentEncoding ?? '').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return null;
  if (encoding === 'gzip' || encoding === 'x-gzip') return createGunzip();
  if (encoding === 'deflate') return createInflate();
  if (encoding === 'br') return createBrotliDecompress();
  // Stacked encodings ("gzip, br") are allowed by HTTP but not sent in practice for one Accept-Encoding.
  throw new UnsupportedEncodingError(`the body uses content-encoding "${encoding}", which was not requested and cannot be decoded`);
}
