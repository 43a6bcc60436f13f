import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiCompatibleServer, type OpenAiCompatibleServer } from '../fixtures/openai-compatible-server/index.ts';
import type { TestServer } from '../support/test-server.ts';
import { SignedInPages } from './support/browser.ts';
import { ensureWebAppBuilt } from './support/build-web-app.ts';
import { waitForColumnStatuses } from './support/page-helpers.ts';
import { startWebTestServer } from './support/web-test-server.ts';

/** The Run dialog's estimate and confirmation, and the Cost dialog against the usage API (issue 17). */
describe('cost in the grid, in Chromium', () => {
  let llm: OpenAiCompatibleServer;
  let server: TestServer;
  let pages: SignedInPages;

  beforeAll(async () => {
    await ensureWebAppBuilt();
    llm = await startOpenAiCompatibleServer({
      handler: () => ({ content: { answer: 'A summary.', explanation: 'Summarised.', sources: [] }, usage: { promptTokens: 2_000, completionTokens: 100 } }),
    });
    server = await startWebTestServer({
      withWorkers: true,
      environment: {
        FATHOM_LLM_BASE_URL: llm.baseUrl,
        FATHOM_LLM_MODEL: 'test-model',
        // $1 per thousand input tokens: a cell costs about $2, well above the $1 threshold.
        FATHOM_LLM_MODELS: 'cheap-model,strong-model',
        FATHOM_PRICES: JSON.stringify({
          models: {
            'test-model': { input_per_million: 1_000, output_per_million: 1_000 },
            'cheap-model': { input_per_million: 0.1, output_per_million: 0.2 },
            'strong-model': { input_per_million: 10, output_per_million: 20 },
          },
        }),
        FATHOM_RUN_CONFIRM_ABOVE: '1',
      },
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

  it('the Run dialog shows the estimate and asks for confirmation above the threshold; the Cost dialog matches the API', async () => {
    const table = (
      await server.alice.post('/v1/tables', {
        kind: 'generic',
        name: 'Costs',
        column_configs: [{ kind: 'agent', name: 'Summary', key: 'summary', value: { agent_type: 'llm', prompt: 'Summarise {input}', output_format: 'text' } }],
      })
    ).body;
    await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: ['alpha', 'beta', 'gamma'].map((input) => ({ data: { input } })) });
    const estimate = (await server.alice.post(`/v1/tables/${table.id}/run`, { dry_run: true })).body;
    expect(estimate.requires_confirmation).toBe(true);

    const page = await open(`/tables/${table.id}`);
    await waitForColumnStatuses(page, 'summary', 3, ['created']);
    await page.getByRole('button', { name: 'Run…' }).click();
    const dialog = page.getByTestId('run-dialog');
    await dialog.getByTestId('run-estimate').waitFor();
    expect(await dialog.getByTestId('run-estimate-cells').textContent()).toBe('3 cells');
    const shown = await dialog.getByTestId('run-estimate-cost').textContent();
    expect(shown).toContain(`$${estimate.cost.expected.toFixed(2)} expected`);
    expect(await dialog.getByText('from the prompt size (no history yet)').count()).toBe(1);
    // Above the threshold: Start run waits for the confirmation.
    const start = dialog.getByRole('button', { name: 'Start run' });
    expect(await start.isDisabled()).toBe(true);
    expect((await server.alice.get(`/v1/tables/${table.id}/runs`)).body).toHaveLength(0);
    await dialog.getByTestId('run-confirm').locator('input').check();
    await start.click();
    await waitForColumnStatuses(page, 'summary', 3, ['done']);

    const usage = (await server.alice.get(`/v1/tables/${table.id}/usage?group_by=column`)).body;
    expect(usage.groups).toHaveLength(1);
    await page.getByRole('button', { name: 'Cost', exact: true }).click();
    const costDialog = page.getByTestId('cost-dialog');
    const columnRow = costDialog.getByTestId(`cost-row-${usage.groups[0].key}`);
    await columnRow.waitFor();
    expect(await columnRow.getByTestId('cost-amount').textContent()).toBe(`$${usage.groups[0].usage.cost.toFixed(2)}`);
    expect(await costDialog.getByTestId('cost-row-total').getByTestId('cost-amount').textContent()).toBe(`$${usage.total.cost.toFixed(2)}`);
    expect(usage.total.cost).toBeGreaterThan(1);
    expect(await columnRow.textContent()).toContain('Summary');
  });

  it('the column form offers the configured models; the chosen one is in the config, the estimate and the calls of that column', async () => {
    const table = (await server.alice.post('/v1/tables', { kind: 'generic', name: 'Models' })).body;
    await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: ['alpha', 'beta'].map((input) => ({ data: { input } })) });
    const page = await open(`/tables/${table.id}`);
    await page.locator('.grid-cell[data-column-key="input"]').nth(1).waitFor();
    for (const [name, prompt, model] of [
      ['Classify', 'Classify {input}', 'cheap-model'],
      ['Research', 'Research {input}', 'strong-model'],
    ] as const) {
      await page.getByRole('button', { name: 'Add column', exact: true }).click();
      const form = page.getByTestId('column-form');
      await form.locator('#column-name').fill(name);
      await form.locator('#column-agent-type').selectOption('llm');
      await form.locator('#column-prompt').fill(prompt);
      const picker = form.getByTestId('column-model');
      await picker.waitFor();
      const offered = await picker.locator('option').evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
      expect(offered).toEqual(['', 'test-model', 'cheap-model', 'strong-model']);
      await picker.selectOption(model);
      await form.getByRole('button', { name: 'Add column', exact: true }).click();
      await form.waitFor({ state: 'detached' });
    }
    const columns = (await server.alice.get(`/v1/tables/${table.id}`)).body.columns;
    const modelOf = (key: string) => columns.find((column: any) => column.config.key === key)?.config.value.model;
    expect([modelOf('classify'), modelOf('research')]).toEqual(['cheap-model', 'strong-model']);

    await page.getByRole('button', { name: 'Run…' }).click();
    const dialog = page.getByTestId('run-dialog');
    await dialog.getByTestId('run-estimate').waitFor();
    const summary = await dialog.getByTestId('run-estimate').textContent();
    expect(summary).toContain('Classify: 2 cells on cheap-model');
    expect(summary).toContain('Research: 2 cells on strong-model');
    const confirm = dialog.getByTestId('run-confirm');
    if ((await confirm.count()) > 0) await confirm.locator('input').check();
    await dialog.getByRole('button', { name: 'Start run' }).click();
    await waitForColumnStatuses(page, 'research', 2, ['done']);
    await waitForColumnStatuses(page, 'classify', 2, ['done']);
    const modelsSeen = (word: string) =>
      llm.calls.filter((call) => call.path === '/v1/chat/completions' && call.chat?.prompt.includes(word)).map((call) => call.chat!.model);
    expect(modelsSeen('Classify')).toEqual(['cheap-model', 'cheap-model']);
    expect(modelsSeen('Research')).toEqual(['strong-model', 'strong-model']);
  });
});
