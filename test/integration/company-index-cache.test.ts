import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCompanySearchSet } from '../../eval/company-search/company-search-set.ts';
import { normalizeSearchFilters, type SearchFilters } from '../../src/domain/company-search/search-filters.ts';
import { searchTerms } from '../../src/domain/company-search/search-terms.ts';
import { CompanyVectorIndex } from '../../src/services/company-search/company-vector-index.ts';
import { rankCompanyProfileIds } from '../../src/store/kysely/company-search-queries.ts';
import { createStore } from '../../src/store/kysely-store.ts';
import { openDatabase, type OpenedDatabase } from '../../src/store/open-database.ts';
import type { Store } from '../../src/store/store.ts';
import { companyProfileRecord } from '../fixtures/builders/company-profile-record.ts';
import { testBackends } from '../support/backends.ts';
import { openTestStore, type TestStore } from '../support/test-database.ts';

function filters(given?: SearchFilters) {
  const result = normalizeSearchFilters(given, []);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.filters;
}

const profile = companyProfileRecord;

async function searchIds(store: Store, workspaceId: string, words: string, given?: SearchFilters): Promise<string[]> {
  const hits = await store.rankCompanyProfileIds({ workspaceId, terms: searchTerms(words), filters: filters(given), excludeProfileIds: [], limit: 100 });
  return hits.map((hit) => hit.id);
}

describe.each(testBackends())('The in-memory company index on %s', (backend) => {
  let opened: TestStore;
  let other: OpenedDatabase;
  /** A second store on the same database, as another process (an API or worker process) would open it. */
  let otherStore: Store;

  beforeAll(async () => {
    opened = await openTestStore(backend);
    other = await openDatabase(opened.location);
    otherStore = createStore(other);
  });

  afterAll(async () => {
    await other.close();
    await opened.close();
  });

  it('returns a saved profile, never once deleted, and never one saved in another workspace', async () => {
    const { store } = opened;
    const saved = await store.saveCompanyProfile(profile('ws-life', 'lifecycle.com'), []);
    expect(await searchIds(store, 'ws-life', 'payroll')).toEqual([saved.id]);
    expect(await store.deleteCompanyProfile('ws-life', saved.id)).toBe(true);
    expect(await searchIds(store, 'ws-life', 'payroll')).toEqual([]);
    expect(await store.filterCompanyProfileIds({ workspaceId: 'ws-life', filters: filters(), excludeProfileIds: [], profileIds: [saved.id] })).toEqual(
      new Map(),
    );
    const elsewhere = await store.saveCompanyProfile(profile('ws-other', 'lifecycle.com'), []);
    expect(await searchIds(store, 'ws-life', 'payroll')).toEqual([]);
    expect(await searchIds(store, 'ws-other', 'payroll')).toEqual([elsewhere.id]);
    // Saved again in the first workspace: found there, under its new id only.
    const again = await store.saveCompanyProfile(profile('ws-life', 'lifecycle.com'), []);
    expect(await searchIds(store, 'ws-life', 'payroll')).toEqual([again.id]);
    expect(await searchIds(store, 'ws-life', 'payroll', { include: { country: ['Germany'] } })).toEqual([again.id]);
    expect(await searchIds(store, 'ws-life', 'payroll', { exclude: { domains: ['lifecycle.com'] } })).toEqual([]);
  });

  it('sees what another process saves, changes and deletes, at its next search', async () => {
    const { store } = opened;
    const first = await store.saveCompanyProfile(profile('ws-shared', 'first.com'), []);
    // Loaded here before the other process writes.
    expect(await searchIds(store, 'ws-shared', 'payroll')).toEqual([first.id]);
    const second = await otherStore.saveCompanyProfile(profile('ws-shared', 'second.com', { name: 'Second Robotics' }), []);
    expect(await searchIds(store, 'ws-shared', 'robotics')).toEqual([second.id]);
    const [batch] = await otherStore.saveCompanyProfiles([profile('ws-shared', 'third.com', { name: 'Third Robotics' })]);
    expect((await searchIds(store, 'ws-shared', 'robotics')).sort()).toEqual([second.id, batch!.id].sort());
    // Its text changed by the other process: the old words no longer find it.
    await otherStore.saveCompanyProfile(
      profile('ws-shared', 'second.com', { name: 'Second Logistics', fields: { short_description: 'Freight forwarding', hq_country: 'France' } }),
      [],
    );
    expect(await searchIds(store, 'ws-shared', 'robotics')).toEqual([batch!.id]);
    expect(await searchIds(store, 'ws-shared', 'freight', { include: { country: ['France'] } })).toEqual([second.id]);
    expect(await otherStore.deleteCompanyProfile('ws-shared', batch!.id)).toBe(true);
    expect(await searchIds(store, 'ws-shared', 'robotics')).toEqual([]);
  });

  it('drops the vector of a profile deleted by another process from the in-memory matrix', async () => {
    const { store } = opened;
    const kept = await store.saveCompanyProfile(profile('ws-vectors', 'kept.com'), []);
    const gone = await store.saveCompanyProfile(profile('ws-vectors', 'gone.com'), []);
    const vector = (x: number) => Float32Array.from({ length: 4 }, (_, index) => (index === 0 ? x : Math.sqrt(1 - x * x) / Math.sqrt(3)));
    await store.saveCompanyEmbeddings(
      'ws-vectors',
      'test-model',
      [
        { profileId: kept.id, vector: vector(0.6), updatedAt: kept.updatedAt },
        { profileId: gone.id, vector: vector(0.8), updatedAt: gone.updatedAt },
      ],
      new Date().toISOString(),
    );
    const index = new CompanyVectorIndex(store, 'test-model');
    expect((await index.vectors('ws-vectors')).size).toBe(2);
    await otherStore.deleteCompanyProfile('ws-vectors', gone.id);
    const vectors = await index.vectors('ws-vectors');
    expect(vectors.size).toBe(1);
    expect(vectors.nearest(vector(0.8), 5).map((neighbour) => neighbour.profileId)).toEqual([kept.id]);
    expect(vectors.vectorOf(kept.id)).toBeDefined();
  });
});

describe.each(testBackends().filter((backend) => backend === 'sqlite'))('The in-memory ranking against FTS5 on %s', (backend) => {
  let opened: TestStore;

  beforeAll(async () => {
    opened = await openTestStore(backend);
    const set = buildCompanySearchSet();
    await opened.store.saveCompanyProfiles(
      set.companies.map((company, index) => ({
        ...profile('ws-eval', company.domain, { name: company.name, fields: company.fields }),
        id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      })),
    );
  });

  afterAll(async () => opened.close());

  it('ranks every query of the eval set as FTS5 bm25 does: same companies, same order, same scores', async () => {
    const set = buildCompanySearchSet();
    const cases: Array<SearchFilters | undefined> = [
      undefined,
      { include: { country: ['Germany', 'France'], size: ['11-50', '51-200'] }, range: { founded: { min: 2005 } } },
    ];
    let compared = 0;
    for (const query of set.queries) {
      for (const given of cases) {
        const question = { workspaceId: 'ws-eval', terms: searchTerms(query.q), filters: filters(given), excludeProfileIds: [], limit: 50 };
        const inMemory = await opened.store.rankCompanyProfileIds(question);
        const fts5 = await rankCompanyProfileIds(opened.database.db, 'fts5', question);
        expect(inMemory.map((hit) => hit.id)).toHaveLength(fts5.length);
        for (const [index, hit] of inMemory.entries()) expect(hit.textScore).toBeCloseTo(fts5[index]!.textScore, 9);
        // Equal scores may be ordered differently (FTS5 by its row key, memory by id): compare as sets per score.
        const byScore = (hits: typeof fts5) => hits.map((hit) => `${hit.textScore.toFixed(9)} ${hit.id}`).sort();
        expect(byScore(inMemory)).toEqual(byScore(fts5));
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(80);
  });
});
