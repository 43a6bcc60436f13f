import { describe, expect, it, vi } from 'vitest';
import type { ColumnConfig } from '../../domain/column-config-schema.ts';
import type { FoundPerson } from '../../domain/people/child-people-rows.ts';
import { expandRoles } from '../../domain/people/role-variants.ts';
import type { CellContext } from '../../engine/cell-executor.ts';
import type { SearchResult } from '../../providers/spec/search.ts';
import type { SharedPageReader } from '../research/shared-page-reader.ts';
import { SharedSearchReader } from '../research/shared-search-reader.ts';
import type { PeopleAgentDependencies } from './people-agent-dependencies.ts';
import { createPeopleFinderAgent } from './people-finder-agent.ts';

// The real expansion, watched: how often the finder expands is what these tests are about.
vi.mock('../../domain/people/role-variants.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../domain/people/role-variants.ts')>();
  return { ...actual, expandRoles: vi.fn(actual.expandRoles) };
});

const COMPANIES = 40;

/** A finder over a search stand-in that names one VP Sales and one CFO per company; no pages are read. */
function finderWorld() {
  const provider = {
    providerId: 'standin',
    search: async (query: string): Promise<SearchResult[]> => {
      const company = /"(Company \d+)"/.exec(query)![1]!;
      const slug = company.replace(' ', '-').toLowerCase();
      return [
        { url: `https://www.linkedin.com/in/ann-${slug}`, title: `Ann Bell - VP Sales - ${company} | LinkedIn`, snippet: '', position: 1 },
        { url: `https://www.linkedin.com/in/carl-${slug}`, title: `Carl Dunn - CFO - ${company} | LinkedIn`, snippet: '', position: 2 },
      ];
    },
  };
  const synced: FoundPerson[][] = [];
  const dependencies = {
    pages: {} as SharedPageReader,
    search: new SharedSearchReader(provider, { ttlMs: 0 }),
    store: { findCompanyProfile: async () => undefined, findCompanyProfileByDomain: async () => undefined },
    profiles: { resolve: async () => null },
    rows: {
      sync: async ({ people }: { people: FoundPerson[] }) => {
        synced.push(people);
        return { childTableId: 'people-table', added: people.map((person) => person.full_name), kept: [], noLongerFound: [] };
      },
    },
    mail: {},
    emailFinder: null,
    profileDomains: ['linkedin.com'],
    profileSearchSite: 'linkedin.com',
  } as unknown as PeopleAgentDependencies;
  return { finder: createPeopleFinderAgent(dependencies), synced };
}

/** The cell of finder column `key` (roles `roles`) on company row `index`, named but without a site. */
function cell(key: string, roles: string[], index: number): CellContext {
  const config = { kind: 'company_people_finder', name: key, key, value: { roles, max_results: 5 } } as unknown as ColumnConfig;
  return {
    table: { id: 'companies', kind: 'company', workspaceId: 'workspace', name: 'Companies' },
    row: { id: `row-${index}`, parentRowId: null, companyProfileId: null },
    column: { id: `column-${key}`, tableId: 'companies', key, position: 1, config, createdAt: '2026-12-06T00:00:00.000Z' },
    inputs: { company_name: `Company ${index}` },
    dependencyValues: {},
    parentInputs: null,
    attempt: 1,
    bypassCache: false,
    runId: 'run',
    signal: new AbortController().signal,
  };
}

describe('people finder role expansion', () => {
  it('expands each distinct role list once, however many rows (and runs) share it', async () => {
    const expansions = vi.mocked(expandRoles);
    expansions.mockClear();
    const { finder, synced } = finderWorld();
    const cells = Array.from({ length: COMPANIES }, (_, index) => [
      cell('sales', ['sales leadership'], index),
      // The same list spelled differently: one list, one expansion.
      cell('sales_again', ['Sales Leadership '], index),
      cell('finance', ['CFO'], index),
    ]).flat();
    // Rows run concurrently, as the engine's workers run them, and then some once more (a rerun).
    const results = await Promise.all(cells.map((context) => finder.execute(context)));
    for (const context of cells.slice(0, 9)) results.push(await finder.execute({ ...context, runId: 'rerun', bypassCache: true }));

    expect(expansions.mock.calls.map(([roles]) => roles)).toEqual([['sales leadership'], ['CFO']]);
    // Each list's own variants reached its rows: the sales cells searched sales titles and found
    // the VP Sales, the CFO cells searched finance titles and found the CFO.
    const searched = results.map((result) => String((result.value['research'] as { queries: string[] }).queries[0]));
    const found = results.map((result) => (result.value.answer as { full_name: string }[]).map((person) => person.full_name));
    const sales = results.flatMap((_result, index) => (cells[index % cells.length]!.column.key === 'finance' ? [] : [index]));
    const finance = results.flatMap((_result, index) => (cells[index % cells.length]!.column.key === 'finance' ? [index] : []));
    expect(sales).toHaveLength(2 * COMPANIES + 6);
    expect(finance).toHaveLength(COMPANIES + 3);
    for (const index of sales) {
      expect(searched[index]).toContain('"chief revenue officer"');
      expect(searched[index]).not.toContain('"chief financial officer"');
      expect(found[index]).toEqual(['Ann Bell']);
    }
    for (const index of finance) {
      expect(searched[index]).toContain('"chief financial officer"');
      expect(searched[index]).not.toContain('"vp sales"');
      expect(found[index]).toEqual(['Carl Dunn']);
    }
    expect(synced).toHaveLength(results.length);
  });
});
