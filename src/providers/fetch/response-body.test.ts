import { Readable } from 'node:stream';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BodyTooLargeError, readResponseBody, UnsupportedEncodingError } from './response-body.ts';

/** A body of `chunkCount` chunks of `chunkSize` bytes that counts how many chunks were pulled. */
function countingBody(chunkCount: number, chunkSize: number) {
  const state = { pulled: 0 };
  const stream = new Readable({
    read() {
      if (state.pulled === chunkCount) return void this.push(null);
      state.pulled += 1;
      this.push(Buffer.alloc(chunkSize, 0x61));
    },
  });
  return { stream, state };
}

describe('readResponseBody', () => {
  it('reads a body under the cap whole', async () => {
    const { stream } = countingBody(4, 100);
    const result = await readResponseBody(stream, { contentEncoding: undefined, maxBytes: 1000, onOverflow: 'fail' });
    expect(result.bytes.length).toBe(400);
    expect(result.isTruncated).toBe(false);
  });

  it('fails past the cap and stops pulling from the source', async () => {
    const { stream, state } = countingBody(10_000, 1024);
    await expect(readResponseBody(stream, { contentEncoding: undefined, maxBytes: 8 * 1024, onOverflow: 'fail' })).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(state.pulled).toBeLessThan(100);
    expect(stream.destroyed).toBe(true);
  });

  it('truncates at exactly the cap when asked to', async () => {
    const { stream } = countingBody(100, 1000);
    const result = await readResponseBody(stream, { contentEncoding: undefined, maxBytes: 2500, onOverflow: 'truncate' });
    expect(result.bytes.length).toBe(2500);
    expect(result.isTruncated).toBe(true);
  });

  it.each([
    ['gzip', gzipSync],
    ['x-gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ] as const)('decodes %s', async (encoding, compress) => {
    const original = Buffer.from('<p>compressed page</p>'.repeat(50));
    const result = await readResponseBody(Readable.from([compress(original)]), { contentEncoding: encoding, maxBytes: 1_000_000, onOverflow: 'fail' });
    expect(result.bytes.equals(original)).toBe(true);
  });

  it('counts decompressed bytes against the cap, so a small bomb cannot inflate past it', async () => {
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(64 * 1024);
    await expect(readResponseBody(Readable.from([bomb]), { contentEncoding: 'gzip', maxBytes: 1024 * 1024, onOverflow: 'fail' })).rejects.toBeInstanceOf(
      BodyTooLargeError,
    );
  });

  it('refuses an encoding it did not ask for, and releases the body', async () => {
    const { stream } = countingBody(1, 10);
    await expect(readResponseBody(stream, { contentEncoding: 'zstd', maxBytes: 100, onOverflow: 'fail' })).rejects.toBeInstanceOf(UnsupportedEncodingError);
    expect(stream.destroyed).toBe(true);
  });
});
