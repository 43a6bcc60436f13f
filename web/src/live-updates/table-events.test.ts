import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/api-error.ts';
import type { FathomApi } from '../api/fathom-api.ts';
import { followTableEvents, type TableEventHandlers } from './table-events.ts';

function handlers(): TableEventHandlers & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    onCells: (cells, status) => calls.push(`cells ${cells.map((cell) => cell.column_key).join()} ${status?.run_status}`),
    onStatus: (status) => calls.push(`status ${status.run_status}`),
    onConnected: () => calls.push('connected'),
    onUnavailable: () => calls.push('unavailable'),
  };
}

function streamOf(text: string): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
  });
}

describe('followTableEvents', () => {
  it('reports the events endpoint as unavailable on 404, without retrying', async () => {
    const openTableEvents = vi.fn(async () => {
      throw new ApiError(404, 'Not Found', { code: 'not_found' });
    });
    const seen = handlers();
    await followTableEvents({ openTableEvents } as unknown as FathomApi, 'table-1', seen, new AbortController().signal);
    expect(seen.calls).toEqual(['unavailable']);
    expect(openTableEvents).toHaveBeenCalledTimes(1);
  });

  it('stops on 401: the client has already signed the user out', async () => {
    const seen = handlers();
    const api = { openTableEvents: async () => Promise.reject(new ApiError(401, 'Unauthorized')) } as unknown as FathomApi;
    await followTableEvents(api, 'table-1', seen, new AbortController().signal);
    expect(seen.calls).toEqual([]);
  });

  it('dispatches cells and table events, and reconnects after the stream ends', async () => {
    const controller = new AbortController();
    const seen = handlers();
    let opened = 0;
    const api = {
      openTableEvents: async () => {
        opened += 1;
        if (opened === 2) controller.abort();
        const body =
          'event: table\ndata: {"status":{"run_status":"running"}}\n\n: keep-alive\n\nevent: cells\ndata: {"cells":[{"column_key":"segment"}],"status":{"run_status":"idle"}}\n\n';
        return new Response(streamOf(body));
      },
    } as unknown as FathomApi;
    vi.useFakeTimers();
    const following = followTableEvents(api, 'table-1', seen, controller.signal);
    await vi.advanceTimersByTimeAsync(1_000);
    await following;
    vi.useRealTimers();
    expect(seen.calls.slice(0, 3)).toEqual(['connected', 'status running', 'cells segment idle']);
    expect(opened).toBe(2);
  });
});
