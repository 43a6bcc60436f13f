import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDeepSearchEnvironment, WAREHOUSE_CRITERIA, type DeepSearchEnvironment } from '../fixtures/fixture-web/deep-search/index.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { waitFor, waitForIdle } from '../support/wait-for.ts';
import { SignedInPages } from './support/browser.ts';
import { ensureWebAppBuilt } from './support/build-web-app.ts';
import { saveScreenshot } from './support/page-helpers.ts';

/** Companies imported into the workspace's index before the tests (profiles stored as given). */
const INDEX = [
  {
    domain: 'paylane.de',
    name: 'Paylane',
    short_description: 'Payroll software for German small businesses.',
    products_services: 'Payroll, payslips, tax filing',
    employee_count: '51-200',
    hq_country: 'Germany',
    hq_city: 'Berlin',
    founding_year: 2016,
  },
  {
    domain: 'lohnwerk.de',
    name: 'Lohnwerk',
    short_description: 'Cloud payroll and HR administration.',
    products_services: 'Payroll processing, time tracking',
    employee_count: '11-50',
    hq_country: 'Germany',
    hq_city: 'Munich',
    founding_year: 2019,
  },
  {
    domain: 'payfield.com',
    name: 'Payfield',
    short_description: 'Payroll and benefits platform for US startups.',
    products_services: 'Payroll, benefits, compliance',
    employee_count: '201-500',
    hq_country: 'United States',
    hq_city: 'Austin',
    founding_year: 2012,
  },
  {
    domain: 'gripbot.com',
    name: 'Gripbot',
    short_description: 'Warehouse robots that pick and pack orders.',
    products_services: 'Picking robots, fleet software',
    employee_count: '51-200',
    hq_country: 'United States',
    hq_city: 'Pittsburgh',
    founding_year: 2015,
  },
  {
    domain: 'stacker-robotics.co.uk',
    name: 'Stacker Robotics',
    short_description: 'Autonomous mobile robots for warehouses.',
    products_services: 'Mobile robots, warehouse automation',
    employee_count: '11-50',
    hq_country: 'United Kingdom',
    hq_city: 'Leeds',
    founding_year: 2020,
  },
  {
    domain: 'crumbhouse.co.uk',
    name: 'Crumbhouse Bakery',
    short_description: 'Sourdough bakery and café.',
    products_services: 'Bread, pastries, coffee',
    employee_count: '1-10',
    hq_country: 'United Kingdom',
    hq_city: 'Leeds',
    founding_year: 1998,
  },
];

const shownDomains = (page: Page) =>
  page.locator('[data-testid="company-results"] tbody tr').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.domain ?? ''));

const inputsOf = (data: { rows: { data: { input: { value: unknown } } }[] }) => data.rows.map((row) => String(row.data.input.value));

// Issue 14 item 5 and issue 15 item 5: the grid's Find companies panel and Deep Search page, against
// the real server with the Deep Search fixture web, the SearXNG stand-in and the model stand-in.
describe('Find companies and Deep Search in the grid, in Chromium', () => {
  let environment: DeepSearchEnvironment;
  let server: TestServer;
  let pages: SignedInPages;

  beforeAll(async () => {
    await ensureWebAppBuilt();
    environment = await startDeepSearchEnvironment();
    server = await startTestServer('sqlite', { withWorkers: true, environment: environment.environment, agentOverrides: environment.agentOverrides });
    const imported = await server.alice.post('/v1/companies/import', { companies: INDEX, source: 'browser-test.ndjson' });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    pages = await SignedInPages.launch();
  }, 180_000);

  afterEach(() => pages.closePage());

  afterAll(async () => {
    await pages?.close();
    await server?.close();
    await environment?.close();
  });

  const open = (path: string): Promise<Page> => pages.open(server.baseUrl, server.tokens.alice, path);

  it('finds companies of the index by description and filters, shows a 422 in plain words, adds exactly the two ticked, and finds lookalikes', async () => {
    const table = (await server.alice.post('/v1/tables', { kind: 'company', name: 'Prospects' })).body;
    const page = await open(`/tables/${table.id}`);
    pages.current!.console.expect({ status: 422, url: /\/v1\/companies\/search/ });
    await page.locator('.toolbar').getByRole('button', { name: 'Find companies' }).click();
    const panel = page.getByTestId('find-companies-panel');
    await panel.getByTestId('find-companies-query').fill('payroll software');
    await panel.getByRole('button', { name: 'Search', exact: true }).click();
    await panel.getByTestId('company-results').waitFor();
    // The panel shows what the API answers for the same query, in its order.
    const expected = (await server.alice.post('/v1/companies/search', { q: 'payroll software', pagination: { offset: 0, limit: 25 } })).body;
    expect(expected.results.length).toBeGreaterThanOrEqual(3);
    expect(await shownDomains(page)).toEqual(expected.results.map((result: { domain: string }) => result.domain));
    expect(await shownDomains(page)).toEqual(expect.arrayContaining(['paylane.de', 'lohnwerk.de', 'payfield.com']));
    expect(await shownDomains(page)).not.toContain('crumbhouse.co.uk');
    const firstRelevance = await panel.getByTestId('relevance').first().textContent();
    expect(firstRelevance).toBe(`${Math.round(expected.results[0].relevance_score * 100)} %`);

    // A domain the server cannot read: its 422 names the field and the entry, in the form's words.
    await panel.getByTestId('search-filters').locator('summary').click();
    const excluded = panel.getByLabel('Leave out domains');
    await excluded.fill('not-a-domain');
    await panel.getByRole('button', { name: 'Search', exact: true }).click();
    const error = panel.getByTestId('find-companies-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/^The search was refused: Leave out domains, entry 1: 'not-a-domain' is not a domain/);

    // Filters narrow the results: only German payroll companies, one of them left out by its URL.
    await excluded.fill('https://www.lohnwerk.de/about');
    await panel.getByLabel('Countries', { exact: true }).fill('Germany');
    await panel.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="company-results"] tbody tr').length === 1);
    expect(await shownDomains(page)).toEqual(['paylane.de']);
    expect(await panel.locator('summary').textContent()).toBe('Filters (2 set)');

    // Without filters again: tick two, add them.
    await excluded.fill('');
    await panel.getByLabel('Countries', { exact: true }).fill('');
    await panel.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="company-results"] tbody tr').length >= 3);
    await panel.getByLabel('Tick Paylane').check();
    await panel.getByLabel('Tick Payfield').check();
    await saveScreenshot(page, 'find-companies');
    await panel.getByTestId('add-companies').click();
    await panel.waitFor({ state: 'detached' });
    const data = await waitForIdle(server.alice, table.id, 30_000);
    expect(inputsOf(data).sort()).toEqual(['payfield.com', 'paylane.de']);
    // The rows' profiles are the index's, reused: nothing of these domains is on the fixture web to read.
    for (const row of data.rows) {
      expect(row.data.company_profile.status, JSON.stringify(row.data.company_profile)).toBe('done');
      expect(row.data.company_profile.value.answer.name).toBe(INDEX.find((company) => company.domain === row.data.input.value)!.name);
    }
    await page.locator('.grid-cell[data-column-key="company_name"]').getByText('Payfield').waitFor();

    // Lookalikes of a domain: the seed is never among them.
    await page.locator('.toolbar').getByRole('button', { name: 'Find companies' }).click();
    await panel.getByLabel('Companies like…').check();
    await panel.getByTestId('find-companies-query').fill('gripbot.com');
    await panel.getByRole('button', { name: 'Search', exact: true }).click();
    await panel.getByTestId('company-results').waitFor();
    expect(await panel.getByTestId('find-companies-summary').textContent()).toContain('Companies like Gripbot');
    const lookalikes = await shownDomains(page);
    expect(lookalikes).not.toContain('gripbot.com');
    expect(lookalikes[0]).toBe('stacker-robotics.co.uk');
  }, 90_000);

  it('runs a Deep Search from the page: counters move to done, results carry grades and explanations, ticked results become rows, resume', async () => {
    const robots = (await server.alice.post('/v1/tables', { kind: 'company', name: 'Robots' })).body;
    const page = await open('/');
    await page.locator('.app-header').getByRole('link', { name: 'Deep Search' }).click();
    await page.waitForURL('**/deep-search');
    const form = page.getByTestId('new-deep-search');
    await form.getByTestId('deep-search-query').fill('warehouse robotics companies');
    await form.getByLabel('How many companies').fill('6');
    const rows = form.getByTestId('criterion-row');
    await rows.nth(0).getByLabel('Name').fill(WAREHOUSE_CRITERIA[0]!.name);
    // The key follows the name until it is typed.
    expect(await rows.nth(0).getByLabel('Key').inputValue()).toBe('builds_warehouse_robots');
    await rows.nth(0).getByLabel('Key').fill(WAREHOUSE_CRITERIA[0]!.key);
    await rows.nth(0).getByLabel('What must hold').fill('short');
    await form.getByRole('button', { name: 'Add a criterion' }).click();
    await rows.nth(1).getByLabel('Name').fill(WAREHOUSE_CRITERIA[1]!.name);
    await rows.nth(1).getByLabel('Key').fill(WAREHOUSE_CRITERIA[1]!.key);
    await rows.nth(1).getByLabel('What must hold').fill(WAREHOUSE_CRITERIA[1]!.criterion);
    // A criterion too short to grade by is marked at its field before anything is sent.
    await form.getByRole('button', { name: 'Start Deep Search' }).click();
    await rows.nth(0).getByText('Describe what must hold in at least 10 characters').waitFor();
    expect((await server.alice.get('/v1/discovery_tasks')).body).toHaveLength(0);
    await rows.nth(0).getByLabel('What must hold').fill(WAREHOUSE_CRITERIA[0]!.criterion);
    await form.getByRole('button', { name: 'Start Deep Search' }).click();
    await page.waitForURL(/\/deep-search\/[^/]+$/);
    const taskId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const created = (await server.alice.get(`/v1/discovery_tasks/${taskId}`)).body;
    expect(created).toMatchObject({ query: 'warehouse robotics companies', desired_num_results: 6, criteria: WAREHOUSE_CRITERIA, table_id: null });

    // Watch the four counters as the page shows them, until the page says done.
    const readCounters = () =>
      page.evaluate(() => {
        const value = (key: string) =>
          Number(document.querySelector(`[data-testid="counter-${key}"] .task-counter-value`)?.textContent?.replace(/\D/g, '') ?? -1);
        return {
          status: document.querySelector<HTMLElement>('[data-testid="task-state"]')?.dataset.status ?? '',
          discovered: value('num_results_discovered'),
          enriched: value('num_results_enriched'),
          evaluated: value('num_results_evaluated'),
          results: value('num_results'),
        };
      });
    const seen: Awaited<ReturnType<typeof readCounters>>[] = [];
    await waitFor(
      async () => {
        const counters = await readCounters();
        if (counters.status !== '') seen.push(counters);
        return counters.status === 'done' || counters.status === 'failed' ? counters : undefined;
      },
      90_000,
      100,
    );
    const final = seen.at(-1)!;
    expect(final.status).toBe('done');
    expect(seen[0]!.status).not.toBe('done');
    for (const [index, counters] of seen.entries()) {
      expect(counters.evaluated).toBeLessThanOrEqual(counters.enriched);
      expect(counters.enriched).toBeLessThanOrEqual(counters.discovered);
      if (index > 0) expect(counters.evaluated).toBeGreaterThanOrEqual(seen[index - 1]!.evaluated);
    }
    const task = (await server.alice.get(`/v1/discovery_tasks/${taskId}/results?limit=100`)).body;
    expect(final).toEqual({
      status: 'done',
      discovered: task.num_results_discovered,
      enriched: task.num_results_enriched,
      evaluated: task.num_results_evaluated,
      results: task.num_results,
    });
    expect(task.num_results_evaluated).toBe(6);
    expect(new Set(seen.map((counters) => counters.evaluated)).size, JSON.stringify(seen)).toBeGreaterThan(1);
    // Once done the page stops asking: no read of the task over two poll intervals.
    let polls = 0;
    const countPolls = (request: { url(): string }) => {
      if (request.url().includes(`/v1/discovery_tasks/${taskId}`)) polls++;
    };
    page.on('request', countPolls);
    await page.waitForTimeout(2 * 1_500 + 500);
    page.off('request', countPolls);
    expect(polls).toBe(0);

    // Results in the server's order, each with its grade per criterion and, opened, the explanation.
    const resultRows = page.getByTestId('discovery-result');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="discovery-result"]').length === 6);
    const shown = await resultRows.evaluateAll((elements) => elements.map((element) => (element as HTMLElement).dataset.resultDomain));
    expect(shown).toEqual(task.results.map((result: { company_website: string }) => result.company_website));
    for (const [index, result] of task.results.entries()) {
      const row = resultRows.nth(index);
      expect(await row.getByTestId('result-relevance').textContent()).toBe(String(result.relevance));
      for (const criterion of WAREHOUSE_CRITERIA) {
        expect(await row.locator(`[data-criterion="${criterion.key}"] [data-testid="result-grade"]`).textContent()).toBe(
          `${result.scores[criterion.key].grade}/5`,
        );
      }
    }
    await resultRows.nth(0).getByTestId('result-why').click();
    const details = page.getByTestId('result-details');
    await details.waitFor();
    for (const criterion of WAREHOUSE_CRITERIA) expect(await details.textContent()).toContain(task.results[0].scores[criterion.key].explanation);
    await saveScreenshot(page, 'deep-search-task');

    // Tick two results and add them to the Robots table: exactly those two rows.
    await resultRows.nth(0).getByRole('checkbox').check();
    await resultRows.nth(2).getByRole('checkbox').check();
    await page.getByTestId('add-results-table').selectOption({ label: 'Robots' });
    await page.getByTestId('add-results').click();
    await page.getByTestId('add-results-done').waitFor();
    expect(await page.getByTestId('add-results-done').textContent()).toBe('Added 2 companies to Robots.');
    const data = await waitForIdle(server.alice, robots.id, 30_000);
    expect(inputsOf(data).sort()).toEqual([task.results[0].company_website, task.results[2].company_website].sort());
    expect(data.rows.every((row: { metadata: { discovery_task_id?: string } }) => row.metadata.discovery_task_id === taskId)).toBe(true);

    // Resume asks for more; the page follows the task back to done.
    await page.getByLabel('More companies to find').fill('2');
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid="task-state"]')?.dataset.status !== 'done');
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid="task-state"]')?.dataset.status === 'done', null, { timeout: 60_000 });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="discovery-result"]').length === 8);

    // The task is among the past ones, and opens from there.
    await page.getByRole('link', { name: 'Deep Search' }).first().click();
    await page.waitForURL('**/deep-search');
    await page.getByTestId('past-tasks').getByRole('link', { name: 'warehouse robotics companies' }).click();
    await page.waitForURL(`**/deep-search/${taskId}`);
    await page.getByTestId('discovery-result').first().waitFor();
  }, 180_000);

  it('starts a Deep Search with the table hook (criteria written by the server), adds its results as they are graded, and pauses it', async () => {
    const hooked = (await server.alice.post('/v1/tables', { kind: 'company', name: 'Auto robots' })).body;
    const page = await open('/deep-search');
    const form = page.getByTestId('new-deep-search');
    await form.getByTestId('deep-search-query').fill('warehouse robotics companies');
    await form.getByLabel('How many companies').fill('40');
    await form
      .getByTestId('criterion-row')
      .nth(0)
      .getByRole('button', { name: /Remove criterion/ })
      .click();
    await form.getByTestId('deep-search-import-table').selectOption({ label: 'Auto robots' });
    await saveScreenshot(page, 'deep-search-new');
    await form.getByRole('button', { name: 'Start Deep Search' }).click();
    await page.waitForURL(/\/deep-search\/[^/]+$/);
    const hookedId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await page.getByTestId('task-table-hook').waitFor();
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('button', { name: 'Pausing…' }).waitFor();
    const paused = (await server.alice.get(`/v1/discovery_tasks/${hookedId}`)).body;
    expect(paused).toMatchObject({ table_id: hooked.id, is_paused: true });
    expect(paused.criteria.length).toBeGreaterThan(0);
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid="task-state"]')?.dataset.status === 'done', null, { timeout: 60_000 });
    const ended = (await server.alice.get(`/v1/discovery_tasks/${hookedId}`)).body;
    expect(ended.num_results_evaluated).toBeLessThan(40);
    const imported = await waitForIdle(server.alice, hooked.id, 30_000);
    expect(imported.rows).toHaveLength(ended.num_results_evaluated);
  }, 180_000);
});
