import { searchDocument } from './search-document.ts';

/** Characters of a profile given to the embedding model: its gist, well under any model's context. */
const EMBEDDING_TEXT_LIMIT = 2_000;

/**
 * What a profile's vector is computed from: who it is, what it offers, whom it sells to, its
 * industry and description, most telling first (a model truncating long input keeps those).
 * Place is left out: country and city are filters and firmographics, not meaning.
 */
export function embeddingText(profile: { name: string | null; domain: string; fields: Record<string, unknown> }): string {
  const document = searchDocument(profile);
  return [document.name, document.tags, document.offer, document.audience, document.about]
    .filter((part) => part.trim() !== '')
    .join('. ')
    .slice(0, EMBEDDING_TEXT_LIMIT);
}

/** The vector scaled to unit length as float32, so cosine similarity is a dot product; null for a zero or non-finite vector. */
export function unitVector(values: ArrayLike<number>): Float32Array | null {
  let sum = 0;
  for (let index = 0; index < values.length; index += 1) sum += values[index]! * values[index]!;
  const length = Math.sqrt(sum);
  if (!(length > 0) || !Number.isFinite(length)) return null;
  const unit = new Float32Array(values.length);
  for (let index = 0; index < values.length; index += 1) unit[index] = values[index]! / length;
  return unit;
}

/** Float32 values as little-endian bytes (how vectors are stored on both databases). */
export function vectorToBytes(vector: Float32Array): Uint8Array {
  const bytes = new Uint8Array(vector.length * 4);
  const view = new DataView(bytes.buffer);
  for (let index = 0; index < vector.length; index += 1) view.setFloat32(index * 4, vector[index]!, true);
  return bytes;
}

/** The inverse of `vectorToBytes`; null when the byte count is not a whole number of floats. */
export function bytesToVector(bytes: Uint8Array): Float32Array | null {
  if (bytes.byteLength % 4 !== 0) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const vector = new Float32Array(bytes.byteLength / 4);
  for (let index = 0; index < vector.length; index += 1) vector[index] = view.getFloat32(index * 4, true);
  return vector;
}
