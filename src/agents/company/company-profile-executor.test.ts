import { describe, expect, it } from 'vitest';
import type { CellContext } from '../../engine/cell-executor.ts';
import type { CompanyCandidateSource } from './company-candidates.ts';
import { createCompanyProfileExecutor } from './company-profile-executor.ts';
import { CompanyProfileResolver } from './company-profile-resolver.ts';

const store = {
  findCompanyProfileByDomain: async () => undefined,
  findCompanyProfileByName: async () => undefined,
  findCompanyProfilesByNameWords: async () => [],
  saveCompanyProfile: async () => {
    throw new Error('nothing may be saved for an unmatched name');
  },
};

// A search that always proposes one unrelated company, as real engines do for any query.
const unrelatedSearch: CompanyCandidateSource = {
  name: 'search',
  findCandidates: async () => [
    { source: 'search', domain: 'brightpath.example', website: 'https://brightpath.example/', ownName: 'BrightPath Analytics', evidenceText: '' },
  ],
};

function resolverWith(unresolved: 'not_found' | 'fail') {
  const resolver = new CompanyProfileResolver({
    store,
    pages: {} as never,
    provider: null,
    search: null,
    ttlMs: 1_000,
    match: { threshold: 0.75, unresolved },
    candidateSources: [unrelatedSearch],
  });
  return createCompanyProfileExecutor(resolver, { unresolved });
}

function contextFor(input: string): CellContext {
  return {
    table: { id: 't', kind: 'company', workspaceId: 'w', name: 'companies' },
    row: { id: 'r', parentRowId: null, companyProfileId: null },
    column: { key: 'company_profile' } as CellContext['column'],
    inputs: { input },
    dependencyValues: {},
    parentInputs: null,
    rowInputs: { input },
    attempt: 1,
    bypassCache: false,
    runId: null,
    signal: new AbortController().signal,
  };
}

describe('the company_profile executor with a name that matches nothing', () => {
  it('answers "Not found" naming the best candidate, and links no profile', async () => {
    const result = await resolverWith('not_found').execute(contextFor('Zorblax Quintessence'));
    expect(result.companyProfileId).toBeUndefined();
    expect(result.value).toMatchObject({ answer: 'Not found', source: [], resolution: { method: 'none', candidates: [{ domain: 'brightpath.example' }] } });
    expect(result.value.explanation).toContain('BrightPath Analytics (brightpath.example, score');
  });

  it('fails the cell with the same message when FATHOM_COMPANY_UNRESOLVED=fail', async () => {
    await expect(resolverWith('fail').execute(contextFor('Zorblax Quintessence'))).rejects.toMatchObject({
      code: 'company_not_identified',
      isRetryable: false,
      message: expect.stringContaining("no company matched 'Zorblax Quintessence' well enough"),
    });
    await expect(resolverWith('fail').execute(contextFor('not a website at all!!'))).rejects.toMatchObject({
      message: expect.stringContaining('does not name a company'),
    });
  });
});
