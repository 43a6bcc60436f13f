import { describe, expect, it } from 'vitest';
import { searchDocument, searchFirmographics } from '../../domain/company-search/search-document.ts';
import { CompanyIndexCache, type CompanyIndexSource } from './company-index-cache.ts';
import type { CompanyIndexEntry } from './workspace-text-index.ts';

function entry(workspaceId: string, index: number): CompanyIndexEntry {
  const fields = { short_description: `Payroll software ${index}`, employee_count: '11-50', hq_country: 'Germany' };
  const id = `${workspaceId}-${String(index).padStart(5, '0')}`;
  return {
    id,
    domain: `${id}.com`,
    document: searchDocument({ name: `Company ${index}`, domain: `${id}.com`, fields }),
    firmographics: searchFirmographics(fields),
  };
}

/** A source of `sizes[workspace]` profiles per workspace that counts its reads and can run a hook on each page read. */
function countingSource(sizes: Record<string, number>, onPage?: (workspaceId: string, afterId: string | null) => void) {
  const pagesRead: string[] = [];
  const source: CompanyIndexSource = {
    readVersion: async () => 1,
    listEntries: async (workspaceId, afterId, limit) => {
      pagesRead.push(workspaceId);
      onPage?.(workspaceId, afterId);
      const all = Array.from({ length: sizes[workspaceId] ?? 0 }, (_, index) => entry(workspaceId, index));
      const start = afterId === null ? 0 : all.findIndex((held) => held.id === afterId) + 1;
      return all.slice(start, start + limit);
    },
    listChanges: async () => [],
    findEntries: async () => [],
  };
  return { source, pagesRead };
}

describe('CompanyIndexCache', () => {
  it('keeps at most its bound of workspaces, dropping the least recently used, and loads a dropped one again', async () => {
    const { source, pagesRead } = countingSource({ a: 3, b: 3, c: 3 });
    const cache = new CompanyIndexCache(source, 2);
    await cache.index('a');
    await cache.index('b');
    await cache.index('a'); // a is now the most recent: b goes first
    await cache.index('c');
    expect(cache.heldWorkspaces()).toEqual(['a', 'c']);
    expect(pagesRead).toEqual(['a', 'b', 'c']);
    expect((await cache.index('b')).size).toBe(3);
    expect(pagesRead).toEqual(['a', 'b', 'c', 'b']);
    expect(cache.heldWorkspaces()).toEqual(['c', 'b']);
  });

  it('gives a search arriving during a load (the start-up warm-up) that same load, not a second one', async () => {
    const { source, pagesRead } = countingSource({ a: 1_200 });
    const cache = new CompanyIndexCache(source);
    const warmUp = cache.index('a');
    const search = cache.index('a');
    const [warmed, searched] = await Promise.all([warmUp, search]);
    expect(searched).toBe(warmed);
    expect(warmed.size).toBe(1_200);
    // 500 profiles per page: three reads, once.
    expect(pagesRead).toEqual(['a', 'a', 'a']);
  });

  it('lets timers and I/O run between the pages of a load', async () => {
    let immediateRan = false;
    const seenBeforeLastPage: boolean[] = [];
    const { source } = countingSource({ a: 1_200 }, (_, afterId) => {
      if (afterId !== null) seenBeforeLastPage.push(immediateRan);
    });
    const cache = new CompanyIndexCache(source);
    setImmediate(() => {
      immediateRan = true;
    });
    await cache.index('a');
    // A resolved promise alone would run the whole load before the immediate callback.
    expect(seenBeforeLastPage).toEqual([true, true]);
  });
});
