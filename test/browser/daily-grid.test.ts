import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiCompatibleServer, type ChatRequest, type OpenAiCompatibleServer } from '../fixtures/openai-compatible-server/index.ts';
import type { TestServer } from '../support/test-server.ts';
import { closeCheckingConsole, launchChromium, openPage, type OpenedPage } from './support/browser.ts';
import { ensureWebAppBuilt } from './support/build-web-app.ts';
import { saveScreenshot, signInBeforeLoad, waitForColumnStatuses } from './support/page-helpers.ts';
import { startWebTestServer } from './support/web-test-server.ts';

const llmColumn = (name: string, key: string, prompt: string, extra: object = {}) => ({
  kind: 'agent',
  name,
  key,
  value: { agent_type: 'llm', prompt, output_format: 'text', ...extra },
});

/** The LLM stand-in's answers, by the marker word in each column's prompt; rows named "bad…" get answers that do not fit. */
function reply(request: ChatRequest): object {
  const prompt = request.prompt;
  const isBad = /\bbad/.test(prompt);
  if (prompt.includes('SEGMENT')) return { answer: isBad ? 'Mars' : 'B2B', explanation: 'From the row.', sources: [] };
  if (prompt.includes('PITCH')) return { answer: 'A short pitch.', explanation: 'Written from the segment.', sources: [] };
  if (prompt.includes('SLOW')) return { answer: isBad ? { not: 'text' } : 'ok', explanation: 'Slowly.', sources: [] };
  if (prompt.includes('FACTS')) {
    return {
      answer: { headquarters_city: 'Dublin', employees: 8000, founded_year: 2016, checked_at: '2026-11-30T14:05:00Z' },
      explanation: 'From the company site.',
      sources: [],
    };
  }
  if (prompt.includes('YEAR')) return { answer: 2016, explanation: 'The founding year.', sources: [] };
  return { answer: 'ok', explanation: 'Default.', sources: [] };
}

const cell = (page: Page, row: number, key: string) => page.locator(`[data-row-index="${row}"] .grid-cell[data-column-key="${key}"]`);
const header = (page: Page, key: string) => page.locator(`.grid-header-cell[data-column-key="${key}"]`);

/**
 * The grid as a daily tool (issue 16: getting data in, editing like a spreadsheet, runs you can
 * follow, readable failures, structured output, the small things), in Debian's Chromium against
 * the real server and the LLM stand-in. Every test fails on a console error.
 */
describe('the grid as a daily tool, in Chromium', () => {
  let llm: OpenAiCompatibleServer;
  let server: TestServer;
  let browser: Browser;
  let opened: OpenedPage | undefined;

  beforeAll(async () => {
    await ensureWebAppBuilt();
    llm = await startOpenAiCompatibleServer({
      rules: [
        // The progress test's cells take a while, so a page can be opened while they run.
        { whenPromptIncludes: 'SLOW', reply, delayMs: 150 },
        { reply },
      ],
    });
    server = await startWebTestServer({
      withWorkers: true,
      environment: {
        FATHOM_LLM_BASE_URL: llm.baseUrl,
        FATHOM_LLM_MODEL: 'test-model',
        FATHOM_WORKER_CONCURRENCY: '4',
        FATHOM_CLAIM_BATCH_SIZE: '4',
        FATHOM_POLL_INTERVAL_MS: '100',
      },
    });
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
  });

  async function createTable(
    kind: string,
    name: string,
    inputs: (string | Record<string, string>)[],
    columns: object[] = [],
  ): Promise<{ id: string; columns: any[] }> {
    const created = await server.alice.post('/v1/tables', { kind, name, column_configs: columns });
    expect(created.status).toBe(200);
    const tableId = created.body.id as string;
    for (let start = 0; start < inputs.length; start += 1_000) {
      const rows = inputs.slice(start, start + 1_000).map((input) => ({ data: typeof input === 'string' ? { input } : input }));
      expect((await server.alice.post(`/v1/tables/${tableId}/rows`, { rows })).status).toBe(200);
    }
    return created.body;
  }

  async function open(path: string, withClipboard = false): Promise<Page> {
    opened = await openPage(browser, server.baseUrl);
    if (withClipboard) await opened.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.baseUrl });
    await signInBeforeLoad(opened.context, server.tokens.alice);
    await opened.page.goto(path);
    return opened.page;
  }

  const rowsOf = async (tableId: string) => (await server.alice.get(`/v1/tables/${tableId}/data?offset=0&limit=100`)).body.rows as any[];
  const valuesOf = async (tableId: string, keys: string[]) => (await rowsOf(tableId)).map((row) => keys.map((key) => row.data[key]?.value ?? null));

  it('imports a CSV whose headers the table lacks (creating those input columns), and a two-column block pasted from a spreadsheet', async () => {
    const table = await createTable('generic', 'Leads', []);
    const page = await open(`/tables/${table.id}`);
    await page.getByRole('button', { name: 'Import a CSV' }).click();
    const dialog = page.getByTestId('csv-import-dialog');
    const csv = 'Website,Owner,Deal stage\r\nacme.test,Ana,Won\r\nglobex.test,Ben,Lost\r\n';
    await dialog.locator('#csv-file').setInputFiles({ name: 'crm.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    // The mapping step: Website fills the main input; the two headers the table lacks become new input columns, keys shown.
    expect(await dialog.getByLabel('Where Website goes').inputValue()).toBe('existing:input');
    expect(await dialog.getByLabel('Where Owner goes').inputValue()).toBe('new');
    expect(await dialog.getByLabel('Where Deal stage goes').inputValue()).toBe('new');
    expect(await dialog.getByTestId('column-mapping').textContent()).toContain('key deal_stage');
    const preview = dialog.getByTestId('import-preview');
    expect(await preview.locator('thead th').allTextContents()).toEqual(['Input', 'Ownernew', 'Deal stagenew']);
    expect(await preview.locator('tbody tr').first().locator('td').allTextContents()).toEqual(['acme.test', 'Ana', 'Won']);
    expect(await dialog.textContent()).toContain('2 new input columns will be added to the table');
    await saveScreenshot(page, 'csv-import-mapping');
    await dialog.getByRole('button', { name: 'Import 2 rows' }).click();
    await dialog.waitFor({ state: 'detached' });
    await cell(page, 1, 'deal_stage').getByText('Lost').waitFor();
    const columns = (await server.alice.get(`/v1/tables/${table.id}`)).body.columns.map((column: any) => [
      column.config.key,
      column.config.name,
      column.config.kind,
    ]);
    expect(columns).toEqual([
      ['input', 'Input', 'input'],
      ['owner', 'Owner', 'input'],
      ['deal_stage', 'Deal stage', 'input'],
    ]);
    expect(await valuesOf(table.id, ['input', 'owner', 'deal_stage'])).toEqual([
      ['acme.test', 'Ana', 'Won'],
      ['globex.test', 'Ben', 'Lost'],
    ]);

    // Two columns copied from a spreadsheet (tab-separated, no header line) fill two input columns side by side.
    await page.getByRole('button', { name: 'Add rows' }).click();
    await page.getByRole('menuitem', { name: 'Paste a list…' }).click();
    const paste = page.getByTestId('paste-rows-dialog');
    await paste.locator('#paste-rows').fill('initech.test\tCy\nhooli.test\tDee\n');
    expect(await paste.getByLabel('The first line names the columns').isChecked()).toBe(false);
    expect(await paste.getByLabel('Where Column 1 goes').inputValue()).toBe('existing:input');
    expect(await paste.getByLabel('Where Column 2 goes').inputValue()).toBe('existing:owner');
    await paste.getByRole('button', { name: 'Add 2 rows' }).click();
    await paste.waitFor({ state: 'detached' });
    await cell(page, 3, 'owner').getByText('Dee').waitFor();
    expect((await valuesOf(table.id, ['input', 'owner'])).slice(2)).toEqual([
      ['initech.test', 'Cy'],
      ['hooli.test', 'Dee'],
    ]);
  });

  it('edits like a spreadsheet: copies a range as TSV, pastes into a range, types to edit, undoes and redoes, resizes, opens a row', async () => {
    const table = await createTable(
      'generic',
      'Spreadsheet',
      [
        { input: 'a.test', notes: 'note a', city: 'Oslo' },
        { input: 'b.test', notes: 'note b', city: 'Rome' },
        { input: 'c.test', notes: '', city: '' },
        { input: 'd.test', notes: '', city: '' },
      ],
      [
        { kind: 'input', name: 'Notes', key: 'notes' },
        { kind: 'input', name: 'City', key: 'city' },
      ],
    );
    const page = await open(`/tables/${table.id}`, true);
    await cell(page, 3, 'input').waitFor();

    // Click, shift-click: a 2 × 2 range; Ctrl+C copies it as tab-separated text.
    await cell(page, 0, 'input').click();
    await page.keyboard.press('Escape');
    await cell(page, 1, 'notes').click({ modifiers: ['Shift'] });
    expect(await page.locator('.grid-cell.is-in-range').count()).toBe(4);
    await page.keyboard.press('Control+c');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('a.test\tnote a\nb.test\tnote b');

    // A block pasted at row 3's Notes fills Notes and City of rows 3 and 4, and its third line becomes a new row.
    await cell(page, 2, 'notes').click();
    await page.keyboard.press('Escape');
    await page.evaluate(() => navigator.clipboard.writeText('pasted c\tParis\npasted d\tLima\npasted e\tKyiv'));
    await page.keyboard.press('Control+v');
    await cell(page, 4, 'city').getByText('Kyiv').waitFor();
    expect(await valuesOf(table.id, ['input', 'notes', 'city'])).toEqual([
      ['a.test', 'note a', 'Oslo'],
      ['b.test', 'note b', 'Rome'],
      ['c.test', 'pasted c', 'Paris'],
      ['d.test', 'pasted d', 'Lima'],
      [null, 'pasted e', 'Kyiv'],
    ]);

    // One value pasted over a range fills every cell of it.
    await cell(page, 0, 'city').click();
    await page.keyboard.press('Escape');
    await cell(page, 1, 'city').click({ modifiers: ['Shift'] });
    await page.evaluate(() => navigator.clipboard.writeText('Bergen'));
    await page.keyboard.press('Control+v');
    await page.waitForFunction(() => document.querySelectorAll('.grid-cell[data-column-key="city"]')[1]?.textContent === 'Bergen');

    // Typing on a cell starts an edit with what was typed; Enter saves and moves down.
    await cell(page, 0, 'notes').click();
    await page.keyboard.press('Escape');
    await page.keyboard.type('Typed');
    expect(await page.getByLabel('Edit cell').inputValue()).toBe('Typed');
    await page.keyboard.type(' over');
    await page.keyboard.press('Enter');
    await cell(page, 0, 'notes').getByText('Typed over').waitFor();
    expect(await page.getByTestId('grid').getAttribute('aria-activedescendant')).toBe('grid-cell-1-1');

    // Undo, step by step: the typed value, the range fill, the paste (its new row goes too); then redo.
    const toolbarUndo = page.getByRole('button', { name: /^Undo/ });
    expect(await toolbarUndo.getAttribute('title')).toBe('Undo edit of Notes (Ctrl+Z)');
    await page.keyboard.press('Control+z');
    await cell(page, 0, 'notes').getByText('note a').waitFor();
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => document.querySelectorAll('.grid-cell[data-column-key="city"]')[1]?.textContent === 'Rome');
    await page.keyboard.press('Control+z');
    await page.getByTestId('table-counts').getByText('4 rows').waitFor();
    // The paste's undo removes its new row first (the count above), then writes the old values back.
    await page.getByText('Undid paste of 3 lines.').waitFor();
    // Exactly as they were, empty strings included.
    expect(await valuesOf(table.id, ['notes', 'city'])).toEqual([
      ['note a', 'Oslo'],
      ['note b', 'Rome'],
      ['', ''],
      ['', ''],
    ]);
    await page.keyboard.press('Control+Shift+z');
    await page.getByTestId('table-counts').getByText('5 rows').waitFor();
    expect((await valuesOf(table.id, ['notes']))[3]).toEqual(['pasted d']);

    // Delete clears the selected input cells (and is undone like the rest).
    await cell(page, 3, 'notes').click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Delete');
    await cell(page, 3, 'notes').getByText('Empty').waitFor();
    await page.keyboard.press('Control+z');
    await cell(page, 3, 'notes').getByText('pasted d').waitFor();

    // A row delete is undone: the row comes back (at the end) with its inputs.
    await page.getByLabel('Select row 1').check();
    await page.getByTestId('selection').getByRole('button', { name: 'Delete' }).click();
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Delete rows' }).click();
    await page.getByTestId('table-counts').getByText('4 rows').waitFor();
    await page.getByTestId('grid').focus();
    await page.keyboard.press('Control+z');
    await page.getByTestId('table-counts').getByText('5 rows').waitFor();
    expect((await valuesOf(table.id, ['input', 'notes', 'city'])).at(-1)).toEqual(['a.test', 'note a', 'Oslo']);

    // A column config change is undone too.
    await header(page, 'city').getByRole('button', { name: 'Column City actions' }).click();
    await page.getByRole('menuitem', { name: 'Edit column' }).click();
    const form = page.getByTestId('column-form');
    await form.locator('#column-name').fill('Town');
    await form.getByRole('button', { name: 'Save column' }).click();
    await form.waitFor({ state: 'detached' });
    await header(page, 'city').getByText('Town').waitFor();
    await page.getByTestId('grid').focus();
    await page.keyboard.press('Control+z');
    await header(page, 'city').getByText('City').waitFor();

    // Resize a column by dragging its edge; the width stays after a reload.
    const handle = header(page, 'notes').getByRole('separator', { name: 'Resize Notes' });
    const before = (await header(page, 'notes').boundingBox())!.width;
    const box = (await handle.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 120, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    const after = (await header(page, 'notes').boundingBox())!.width;
    expect(after).toBeGreaterThan(before + 90);
    await page.reload();
    await cell(page, 0, 'notes').waitFor();
    expect(Math.round((await header(page, 'notes').boundingBox())!.width)).toBe(Math.round(after));

    // The record view: the whole row, inputs editable in place.
    await page.getByRole('button', { name: 'Open row 2' }).click();
    const record = page.getByTestId('record-view');
    expect(await record.locator('.record-field dt > span:first-child').allTextContents()).toEqual(['Input', 'Notes', 'City']);
    await record.getByLabel('City').fill('Turin');
    await record.getByLabel('City').press('Enter');
    await cell(page, 1, 'city').getByText('Turin').waitFor();
    await record.getByRole('button', { name: 'Next row →' }).click();
    await record.getByRole('heading', { name: 'Row 3' }).waitFor();
    await saveScreenshot(page, 'record-view');
    await page.keyboard.press('Escape');
  }, 120_000);

  it('opened mid-run, the progress bar shows the run’s real count (within 5 % of the server’s); the run leaves a summary and its failed cells', async () => {
    const inputs = Array.from({ length: 240 }, (_, index) => (index % 40 === 7 ? `bad row ${index}` : `row ${index}`));
    const table = await createTable('generic', 'Long run', inputs, [llmColumn('Slow', 'slow', 'SLOW answer for {input}')]);
    const run = (await server.alice.post(`/v1/tables/${table.id}/run`, {})).body;
    const runUrl = `/v1/tables/${table.id}/runs/${run.id}`;
    const finishedOf = (body: any) => body.num_cells_done + body.num_cells_failed;
    // Let a good part of the run finish before anyone looks.
    await expect.poll(async () => finishedOf((await server.alice.get(runUrl)).body), { timeout: 30_000, interval: 100 }).toBeGreaterThanOrEqual(40);

    const before = finishedOf((await server.alice.get(runUrl)).body);
    const page = await open(`/tables/${table.id}`);
    const progress = page.getByTestId('run-progress');
    await page.locator('[data-testid="run-progress"][data-finished]').waitFor();
    const shown = Number(await progress.getAttribute('data-finished'));
    const total = Number(await progress.getAttribute('data-total'));
    const server_ = (await server.alice.get(runUrl)).body;
    // The bar starts where the run is, not at the cells this page saw finish.
    expect(total).toBe(240);
    expect(shown).toBeGreaterThanOrEqual(before);
    expect(Math.abs(shown - finishedOf(server_))).toBeLessThanOrEqual(0.05 * total);
    expect(await progress.getByTestId('run-progress-counts').textContent()).toContain(`of 240 cells done`);
    await saveScreenshot(page, 'run-progress-mid-run');

    // The run ends: a summary with its outcome, duration and model usage.
    const summary = page.getByTestId('run-summary');
    await summary.waitFor({ timeout: 60_000 });
    await progress.waitFor({ state: 'detached' });
    const ended = (await server.alice.get(runUrl)).body;
    expect(ended).toMatchObject({ status: 'done', num_cells_done: 234, num_cells_failed: 6, num_cells_remaining: 0 });
    const summaryText = await summary.textContent();
    expect(summaryText).toContain('Run finished after');
    expect(summaryText).toContain('234 cells done · 6 failed');
    expect(summaryText).toContain(`${ended.usage.model_calls.toLocaleString('en-US')} model calls`);
    await saveScreenshot(page, 'run-summary');

    // Its failed cells, from the summary: each with its row and message.
    await summary.getByRole('button', { name: '6 failed' }).click();
    const dialog = page.getByTestId('runs-dialog');
    await dialog.getByTestId('failed-cell').nth(5).waitFor();
    const first = dialog.getByTestId('failed-cell').first();
    await first.getByText('bad row 7').waitFor();
    expect(await first.textContent()).toContain("does not fit output format 'text'");
    await first.getByRole('button', { name: 'Open row' }).click();
    await page.getByTestId('record-view').getByText("does not fit output format 'text'").waitFor();
    await page.keyboard.press('Escape');

    // The runs dialog lists every run's outcome counts.
    await page.getByRole('button', { name: 'Runs' }).click();
    const row = page.getByTestId('runs-dialog').locator(`tr[data-run-id="${run.id}"]`);
    expect(await row.getByTestId('run-done').textContent()).toBe('234');
    expect(await row.getByTestId('run-failed').textContent()).toBe('6 failed');
    await row.getByRole('button', { name: '6 failed' }).click();
    await page.getByTestId('failed-cells').getByTestId('failed-cell').nth(5).waitFor();
  }, 120_000);

  it('says why a cell failed in words: "Waiting on Segment, which failed" links to that cell; a used column names its users before deletion', async () => {
    const table = await createTable(
      'generic',
      'Failures',
      ['good.test', 'bad.test'],
      [
        llmColumn('Segment', 'segment', 'SEGMENT of {input}', { output_format: 'select', labels: ['B2B', 'B2C'] }),
        llmColumn('Pitch', 'pitch', 'PITCH for {segment}'),
      ],
    );
    await server.alice.post(`/v1/tables/${table.id}/run`, {});
    const page = await open(`/tables/${table.id}`);
    await waitForColumnStatuses(page, 'pitch', 2, ['done', 'failed'], 30_000);
    await page.waitForFunction(() => document.querySelectorAll('.grid-cell[data-column-key="pitch"][data-status="failed"]').length === 1);
    const rows = await rowsOf(table.id);
    const pitch = cell(page, 1, 'pitch');
    expect(await pitch.textContent()).toBe('Failed: Waiting on Segment, which failed');
    expect(await pitch.textContent()).not.toContain(rows[1].id);
    const segmentError = rows[1].data.segment.error as string;
    expect(segmentError).not.toMatch(/attempts.*attempts/);
    expect(segmentError).not.toMatch(/column_id|row_id/);

    // The column's name links to the cell that failed first; the panel shows its own reason.
    await pitch.getByTestId('failure-link').click();
    expect(await page.getByTestId('grid').getAttribute('aria-activedescendant')).toBe('grid-cell-1-1');
    const panelError = await page.getByTestId('cell-panel').getByTestId('cell-panel-error').textContent();
    expect(panelError).toContain("does not fit output format 'select'");
    await saveScreenshot(page, 'readable-failure');
    await page.keyboard.press('Escape');

    // Deleting Segment: the dialog says who uses it, by name, before anything is sent.
    await header(page, 'segment').getByRole('button', { name: 'Column Segment actions' }).click();
    await page.getByRole('menuitem', { name: 'Delete column' }).click();
    const inUse = page.getByTestId('column-in-use-dialog');
    expect(await inUse.getByTestId('column-dependents').textContent()).toContain('Pitch uses Segment.');
    expect(await inUse.getByRole('button', { name: 'Delete column' }).count()).toBe(0);
    await inUse.getByRole('button', { name: 'OK' }).click();
    expect((await server.alice.get(`/v1/tables/${table.id}`)).body.columns).toHaveLength(3);
  });

  it('writes a valid JSON Schema from a field list, shows JSON answers as fields and spreads them into columns', async () => {
    const table = await createTable('generic', 'Structured', ['stripe.com']);
    const page = await open(`/tables/${table.id}`);
    await cell(page, 0, 'input').waitFor();
    await page.getByRole('button', { name: 'Add column', exact: true }).click();
    const form = page.getByTestId('column-form');
    await form.locator('#column-name').fill('Facts');
    await form.locator('#column-agent-type').selectOption('llm');
    await form.locator('#column-prompt').fill('FACTS about {input}');
    await form.locator('#column-output-format').selectOption('json');
    const fields = form.getByTestId('schema-fields');
    const fill = async (index: number, name: string, type: string, description = '') => {
      await fields.getByLabel(`Name of field ${index}`).fill(name);
      await fields.getByLabel(`Type of field ${index}`).selectOption({ label: type });
      if (description) await fields.getByLabel(`Description of field ${index}`).fill(description);
    };
    await fill(1, 'Headquarters city', 'Text', 'City of the head office');
    await fields.getByRole('button', { name: 'Add a field' }).click();
    await fill(2, 'Employees', 'Whole number');
    await fields.getByLabel('Field 2 is required').uncheck();
    await fields.getByRole('button', { name: 'Add a field' }).click();
    await fill(3, 'employees', 'Number');
    // A problem in plain words, at the field.
    await fields.getByTestId('schema-error').getByText('Two fields are called “employees”: rename one.').waitFor();
    await fill(3, 'Founded year', 'Whole number');
    await fields.getByRole('button', { name: 'Add a field' }).click();
    await fill(4, 'Checked at', 'Text');
    await fields.getByTestId('schema-error').waitFor({ state: 'detached' });
    await saveScreenshot(page, 'field-list-editor');
    await form.getByRole('button', { name: 'Add and try on the first row' }).click();
    await form.waitFor({ state: 'detached' });

    const column = (await server.alice.get(`/v1/tables/${table.id}`)).body.columns.find((candidate: any) => candidate.config.key === 'facts');
    expect(column.config.value.output_schema).toEqual({
      type: 'object',
      properties: {
        headquarters_city: { type: 'string', title: 'Headquarters city', description: 'City of the head office' },
        employees: { type: 'integer', title: 'Employees' },
        founded_year: { type: 'integer', title: 'Founded year' },
        checked_at: { type: 'string', title: 'Checked at' },
      },
      required: ['headquarters_city', 'founded_year', 'checked_at'],
    });

    // The answer reads as fields: a year without grouping, a count with it.
    await waitForColumnStatuses(page, 'facts', 1, ['done'], 30_000);
    const facts = await cell(page, 0, 'facts').textContent();
    expect(facts).toContain('Headquarters city: Dublin · Employees: 8,000 · Founded year: 2016 · Checked at:');
    expect(facts).not.toContain('2,016');
    // In the panel, the timestamp is formatted for a reader.
    await cell(page, 0, 'facts').click();
    const panelFields = await page.getByTestId('cell-panel').getByTestId('answer-fields').textContent();
    expect(panelFields).toContain('Founded year2016');
    expect(panelFields).not.toContain('2026-11-30T14:05');
    expect(panelFields).toMatch(/Checked at.*2026/);
    await page.keyboard.press('Escape');

    // Spread into columns, one per field.
    await header(page, 'facts').getByRole('button', { name: 'Column Facts actions' }).click();
    await page.getByRole('menuitem', { name: 'Show fields as columns' }).click();
    await header(page, 'facts.headquarters_city').waitFor();
    expect(await cell(page, 0, 'facts.headquarters_city').textContent()).toBe('Dublin');
    expect(await cell(page, 0, 'facts.founded_year').textContent()).toBe('2016');
    await saveScreenshot(page, 'json-fields-as-columns');
  }, 90_000);

  it('small things: one message for a wrong token, focus in the new-table dialog, plurals, years without grouping', async () => {
    opened = await openPage(browser, server.baseUrl);
    const { page } = opened;
    await page.goto('/');
    opened.console.expect({ status: 401, url: /\/v1\/user$/ });
    await page.getByLabel('API token').fill('fth_this_token_does_not_exist');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('sign-in-error').waitFor();
    expect(await page.getByRole('alert').count()).toBe(1);
    expect(await page.getByTestId('signed-out-notice').count()).toBe(0);

    await page.getByLabel('API token').fill(server.tokens.alice);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('button', { name: /New table|Create your first table/ })
      .first()
      .click();
    await page.getByTestId('create-table-dialog').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('new-table-name');
    await page.keyboard.type('Typed straight away');
    await page
      .getByTestId('create-table-dialog')
      .getByLabel(/Anything else/)
      .check();
    await page.getByTestId('create-table-dialog').getByRole('button', { name: 'Create table' }).click();
    await page.waitForURL(/\/tables\/[0-9a-f-]+$/);
    const tableId = page.url().split('/').pop()!;
    expect((await server.alice.get(`/v1/tables/${tableId}`)).body.name).toBe('Typed straight away');

    await server.alice.post(`/v1/tables/${tableId}/rows`, { rows: [{ data: { input: 'acme.test' } }] });
    await server.alice.post(`/v1/tables/${tableId}/columns`, {
      column_configs: [llmColumn('Founded year', 'founded_year', 'YEAR of {input}', { output_format: 'numeric' })],
    });
    await server.alice.post(`/v1/tables/${tableId}/run`, {});
    await page.reload();
    await waitForColumnStatuses(page, 'founded_year', 1, ['done'], 30_000);
    expect(await cell(page, 0, 'founded_year').textContent()).toBe('2016');
    expect(await page.getByTestId('table-counts').textContent()).toContain('1 row · 2 columns');
    await page.getByRole('button', { name: 'Export' }).click();
    await page.getByTestId('export-dialog').getByRole('button', { name: 'Export 1 row' }).waitFor();
  });
});
