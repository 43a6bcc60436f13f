/**
 * How `rows` store their times since migration 0025 (docs/decisions/2026-12-07-row-times-as-epoch-ms.md):
 * epoch milliseconds instead of a 24-character ISO string, 6 bytes a row on SQLite instead of 25.
 * The store keeps ISO strings everywhere else, so times are converted here and nowhere else.
 */

/**
 * A row time as a read answers it: a number (SQLite), a string of digits (PostgreSQL's bigint
 * arrives as text through `pg`), or, on SQLite only, the ISO text 0025 left as it was because it
 * could not convert it exactly.
 */
export type StoredTime = number | string;

/** An ISO time as rows store it. */
export function toStoredTime(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`not a time: ${JSON.stringify(iso)}`);
  return ms;
}

const DIGITS = /^-?\d+$/;
// Rows written together share their time, and pages read them together: one conversion serves a run of them.
let lastStored: StoredTime | undefined;
let lastIso = '';

/** A stored row time as the ISO string the store answers with. */
export function fromStoredTime(stored: StoredTime): string {
  if (stored === lastStored) return lastIso;
  const iso = typeof stored === 'number' || DIGITS.test(stored) ? new Date(Number(stored)).toISOString() : stored;
  lastStored = stored;
  lastIso = iso;
  return iso;
}
