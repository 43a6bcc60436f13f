import type { HttpClient } from './http-client.ts';

/** Poll until `check` returns a value (not undefined), or fail after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000, intervalMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Wait until the table is idle with nothing in progress, and answer its data. */
export async function waitForIdle(client: HttpClient, tableId: string, timeoutMs = 15_000): Promise<any> {
  await waitFor(async () => {
    const table = (await client.get(`/v1/tables/${tableId}`)).body;
    return table.status.run_status === 'idle' && table.status.num_cells_in_progress === 0 ? true : undefined;
  }, timeoutMs);
  return (await client.get(`/v1/tables/${tableId}/data`)).body;
}
