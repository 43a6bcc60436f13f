import { ValidationError } from './errors.ts';
import type { RowPageRequest, RowPosition } from './row-query.ts';

/**
 * The opaque `next_cursor` of data pages: the last row's position in the page's order, plus a
 * digest of the filter, search and sort it belongs to, so a cursor is never applied to another
 * query (that would silently skip or repeat rows).
 */

type QueryShape = Pick<RowPageRequest, 'conditions' | 'search' | 'sort'>;

interface CursorContent {
  v: 1;
  q: string;
  s: number;
  k?: [number, number, string];
}

export function encodeRowCursor(query: QueryShape, position: RowPosition): string {
  const content: CursorContent = { v: 1, q: queryDigest(query), s: position.seq };
  if (position.sortKey) content.k = [position.sortKey.group, position.sortKey.number, position.sortKey.text];
  return Buffer.from(JSON.stringify(content), 'utf8').toString('base64url');
}

/** The position a cursor stands for; 422 at `loc` when it is malformed or made for another query. */
export function decodeRowCursor(cursor: string, query: QueryShape, loc: (string | number)[]): RowPosition {
  let content: Partial<CursorContent> | null = null;
  try {
    content = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorContent>;
  } catch {
    content = null;
  }
  if (content?.v !== 1 || typeof content.s !== 'number' || typeof content.q !== 'string') {
    throw ValidationError.single(loc, 'not a cursor from this server: pass next_cursor from a previous page unchanged');
  }
  if (content.q !== queryDigest(query)) {
    throw ValidationError.single(loc, 'this cursor belongs to a different filter, search or sort: start again without cursor');
  }
  const key = content.k;
  const isKey = Array.isArray(key) && key.length === 3 && typeof key[0] === 'number' && typeof key[1] === 'number' && typeof key[2] === 'string';
  if ((query.sort !== null) !== isKey) throw ValidationError.single(loc, 'not a cursor for this sort: start again without cursor');
  return { seq: content.s, sortKey: isKey ? { group: key[0], number: key[1], text: key[2] } : null };
}

/** FNV-1a over the query's canonical JSON: short, stable, and enough to tell queries apart. */
function queryDigest(query: QueryShape): string {
  const text = JSON.stringify([query.conditions, query.search, query.sort]);
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}
