/**
 * Limits on how much one request can make the server do. Without them a 13 KiB request on a
 * 2,000-column table created 2 million cells, a 177 MB answer and a 15 s stall for every other
 * client. They are documented in README (Limits) and in the OpenAPI descriptions.
 */
import { PayloadTooLargeError, ValidationError, type ValidationIssue } from './errors.ts';

/** Columns one table may have, built-in columns included. */
export const MAX_COLUMNS_PER_TABLE = 500;

/** Cells one row request may create or answer: rows in the request × columns of the table. */
export const MAX_CELLS_PER_REQUEST = 250_000;

/** The 422 issue when adding `incoming` columns to a table with `existing` would pass the limit. */
export function columnLimitIssue(existing: number, incoming: number, loc: (string | number)[]): ValidationIssue | undefined {
  if (existing + incoming <= MAX_COLUMNS_PER_TABLE) return undefined;
  return {
    loc,
    msg:
      `a table has at most ${MAX_COLUMNS_PER_TABLE} columns (MAX_COLUMNS_PER_TABLE); this table has ${existing} and the request adds ${incoming}; ` +
      'delete unused columns or split the data into another table',
    type: 'too_long',
  };
}

/** Throws 422 when the columns would pass MAX_COLUMNS_PER_TABLE. */
export function assertColumnLimit(existing: number, incoming: number, loc: (string | number)[]): void {
  const issue = columnLimitIssue(existing, incoming, loc);
  if (issue) throw new ValidationError([issue]);
}

/** Throws 413 when `rows` × `columns` passes MAX_CELLS_PER_REQUEST, naming how many rows fit. */
export function assertCellLimit(rows: number, columns: number): void {
  const cells = rows * columns;
  if (cells <= MAX_CELLS_PER_REQUEST) return;
  const rowsThatFit = Math.max(1, Math.floor(MAX_CELLS_PER_REQUEST / Math.max(1, columns)));
  throw new PayloadTooLargeError(
    `a request may touch at most ${MAX_CELLS_PER_REQUEST.toLocaleString('en-US')} cells (MAX_CELLS_PER_REQUEST); ` +
      `${rows.toLocaleString('en-US')} rows × ${columns} columns is ${cells.toLocaleString('en-US')}; send at most ${rowsThatFit} rows per request to this table`,
  );
}
