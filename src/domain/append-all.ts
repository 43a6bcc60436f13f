/**
 * Append every item to `target` one by one. `target.push(...items)` passes each item as a call
 * argument, and V8 throws a RangeError past roughly 120,000 arguments: a page of 1,000 rows ×
 * 130 columns is already more. Use this wherever `items` has no small fixed bound.
 */
export function appendAll<Item>(target: Item[], items: Iterable<Item>): Item[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest number, or `fallback` for none, without spreading the list into call arguments. */
export function largestOf(values: Iterable<number>, fallback: number): number {
  let largest: number | undefined;
  for (const value of values) if (largest === undefined || value > largest) largest = value;
  return largest ?? fallback;
}
