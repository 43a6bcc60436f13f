import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createFathom } from '../../src/main.ts';
import { warmCompanyIndexes } from '../../src/services/company-search/company-index-warm-up.ts';
import type { CompanyProfileRecord } from '../../src/store/store.ts';
import { companyProfileRecord } from '../fixtures/builders/company-profile-record.ts';
import { testBackends } from '../support/backends.ts';
import { openTestStore } from '../support/test-database.ts';

function profile(workspaceId: string, index: number): CompanyProfileRecord {
  return companyProfileRecord(workspaceId, `${workspaceId}-${index}.com`, { name: `${workspaceId} payroll ${index}` });
}

describe.each(testBackends())('The company index warm-up on %s', (backend) => {
  it('loads the workspaces with the most profiles first, up to the bound, and an API process starts it without waiting for it', async () => {
    const opened = await openTestStore(backend);
    try {
      const sizes = { 'warm-big': 3, 'warm-mid': 2, 'warm-small': 1 };
      for (const [workspaceId, count] of Object.entries(sizes)) {
        await opened.store.saveCompanyProfiles(Array.from({ length: count }, (_, index) => profile(workspaceId, index)));
      }
      const report = await warmCompanyIndexes({ store: opened.store, maxWorkspaces: 2, signal: new AbortController().signal });
      expect(report.stopped).toBeNull();
      expect(report.workspaces.map((warmed) => [warmed.workspaceId, warmed.profiles])).toEqual([
        ['warm-big', 3],
        ['warm-mid', 2],
      ]);

      // A process serving the API over that database warms them in the background.
      const config = loadConfig({ PORT: '0', FATHOM_LOG_LEVEL: 'silent', FATHOM_COMPANY_INDEX_WORKSPACES: '1' });
      const fathom = await createFathom({ config, logger: pino({ level: 'silent' }), databaseLocation: opened.location, withApi: true, withWorkers: false });
      try {
        const started = await fathom.companyIndexWarmUp;
        expect(started?.workspaces.map((warmed) => [warmed.workspaceId, warmed.profiles])).toEqual([['warm-big', 3]]);
      } finally {
        await fathom.close();
      }
      // Turned off: none runs.
      const off = await createFathom({
        config: loadConfig({ PORT: '0', FATHOM_LOG_LEVEL: 'silent', FATHOM_COMPANY_INDEX_WARM_UP: 'false' }),
        logger: pino({ level: 'silent' }),
        databaseLocation: opened.location,
        withApi: true,
        withWorkers: false,
      });
      expect(off.companyIndexWarmUp).toBeNull();
      await off.close();
    } finally {
      await opened.close();
    }
  });
});
