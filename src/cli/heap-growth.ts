import { setFlagsFromString } from 'node:v8';

/**
 * Bound how far this process's JavaScript heap grows past what survived its last full
 * collection before V8 collects again: V8 then sets each next limit at (1 + percent/100) × the
 * live heap. 0 leaves V8's own factor (up to 4×).
 *
 * Why, for `fathom worker` processes: a worker's live heap is ~30 MB and steady, but it promotes
 * the objects of the cells it holds (hundreds at once) faster than V8's adaptive factor collects
 * them, so its old space reached 49–57 MB of mostly garbage before a full collection, and its peak
 * RSS 150–169 MB after a second 30,000-cell run. At 30 % the old space stays ~30 MB and the peak
 * 134–141 MB, with the workers' CPU per run unchanged within the machine's noise (bench/RESULTS.md,
 * 2026-12-07 08:40–09:45). Applied at start-up through `v8.setFlagsFromString`, not a command-line flag:
 * `fathom worker` is started by users and process managers with plain `node`, and V8 reads this
 * flag at every limit computation, so setting it in the running process takes effect (unlike the
 * young generation's size, which V8 fixes when it creates the heap).
 */
export function limitHeapGrowth(percent: number, setFlags: (flags: string) => void = setFlagsFromString): void {
  if (percent > 0) setFlags(`--heap-growing-percent=${percent}`);
}
