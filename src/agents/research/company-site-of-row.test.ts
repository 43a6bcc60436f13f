import { describe, expect, it } from 'vitest';
import type { CellContext } from '../../engine/cell-executor.ts';
import type { CompanyProfileRecord } from '../../store/store.ts';
import { companySiteOfRow } from './company-site-of-row.ts';

function context(overrides: Partial<CellContext>): CellContext {
  return {
    table: { id: 't', kind: 'company', workspaceId: 'w', name: 't' },
    row: { id: 'r', parentRowId: null, companyProfileId: null },
    column: {} as CellContext['column'],
    inputs: {},
    dependencyValues: {},
    parentInputs: null,
    attempt: 1,
    bypassCache: false,
    runId: null,
    signal: new AbortController().signal,
    ...overrides,
  };
}

const profile = { id: 'p', workspaceId: 'w', domain: 'acme.com', name: 'Acme', website: 'https://www.acme.com/' } as CompanyProfileRecord;
const store = { findCompanyProfile: async (workspaceId: string, id: string) => (workspaceId === 'w' && id === 'p' ? profile : undefined) };

describe('companySiteOfRow', () => {
  it('prefers the linked profile, naming the company as the row does', async () => {
    const site = await companySiteOfRow(
      context({ row: { id: 'r', parentRowId: null, companyProfileId: 'p' }, inputs: { company_name: 'Acme Robotics' } }),
      store,
    );
    expect(site).toEqual({ url: 'https://www.acme.com/', domain: 'acme.com', name: 'Acme Robotics' });
  });

  it("falls back to company_website, the parent row's, then a site-like input", async () => {
    expect(await companySiteOfRow(context({ inputs: { company_website: 'Not found', input: 'globex.io' } }), store)).toEqual({
      url: 'https://globex.io/',
      domain: 'globex.io',
      name: null,
    });
    expect(await companySiteOfRow(context({ inputs: { input: 'Ada Gear' }, parentInputs: { company_website: 'https://initech.com/' } }), store)).toMatchObject({
      domain: 'initech.com',
    });
    expect(await companySiteOfRow(context({ inputs: { input: 'Ada Gear, CEO' } }), store)).toBeNull();
  });
});
