import { setImmediate as yieldToOtherWork } from 'node:timers/promises';

/**
 * A JSON array answer sent in parts: each part is serialised on its own turn of the event loop,
 * so a 250,000-cell answer neither becomes one huge string nor holds every other request
 * until it is built.
 */
export function streamJsonArray<Item>(items: readonly Item[], itemsPerPart: number, present: (item: Item) => unknown): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let start = 0;
  return new ReadableStream({
    async pull(controller) {
      if (start > 0) await yieldToOtherWork();
      const part = items.slice(start, start + itemsPerPart).map((item) => JSON.stringify(present(item)));
      const opening = start === 0 ? '[' : ',';
      start += itemsPerPart;
      const closing = start >= items.length ? ']' : '';
      controller.enqueue(encoder.encode(`${opening}${part.join(',')}${closing}`));
      if (closing !== '') controller.close();
    },
  });
}
