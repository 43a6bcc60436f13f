import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiCompatibleServer, type ChatRequest, type OpenAiCompatibleServer } from '../fixtures/openai-compatible-server/index.ts';
import type { TestServer } from '../support/test-server.ts';
import { SignedInPages } from './support/browser.ts';
import { ensureWebAppBuilt } from './support/build-web-app.ts';
import { downloadText, saveScreenshot, waitForColumnStatuses } from './support/page-helpers.ts';
import { startWebTestServer } from './support/web-test-server.ts';

const cell = (page: Page, row: number, key: string) => page.locator(`[data-row-index="${row}"] .grid-cell[data-column-key="${key}"]`);

/** Answers name the prompt's version and row, so a re-computed answer is visibly new. */
function reply(request: ChatRequest): object {
  const version = request.prompt.includes('BRIEFLY') ? 'v2' : 'v1';
  const row = /\b[a-z]+\d*\.test\b/.exec(request.prompt)?.[0] ?? '?';
  return { answer: `${version} ${row}`, explanation: 'test', sources: [] };
}

/**
 * Find (issue 16.1) and out-of-date answers (16.4) in Debian's Chromium against the real server:
 * search, filter, sort, a saved view and its export; answers marked after a prompt edit and an
 * input edit, and re-run alone. Every test fails on a console error.
 */
describe('find and out-of-date answers in the grid, in Chromium', () => {
  let llm: OpenAiCompatibleServer;
  let server: TestServer;
  let pages: SignedInPages;

  beforeAll(async () => {
    await ensureWebAppBuilt();
    llm = await startOpenAiCompatibleServer({ rules: [{ reply }] });
    server = await startWebTestServer({
      withWorkers: true,
      environment: { FATHOM_LLM_BASE_URL: llm.baseUrl, FATHOM_LLM_MODEL: 'test-model', FATHOM_POLL_INTERVAL_MS: '100' },
    });
    pages = await SignedInPages.launch();
  }, 180_000);
  afterEach(() => pages.closePage());
  afterAll(async () => {
    await pages?.close();
    await server?.close();
    await llm?.close();
  });

  const open = (path: string): Promise<Page> => pages.open(server.baseUrl, server.tokens.alice, path);
  const shownInputs = (page: Page) =>
    page.locator('.grid-cell[data-column-key="input"]').evaluateAll((cells) => cells.map((element) => element.textContent?.trim() ?? ''));

  it('searches, filters and sorts (kept in the URL), saves the view and exports it', async () => {
    const industries = ['Fintech', 'Retail', 'Fintech', 'Health', 'Fintech', 'Retail', 'Fintech', 'Health'];
    const created = await server.alice.post('/v1/tables', {
      kind: 'generic',
      name: 'Prospects',
      column_configs: [
        { kind: 'input', name: 'Industry', key: 'industry' },
        { kind: 'input', name: 'Employees', key: 'employees' },
      ],
    });
    const tableId = created.body.id as string;
    const rows = industries.map((industry, index) => ({ data: { input: `c${index}.test`, industry, employees: (index * 37) % 100 } }));
    await server.alice.post(`/v1/tables/${tableId}/rows`, { rows });
    const page = await open(`/tables/${tableId}`);
    await cell(page, 7, 'input').waitFor();

    await page.getByTestId('find-search').fill('fin');
    await page.getByTestId('find-matching').getByText('4 matching rows').waitFor();
    expect(await shownInputs(page)).toEqual(['c0.test', 'c2.test', 'c4.test', 'c6.test']);
    await page.getByTestId('find-search').fill('');
    // The search box applies its text after a 300 ms pause; wait for that, or it lands mid-way
    // through the steps below and the grid refetches (empty for a moment) after they were checked.
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('q'));
    await page.getByTestId('find-matching').waitFor({ state: 'detached' });
    await page.getByTestId('find-column').selectOption('industry');
    await page.getByTestId('find-operator').selectOption('equals');
    await page.getByTestId('find-value').fill('fintech');
    await page.getByTestId('find-add').click();
    await page.getByTestId('find-chips').getByText('Industry is "fintech"').waitFor();
    await page.getByTestId('find-sort').selectOption('employees');
    await page.getByTestId('find-sort-direction').click();
    // Employees of rows 0, 2, 4, 6: 0, 74, 48, 22 → descending 74, 48, 22, 0.
    await page.waitForFunction(() => document.querySelector('[data-row-index="0"] .grid-cell[data-column-key="input"]')?.textContent?.includes('c2.test'));
    expect(await shownInputs(page)).toEqual(['c2.test', 'c4.test', 'c6.test', 'c0.test']);
    const url = new URL(page.url());
    expect(url.searchParams.get('sort')).toBe('-employees');
    expect(JSON.parse(url.searchParams.get('filter')!)).toEqual([{ column: 'industry', equals: 'fintech' }]);
    await saveScreenshot(page, 'find-filter-sort');

    page.once('dialog', (dialog) => void dialog.accept('Fintech by size'));
    await page.getByTestId('find-save-view').click();
    await page.getByText('Saved the view "Fintech by size".').waitFor();
    const views = (await server.alice.get(`/v1/tables/${tableId}/views`)).body;
    expect(views).toMatchObject([{ name: 'Fintech by size', query: { filter: [{ column: 'industry', equals: 'fintech' }], sort: '-employees' } }]);

    // The URL alone brings the view back; the saved view too, from a clean page.
    await page.reload();
    await page.getByTestId('find-matching').getByText('4 matching rows').waitFor();
    await page.getByTestId('find-clear').click();
    await cell(page, 7, 'input').waitFor();
    await page.getByTestId('find-views').selectOption({ label: 'Fintech by size' });
    await page.getByTestId('find-matching').getByText('4 matching rows').waitFor();

    await page.getByRole('button', { name: 'Export' }).click();
    const dialog = page.getByTestId('export-dialog');
    expect(await dialog.getByTestId('export-view-only').isChecked()).toBe(true);
    await dialog.getByTestId('export-bom').check();
    const { text } = await downloadText(page, () => dialog.getByRole('button', { name: 'Export 4 rows' }).click());
    expect(text.charCodeAt(0)).toBe(0xfeff);
    // Row ids first (for re-import), then the view's columns by display name, in the view's order.
    const lines = text
      .slice(1)
      .trimEnd()
      .split(/\r?\n/)
      .map((line) => line.split(',').slice(1).join(','));
    expect(text.slice(1).startsWith('Row ID,')).toBe(true);
    expect(lines[0]).toBe('Input,Industry,Employees');
    expect(lines.slice(1)).toEqual(['c2.test,Fintech,74', 'c4.test,Fintech,48', 'c6.test,Fintech,22', 'c0.test,Fintech,0']);
  });

  it('marks answers out of date after a prompt edit and after an input edit, and re-runs only those', async () => {
    const created = await server.alice.post('/v1/tables', {
      kind: 'generic',
      name: 'Summaries',
      column_configs: [
        { kind: 'agent', name: 'Summary', key: 'summary', value: { agent_type: 'llm', prompt: 'Summarise {input}', output_format: 'text' } },
        { kind: 'agent', name: 'Angle', key: 'angle', value: { agent_type: 'llm', prompt: 'Angle on {input}', output_format: 'text' } },
      ],
    });
    const tableId = created.body.id as string;
    await server.alice.post(`/v1/tables/${tableId}/rows`, { rows: ['a.test', 'b.test', 'c.test'].map((input) => ({ data: { input } })), run: true });
    const page = await open(`/tables/${tableId}`);
    await waitForColumnStatuses(page, 'summary', 3, ['done']);
    await waitForColumnStatuses(page, 'angle', 3, ['done']);
    const callsBefore = llm.calls.filter((call) => call.path === '/v1/chat/completions').length;

    // A prompt edit: the dialog says what it will do; the answers stay, marked.
    await page.locator('.grid-header-cell[data-column-key="summary"]').getByRole('button', { name: 'Column Summary actions' }).click();
    await page.getByRole('menuitem', { name: 'Edit column' }).click();
    const form = page.getByTestId('column-form');
    const prompt = form.locator('textarea').first();
    await prompt.fill('Summarise {input} BRIEFLY');
    await form.getByTestId('out-of-date-preview').getByText('Saving marks 3 answers out of date (Summary)').waitFor();
    await form.getByRole('button', { name: 'Save column' }).click();
    await form.waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.querySelectorAll('.grid-cell[data-column-key="summary"] [data-out-of-date="config"]').length === 3);
    expect(await cell(page, 0, 'summary').textContent()).toContain('v1 a.test');
    await page.getByTestId('show-out-of-date').getByText('3 answers out of date').waitFor();

    // An input edit, typed into the grid: that row's other answer goes out of date too.
    await cell(page, 1, 'input').click();
    await page.keyboard.type('b2.test');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-row-index="1"] .grid-cell[data-column-key="angle"] [data-out-of-date="inputs"]') !== null);
    await page.getByTestId('show-out-of-date').getByText('4 answers out of date').waitFor();
    await saveScreenshot(page, 'out-of-date-marked');

    await page.getByTestId('rerun-out-of-date').click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-out-of-date]').length === 0 && document.querySelector('[data-testid="show-out-of-date"]') === null,
      undefined,
      {
        timeout: 20_000,
      },
    );
    await waitForColumnStatuses(page, 'summary', 3, ['done']);
    await page.waitForFunction(() => document.querySelector('[data-row-index="1"] .grid-cell[data-column-key="angle"]')?.textContent?.includes('b2.test'));
    expect(await cell(page, 0, 'summary').textContent()).toContain('v2 a.test');
    expect(await cell(page, 1, 'summary').textContent()).toContain('v2 b2.test');
    expect(await cell(page, 0, 'angle').textContent()).toContain('v1 a.test');
    // Exactly the four out-of-date answers were asked again.
    expect(llm.calls.filter((call) => call.path === '/v1/chat/completions').length - callsBefore).toBe(4);
    await saveScreenshot(page, 'out-of-date-rerun');
  });
});
