import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  minimalValueForSchema,
  startOpenAiCompatibleServer,
  type ChatRequest,
  type OpenAiCompatibleServer,
} from '../fixtures/openai-compatible-server/index.ts';
import { startFixtureWeb, type FixtureWeb } from '../fixtures/fixture-web/index.ts';
import type { TestServer } from '../support/test-server.ts';
import { parseCsv } from '../../web/src/rows/parse-csv.ts';
import { closeCheckingConsole, launchChromium, openPage, type OpenedPage } from './support/browser.ts';
import { ensureWebAppBuilt } from './support/build-web-app.ts';
import { columnStatuses, downloadText, saveScreenshot, signInBeforeLoad, waitForColumnStatuses } from './support/page-helpers.ts';
import { startWebTestServer } from './support/web-test-server.ts';

/** Company sites of the fixture web (test/fixtures/fixture-web), with the names their pages give. */
const SITES = ['borealis', 'cobalt', 'dunmore', 'fernwood', 'globex'];
const COMPANY_NAMES = ['Borealis Freight', 'Cobalt Health', 'Dunmore Bakery', 'Fernwood Analytics', 'Globex Analytics'];
const JUNK_ROW = 'not a company';

/** The LLM stand-in's answer for a Segment cell, with an explanation naming the company so the panel shows real text. */
function segmentReply(request: ChatRequest): object {
  const name = COMPANY_NAMES.find((company) => request.prompt.includes(company)) ?? 'the company';
  return { answer: 'B2B', explanation: `${name} sells to other businesses, according to its own site.`, sources: [] };
}

const SEGMENT_COLUMN = {
  kind: 'agent',
  name: 'Segment',
  key: 'segment',
  value: { agent_type: 'llm', prompt: 'Is {input} a business-to-business or a consumer company?', output_format: 'select', labels: ['B2B', 'B2C'] },
};

const LLM_ENVIRONMENT = (baseUrl: string) => ({
  FATHOM_LLM_BASE_URL: baseUrl,
  FATHOM_LLM_MODEL: 'test-model',
  // Two cells at a time, so a run of six leaves some queued long enough to cancel them.
  FATHOM_WORKER_CONCURRENCY: '2',
  FATHOM_CLAIM_BATCH_SIZE: '2',
});

const cell = (page: Page, row: number, key: string) => page.locator(`[data-row-index="${row}"] .grid-cell[data-column-key="${key}"]`);

describe('the grid, end to end in Chromium', () => {
  let llm: OpenAiCompatibleServer;
  let web: FixtureWeb;
  let server: TestServer;
  let browser: Browser;
  let opened: OpenedPage | undefined;

  beforeAll(async () => {
    await ensureWebAppBuilt();
    llm = await startOpenAiCompatibleServer({
      rules: [
        // Cells of the cancel test answer slowly, so most of them are still queued when the run is cancelled.
        { whenPromptIncludes: 'cancel-me', reply: (request) => minimalValueForSchema(request.jsonSchema) as object, delayMs: 3_000 },
        { whenPromptIncludes: 'business', reply: segmentReply },
      ],
    });
    web = await startFixtureWeb();
    // The real agents, the company ones reading the fixture web instead of the internet.
    server = await startWebTestServer({ environment: LLM_ENVIRONMENT(llm.baseUrl), agentOverrides: { fetcher: web.fetcherOptions } });
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
    await llm?.close();
    await web?.close();
  });

  it('signs in, builds a company table through the UI, runs an llm select column and watches every cell fill, then exports', async () => {
    const urls = SITES.map((site) => web.urlFor(site));
    const typo = urls[2]!.replace('dunmore', 'dunmroe');
    opened = await openPage(browser, server.baseUrl);
    const { page } = opened;

    // A wrong token gets a clear refusal, not a broken app.
    await page.goto('/');
    opened.console.expect({ status: 401, url: /\/v1\/user$/ });
    await page.getByLabel('API token').fill('fth_this_token_does_not_exist');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('sign-in-error').getByText('did not accept this token (401)').waitFor();

    await page.getByLabel('API token').fill(server.tokens.alice);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('No tables yet').waitFor();
    expect(await page.getByTestId('signed-in-user').textContent()).toContain('alice@acme.test');

    // Create a company table.
    await page.getByRole('button', { name: 'Create your first table' }).click();
    const createDialog = page.getByTestId('create-table-dialog');
    expect(await createDialog.getByLabel(/Companies/).isChecked()).toBe(true);
    await createDialog.locator('#new-table-name').fill('Fintech leads');
    await createDialog.getByRole('button', { name: 'Create table' }).click();
    await page.waitForURL(/\/tables\/[0-9a-f-]+$/);
    const tableId = page.url().split('/').pop()!;
    await page.getByText('This table has no rows yet').waitFor();

    // Paste the five companies (one mistyped, and one line that is not a company at all).
    await page.getByRole('button', { name: 'Paste a list' }).click();
    await page.locator('#paste-rows').fill([urls[0], urls[1], typo, urls[3], urls[4], JUNK_ROW].join('\n'));
    await page.getByRole('button', { name: 'Add 6 rows' }).click();
    await cell(page, 5, 'input').getByText(JUNK_ROW).waitFor();
    expect(await page.getByTestId('table-counts').textContent()).toContain('6 rows');

    // Delete the junk row through its checkbox, with confirmation.
    await page.getByLabel('Select row 6').check();
    await page.getByTestId('selection').getByRole('button', { name: 'Delete' }).click();
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Delete rows' }).click();
    await page.getByTestId('table-counts').getByText('5 rows').waitFor();
    await page.locator('[data-row-index="5"]').waitFor({ state: 'detached' });

    // Fix the typo inline: double-click, type, Enter.
    await cell(page, 2, 'input').dblclick();
    await page.getByLabel('Edit cell').fill(urls[2]!);
    await page.getByLabel('Edit cell').press('Enter');
    await cell(page, 2, 'input').getByText(urls[2]!).waitFor();
    const saved = await server.alice.get(`/v1/tables/${tableId}/data?offset=2&limit=1`);
    expect(saved.body.rows[0].data.input.value).toBe(urls[2]);

    // A server-side 422 reads as a sentence naming the field.
    opened.console.expect({ status: 422, url: /\/v1\/tables\/[^/]+$/ });
    await page.getByTitle('Rename').click();
    await page.locator('#table-name').fill('   ');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.getByTestId('error-message').textContent()).toMatch(/name: String should have at least 1 character/);
    await page.getByRole('button', { name: 'Cancel' }).click();

    // Add an llm select column through the form.
    await page.getByRole('button', { name: 'Add column', exact: true }).click();
    const form = page.getByTestId('column-form');
    await form.locator('#column-name').fill('Segment');
    expect(await form.locator('#column-key').inputValue()).toBe('segment');
    const agentTypes = await form.locator('#column-agent-type option').evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(agentTypes).toEqual(['research_pro', 'research_reasoning', 'llm', 'linkedin']);
    await form.locator('#column-agent-type').selectOption('llm');
    const prompt = form.locator('#column-prompt');
    await prompt.pressSequentially('Is {company_n');
    await form.getByRole('option', { name: /\{company_name\}/ }).waitFor();
    await prompt.press('Enter');
    expect(await prompt.inputValue()).toBe('Is {company_name}');
    await prompt.pressSequentially(' a business in {industry_nope}');
    await form.locator('[data-unknown-key="industry_nope"]').waitFor();
    expect(await form.getByText(/Unknown key \{industry_nope\}/).count()).toBe(1);
    await prompt.fill('Is {company_name} a business-to-business or a consumer company?');
    await form.locator('[data-unknown-key]').waitFor({ state: 'detached' });
    await form.locator('#column-output-format').selectOption('select');
    // Without labels the local checks refuse the column before anything is sent.
    await form.getByRole('button', { name: 'Add column', exact: true }).click();
    await form.getByTestId('labels-field').locator('.field-error').first().waitFor();
    await form.locator('#column-labels').fill('B2B');
    await form.locator('#column-labels').press('Enter');
    await form.locator('#column-labels').fill('B2C');
    await form.locator('#column-labels').press('Enter');
    await form.getByRole('button', { name: 'Add column', exact: true }).click();
    await form.waitFor({ state: 'detached' });

    const header = page.locator('.grid-header-cell[data-column-key="segment"]');
    expect(await header.locator('.grid-header-kind').textContent()).toBe('agent · llm · select');
    await waitForColumnStatuses(page, 'segment', 5, ['created']);
    expect(await cell(page, 0, 'segment').textContent()).toBe('Not run');

    // Keyboard: the clicked cell is active, arrows move, Enter opens the panel, Esc closes it.
    await cell(page, 0, 'input').click();
    await page.getByTestId('cell-panel').getByTestId('cell-panel-answer').getByText(urls[0]!).waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('cell-panel').waitFor({ state: 'detached' });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByTestId('cell-panel').getByTestId('cell-panel-answer').getByText(urls[1]!).waitFor();
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('grid').getAttribute('aria-activedescendant')).toBe('grid-cell-1-0');

    // Run the new column: its cells and the built-in company columns they wait for fill in, without a reload.
    await page.getByRole('button', { name: 'Run…' }).click();
    const runDialog = page.getByTestId('run-dialog');
    await runDialog.locator('#run-column').selectOption({ label: 'Segment' });
    await runDialog.getByRole('button', { name: 'Start run' }).click();
    await runDialog.waitFor({ state: 'detached' });
    await waitForColumnStatuses(page, 'segment', 5, ['done'], 60_000);
    expect(await page.locator('.grid-cell[data-column-key="segment"] .chip').allTextContents()).toEqual(['B2B', 'B2B', 'B2B', 'B2B', 'B2B']);
    await waitForColumnStatuses(page, 'company_name', 5, ['done']);
    expect(await page.locator('.grid-cell[data-column-key="company_name"]').allTextContents()).toEqual(COMPANY_NAMES);
    await page.getByTestId('run-progress').waitFor({ state: 'detached' });
    const table = await server.alice.get(`/v1/tables/${tableId}`);
    const segmentColumnId = table.body.columns.find((column: { config: { key: string } }) => column.config.key === 'segment').id;
    const runs = await server.alice.get(`/v1/tables/${tableId}/runs`);
    expect(runs.body[0]).toMatchObject({ mode: 'new', columns: [segmentColumnId], rows: null, status: 'done' });
    await saveScreenshot(page, 'grid');

    // A cell's story: its answer and explanation.
    await cell(page, 2, 'segment').click();
    const panel = page.getByTestId('cell-panel');
    await panel.getByTestId('cell-panel-explanation').getByText('Dunmore Bakery sells to other businesses').waitFor();
    expect(await panel.getByTestId('cell-panel-answer').textContent()).toBe('B2B');
    expect(await panel.getByTestId('cell-panel-usage').textContent()).toContain('test-model');
    await saveScreenshot(page, 'cell-panel');
    // A built-in cell's sources are links to the pages it read.
    await cell(page, 2, 'company_name').click();
    expect(await panel.getByTestId('cell-panel-sources').getByRole('link').first().getAttribute('href')).toBe(urls[2]);
    await page.keyboard.press('Escape');

    // Export: the whole table as CSV, answers flattened to readable text.
    await page.getByRole('button', { name: 'Export' }).click();
    const csv = await downloadText(page, () => page.getByTestId('export-dialog').getByRole('button', { name: 'Export 5 rows' }).click());
    expect(csv.fileName).toBe('fintech-leads.csv');
    const exported = parseCsv(csv.text);
    // The company profile (an object answer) is split into one column per field (issue 16.1).
    const profileFields = exported.header.filter((name) => name.startsWith('company_profile.'));
    expect(profileFields.length).toBeGreaterThan(1);
    expect(exported.header).toEqual(['row_id', 'input', ...profileFields, 'company_name', 'company_website', 'segment']);
    const column = (name: string) => exported.records.map((record) => record[exported.header.indexOf(name)]);
    expect(column('input')).toEqual(urls);
    expect(column('company_name')).toEqual(COMPANY_NAMES);
    expect(column('segment')).toEqual(['B2B', 'B2B', 'B2B', 'B2B', 'B2B']);

    await page.getByRole('button', { name: 'Export' }).click();
    await page.getByTestId('export-dialog').getByLabel('JSON').check();
    const json = await downloadText(page, () => page.getByTestId('export-dialog').getByRole('button', { name: 'Export 5 rows' }).click());
    const records = JSON.parse(json.text) as Record<string, unknown>[];
    expect(records.map((record) => [record.company_name, record.segment])).toEqual(COMPANY_NAMES.map((name) => [name, 'B2B']));
  }, 120_000);

  it('cancels a run from the progress bar: queued cells go back to not run', async () => {
    const tableId = await createTableThroughApi('Cancel me', ['one', 'two', 'three', 'four', 'five', 'six'], {
      kind: 'agent',
      name: 'Slow',
      key: 'slow',
      value: { agent_type: 'llm', prompt: 'cancel-me {input}', output_format: 'text' },
    });
    opened = await openSignedIn(`/tables/${tableId}`);
    const { page } = opened;
    await waitForColumnStatuses(page, 'slow', 6, ['created']);

    await page.getByRole('button', { name: 'Run…' }).click();
    await page.getByTestId('run-dialog').getByRole('button', { name: 'Start run' }).click();
    const progress = page.getByTestId('run-progress');
    await progress.waitFor();
    // The bar shows as soon as the table says it is running; the run's own counts (read from GET …/runs) come a moment later.
    await page.waitForFunction(() => /of 6 cells done/.test(document.querySelector('[data-testid="run-progress-counts"]')?.textContent ?? ''));
    // Each answer takes 3 s, so nothing has finished yet.
    expect(await progress.getByTestId('run-progress-counts').textContent()).toMatch(/^0 of 6 cells done/);
    await waitForColumnStatuses(page, 'slow', 6, ['requested', 'in_progress']);

    await progress.getByRole('button', { name: 'Cancel run' }).click();
    // The two cells the workers already hold finish; the four still queued go back to "Not run".
    await page.waitForFunction(() => document.querySelectorAll('.grid-cell[data-column-key="slow"][data-status="created"]').length >= 4);
    expect(await columnStatuses(page, 'slow')).not.toContain('requested');
    const runs = await server.alice.get(`/v1/tables/${tableId}/runs`);
    expect(runs.body[0].status).toBe('canceled');

    await page.getByRole('button', { name: 'Runs' }).click();
    await page.getByTestId('runs-dialog').getByText('canceled').waitFor();
  });

  it('fills every cell live while a run goes, pushed by the server, then tells one cell’s story', async () => {
    const tableId = await createTableThroughApi('Vendors', COMPANY_NAMES, SEGMENT_COLUMN);
    opened = await openSignedIn(`/tables/${tableId}`);
    await opened.page.locator('[data-live-mode="pushed"]').waitFor();
    await watchCellsFill(opened);
  });

  it('falls back to re-reading the visible rows every 2 s when the server cannot push (events answer 404)', async () => {
    const tableId = await createTableThroughApi('Vendors without events', COMPANY_NAMES, SEGMENT_COLUMN);
    opened = await openPage(browser, server.baseUrl);
    await signInBeforeLoad(opened.context, server.tokens.alice);
    // A server without the events extension (an older Fathom, or a proxy that drops streams).
    await opened.page.route('**/v1/tables/*/events', (route) =>
      route.fulfill({ status: 404, contentType: 'application/json', body: '{"detail":"Not Found","code":"not_found"}' }),
    );
    opened.console.expect({ status: 404, url: /\/events$/ });
    const dataRequests: string[] = [];
    opened.page.on('request', (request) => {
      if (request.url().includes('/data?')) dataRequests.push(new URL(request.url()).search);
    });
    await opened.page.goto(`/tables/${tableId}`);
    await opened.page.locator('[data-live-mode="polling"]').waitFor();
    await watchCellsFill(opened);
    // Only the visible page was polled, never the whole table (every request has a limit).
    expect(dataRequests.length).toBeGreaterThan(1);
    expect(dataRequests.every((search) => /limit=\d+/.test(search))).toBe(true);
  });

  /** A table made through the API (the UI path is covered above), with rows and one column. */
  async function createTableThroughApi(name: string, inputs: string[], column: object): Promise<string> {
    const created = await server.alice.post('/v1/tables', { kind: 'generic', name });
    const tableId = created.body.id as string;
    await server.alice.post(`/v1/tables/${tableId}/rows`, { rows: inputs.map((input) => ({ data: { input } })) });
    const added = await server.alice.post(`/v1/tables/${tableId}/columns`, { column_configs: [column] });
    expect(added.status).toBe(200);
    return tableId;
  }

  async function openSignedIn(path: string): Promise<OpenedPage> {
    const page = await openPage(browser, server.baseUrl);
    await signInBeforeLoad(page.context, server.tokens.alice);
    await page.page.goto(path);
    return page;
  }

  /** Run the Segment column (all cells) from the UI and watch it fill without a reload; the panel follows. */
  async function watchCellsFill({ page }: OpenedPage): Promise<void> {
    await waitForColumnStatuses(page, 'segment', 5, ['created']);
    await cell(page, 2, 'segment').click();
    const panel = page.getByTestId('cell-panel');
    expect(await panel.getByTestId('cell-panel-status').textContent()).toBe('Not run');
    await page.getByRole('button', { name: 'Run…' }).click();
    const runDialog = page.getByTestId('run-dialog');
    await runDialog.getByLabel(/All cells/).check();
    await runDialog.locator('#run-column').selectOption({ label: 'Segment' });
    await runDialog.getByRole('button', { name: 'Start run' }).click();
    // The page is never reloaded: pushed events (or the 2 s fallback) bring every answer, to the grid and the open panel.
    await waitForColumnStatuses(page, 'segment', 5, ['done'], 60_000);
    expect(await page.locator('.grid-cell[data-column-key="segment"] .chip').allTextContents()).toEqual(['B2B', 'B2B', 'B2B', 'B2B', 'B2B']);
    await page.getByTestId('run-progress').waitFor({ state: 'detached' });
    await panel.getByTestId('cell-panel-explanation').getByText('Dunmore Bakery sells to other businesses').waitFor();
    expect(await panel.getByTestId('cell-panel-status').textContent()).toBe('Done');
  }
});
