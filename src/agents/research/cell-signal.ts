import { setMaxListeners } from 'node:events';

// Reads, searches and model calls of one cell wait on its signal at once; the budgets bound how many.
const LISTENERS_PER_CELL = 200;

/**
 * A signal of this cell's own, aborted with the engine's. The engine's signal is shared by every
 * cell of a claimed batch; waiting on a derived one keeps each cell's listeners on its own signal.
 */
export function ownSignal(...parents: AbortSignal[]): AbortSignal {
  const signal = AbortSignal.any(parents);
  setMaxListeners(LISTENERS_PER_CELL, signal);
  return signal;
}
