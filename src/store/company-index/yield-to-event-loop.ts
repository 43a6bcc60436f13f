/**
 * Work that runs for seconds (loading a workspace's company index) is cut into slices of at most
 * this long, and the event loop runs between them: requests are served while a workspace loads.
 */
export const SLICE_MS = 10;

/** Let timers and I/O callbacks run (a resolved promise would not: it only runs other microtasks). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A clock of one slice: `due()` says the slice is spent; `next()` yields and starts another. */
export class Slicer {
  private started = performance.now();

  due(): boolean {
    return performance.now() - this.started >= SLICE_MS;
  }

  async next(): Promise<void> {
    await yieldToEventLoop();
    this.started = performance.now();
  }
}
