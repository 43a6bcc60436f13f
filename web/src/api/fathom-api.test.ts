import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFathomApi } from './fathom-api.ts';

/**
 * Counting the rows that meet a filter is a scan of the table on the server; a page of the grid
 * must not ask for it again after the grid's count request did (issue 16: the filtered grid's
 * first rows waited for two scans).
 */
describe('table data requests', () => {
  afterEach(() => vi.unstubAllGlobals());

  async function requestedUrls(work: (api: ReturnType<typeof createFathomApi>) => Promise<unknown>): Promise<URL[]> {
    const urls: URL[] = [];
    vi.stubGlobal('window', { location: { origin: 'http://fathom.test' } });
    vi.stubGlobal('fetch', async (input: string | URL | Request) => {
      urls.push(new URL(input instanceof Request ? input.url : String(input)));
      return new Response(JSON.stringify({ rows: [], columns: [], status: {} }), { status: 200, headers: { 'content-type': 'application/json' } });
    });
    await work(createFathomApi('token', () => {}));
    return urls;
  }

  it('asks for the matching-row count only when the caller wants it', async () => {
    const filter = [{ column: 'industry', equals: 'Retail' }];
    const urls = await requestedUrls(async (api) => {
      await api.getTableData('t1', 0, 100, undefined, { filter });
      await api.getTableData('t1', 0, 1, undefined, { filter }, true);
      await api.getTableData('t1', 0, 1, undefined, {}, true);
    });
    expect(urls.map((url) => url.searchParams.get('count'))).toEqual([null, 'true', null]);
    expect(urls[0]!.searchParams.get('filter')).toBe(JSON.stringify(filter));
  });
});
