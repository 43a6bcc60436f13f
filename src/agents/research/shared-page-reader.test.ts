import { describe, expect, it } from 'vitest';
import { FetchError, type FetchedPage, type PageFetcher } from '../../providers/spec/fetcher.ts';
import { SharedPageReader } from './shared-page-reader.ts';
import { fetchedPageFixture } from '../../../test/fixtures/research-harness/fetched-page-fixture.ts';

function countingFetcher(answer: (url: string) => FetchedPage | FetchError): PageFetcher & { urls: string[] } {
  const urls: string[] = [];
  return {
    urls,
    async fetchPage(url) {
      urls.push(url);
      await new Promise((resolve) => setTimeout(resolve, 5));
      const result = answer(url);
      if (result instanceof FetchError) throw result;
      return result;
    },
  };
}

const options = (runId: string | null = 'run-1', bypassCache = false) => ({ signal: new AbortController().signal, runId, bypassCache, purpose: 'test' });

describe('SharedPageReader', () => {
  it('fetches a URL once for concurrent and later readers, ignoring fragments', async () => {
    const fetcher = countingFetcher((url) => fetchedPageFixture(url, 'text'));
    const reader = new SharedPageReader(fetcher, { ttlMs: 60_000, maxBytes: 1_000_000 });
    const reads = await Promise.all([
      reader.read('https://a.example/x', options()),
      reader.read('https://a.example/x#top', options()),
      reader.read('https://a.example/x', options()),
    ]);
    expect(reads.map((read) => read.outcome)).toEqual(['loaded', 'joined', 'joined']);
    expect((await reader.read('https://a.example/x', options())).outcome).toBe('hit');
    expect(fetcher.urls).toEqual(['https://a.example/x']);
    expect(reader.statistics()).toEqual({ fetches: 1, hits: 1, joins: 2 });
  });

  it('remembers refusals but not timeouts, and reads again for a mode "all" run', async () => {
    const fetcher = countingFetcher((url) =>
      url.includes('robots')
        ? new FetchError({ code: 'robots_disallowed', url, message: 'no' })
        : url.includes('slow')
          ? new FetchError({ code: 'timeout', url, message: 'slow' })
          : fetchedPageFixture(url, 'ok'),
    );
    const reader = new SharedPageReader(fetcher, { ttlMs: 60_000, maxBytes: 1_000_000 });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await expect(reader.read('https://a.example/robots', options())).rejects.toMatchObject({ code: 'robots_disallowed' });
      await expect(reader.read('https://a.example/slow', options())).rejects.toMatchObject({ code: 'timeout' });
    }
    expect(fetcher.urls.filter((url) => url.includes('robots'))).toHaveLength(1);
    expect(fetcher.urls.filter((url) => url.includes('slow'))).toHaveLength(2);
    await reader.read('https://a.example/page', options('run-1'));
    expect((await reader.read('https://a.example/page', options('run-2', true))).outcome).toBe('loaded');
    expect((await reader.read('https://a.example/page', options('run-2', true))).outcome).toBe('hit');
  });
});
