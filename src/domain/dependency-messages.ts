/**
 * What a cell says when it cannot be computed because a cell it reads in the same row will not
 * be: the upstream column by its name (what the user sees in the grid header), never a row id or
 * the upstream's whole message, which its own cell already shows. The grid reads the name back
 * with `parseWaitingMessage` to link to that cell.
 */

export function waitingOnFailedMessage(columnName: string): string {
  return `waiting on ${columnName}, which failed`;
}

export function waitingOnUncomputedMessage(columnName: string): string {
  return `waiting on ${columnName}, which is not computed and not queued: run it, then this cell again`;
}

export interface WaitingMessage {
  /** The upstream column's name. */
  columnName: string;
  reason: 'failed' | 'not-computed';
}

const WAITING = /^waiting on (.+), which (failed|is not computed)/s;

/** The upstream a waiting message names, or null for any other message. */
export function parseWaitingMessage(message: string): WaitingMessage | null {
  const match = WAITING.exec(message);
  if (!match) return null;
  return { columnName: match[1]!, reason: match[2] === 'failed' ? 'failed' : 'not-computed' };
}

/** The name of a column from its stored config (JSON text), or its key when the config cannot say. */
export function columnNameFromConfig(configJson: string, key: string): string {
  try {
    const name = (JSON.parse(configJson) as { name?: unknown }).name;
    return typeof name === 'string' && name.trim() !== '' ? name : key;
  } catch {
    return key;
  }
}
