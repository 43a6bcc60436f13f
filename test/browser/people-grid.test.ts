import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureWeb, type FixtureWeb } from '../fixtures/fixture-web/index.ts';
import { PEOPLE_FIXTURE_SITES } from '../fixtures/fixture-web/people/people-sites.ts';
import type { TestServer } from '../support/test-server.ts';
import { waitForIdle } from '../support/wait-for.ts';
import { closeCheckingConsole, launchChromium, openPage, type OpenedPage } from './support/browser.ts';
import { ensureWebAppBuilt } from './support/build-web-app.ts';
import { signInBeforeLoad } from './support/page-helpers.ts';
import { startWebTestServer } from './support/web-test-server.ts';

const cell = (page: OpenedPage['page'], row: number, key: string) => page.locator(`[data-row-index="${row}"] .grid-cell[data-column-key="${key}"]`);

// A company row's people in the grid: from the finder cell to the people table and back.
describe('people tables in the grid, in Chromium', () => {
  let web: FixtureWeb;
  let server: TestServer;
  let browser: Browser;
  let opened: OpenedPage | undefined;
  let companyId: string;
  let childId: string;

  beforeAll(async () => {
    await ensureWebAppBuilt();
    web = await startFixtureWeb({ sites: PEOPLE_FIXTURE_SITES });
    server = await startWebTestServer({
      environment: { FATHOM_FETCH_ALLOW_HOSTS: '127.0.0.1', FATHOM_POLL_INTERVAL_MS: '50' },
      agentOverrides: { fetcher: web.fetcherOptions },
    });
    const table = await server.alice.post('/v1/tables', {
      kind: 'company',
      name: 'Accounts',
      column_configs: [{ kind: 'company_people_finder', name: 'Sales leaders', key: 'sales_leaders', value: { roles: ['sales leadership'] } }],
    });
    companyId = table.body.id;
    childId = table.body.child_relationships[0].table_id;
    await server.alice.post(`/v1/tables/${companyId}/rows`, { rows: [{ data: { input: web.urlFor('northwind') } }], run: true });
    await waitForIdle(server.alice, companyId, 30_000);
    browser = await launchChromium();
  }, 180_000);

  afterEach(async () => {
    const page = opened;
    opened = undefined;
    await closeCheckingConsole(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await web?.close();
  });

  it('opens the people table from the finder cell; child rows show their company; the header links both ways', async () => {
    opened = await openPage(browser, server.baseUrl);
    await signInBeforeLoad(opened.context, server.tokens.alice);
    const { page } = opened;
    await page.goto(`/tables/${companyId}`);
    await cell(page, 0, 'sales_leaders').click();
    const panel = page.getByTestId('cell-panel');
    await panel.getByTestId('cell-panel-answer').getByText('Ann Bell').waitFor();
    await panel.getByTestId('open-people-table').click();
    await page.waitForURL(`**/tables/${childId}`);
    await cell(page, 0, 'full_name').getByText('Ann Bell').waitFor();
    await cell(page, 0, 'role').click();
    expect(await page.getByTestId('cell-panel-parent').textContent()).toBe('Company: Northwind Traders');
    await page.keyboard.press('Escape');
    await page.getByTestId('parent-table-link').click();
    await page.waitForURL(`**/tables/${companyId}`);
    await page.getByTestId('child-table-link').click();
    await page.waitForURL(`**/tables/${childId}`);
  });
});
