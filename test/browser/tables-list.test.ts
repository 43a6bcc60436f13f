import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/services/api-tokens.ts';
import type { TestServer } from '../support/test-server.ts';
import { closeCheckingConsole, launchChromium, openPage, type OpenedPage } from './support/browser.ts';
import { ensureWebAppBuilt } from './support/build-web-app.ts';
import { signInBeforeLoad } from './support/page-helpers.ts';
import { startWebTestServer } from './support/web-test-server.ts';

/** The names in the list, top to bottom. */
function listedNames(page: Page): Promise<string[]> {
  return page.locator('[data-testid="tables-list"] .table-name').allTextContents();
}

async function waitForNames(page: Page, names: string[]): Promise<void> {
  await page.waitForFunction(
    (expected) =>
      JSON.stringify(Array.from(document.querySelectorAll('[data-testid="tables-list"] .table-name')).map((link) => link.textContent)) ===
      JSON.stringify(expected),
    names,
  );
}

describe('the tables list and the session, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let opened: OpenedPage | undefined;

  beforeAll(async () => {
    await ensureWebAppBuilt();
    server = await startWebTestServer();
    browser = await launchChromium();
    const alpha = await server.alice.post('/v1/tables', { kind: 'company', name: 'Alpha leads', tags: ['sales'] });
    await server.alice.post(`/v1/tables/${alpha.body.id}/rows`, { rows: [{ data: { input: 'stripe.com' } }, { data: { input: 'ramp.com' } }] });
    await server.alice.post('/v1/tables', { kind: 'people', name: 'Beta people', tags: ['hiring'] });
    await server.alice.post('/v1/tables', { kind: 'generic', name: 'Gamma notes', description: 'loose ends' });
  }, 180_000);

  afterEach(async () => {
    const page = opened;
    opened = undefined;
    await closeCheckingConsole(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('searches, filters by kind and tags, sorts, and shows row counts', async () => {
    opened = await openPage(browser, server.baseUrl);
    await signInBeforeLoad(opened.context, server.tokens.alice);
    const { page } = opened;
    await page.goto('/');
    await waitForNames(page, ['Gamma notes', 'Beta people', 'Alpha leads']);
    expect(await page.locator('[data-testid="tables-list"] tr', { hasText: 'Alpha leads' }).getByTestId('row-count').textContent()).toBe('2');

    await page.getByLabel('Search tables').fill('loose');
    await waitForNames(page, ['Gamma notes']);
    await page.getByLabel('Search tables').fill('');
    await page.getByLabel('Kind').selectOption('people');
    await waitForNames(page, ['Beta people']);
    await page.getByLabel('Kind').selectOption('');
    await page.getByLabel('Tags').fill('sales');
    await waitForNames(page, ['Alpha leads']);
    await page.getByLabel('Tags').fill('nothing-has-this-tag');
    await page.getByTestId('no-matches').waitFor();
    await page.getByRole('button', { name: 'Clear the filters' }).click();
    await page.getByLabel('Sort').selectOption('name');
    await waitForNames(page, ['Alpha leads', 'Beta people', 'Gamma notes']);
    await page.getByLabel('Sort').selectOption('-num_rows');
    expect((await listedNames(page))[0]).toBe('Alpha leads');
  });

  it('renames, clones and deletes (with confirmation) from the list', async () => {
    opened = await openPage(browser, server.baseUrl);
    await signInBeforeLoad(opened.context, server.tokens.alice);
    const { page } = opened;
    await page.goto('/');
    await page.getByLabel('Sort').selectOption('name');
    await waitForNames(page, ['Alpha leads', 'Beta people', 'Gamma notes']);

    await page.locator('tr', { hasText: 'Gamma notes' }).getByRole('button', { name: 'Rename' }).click();
    await page.locator('#table-name').fill('Gamma archive');
    await page.getByRole('button', { name: 'Save' }).click();
    await waitForNames(page, ['Alpha leads', 'Beta people', 'Gamma archive']);

    await page.locator('tr', { hasText: 'Alpha leads' }).getByRole('button', { name: 'Clone' }).click();
    await page.getByRole('button', { name: 'Clone', exact: true }).last().click();
    await page.waitForURL(/\/tables\/[0-9a-f-]+$/);
    // The clone opens straight away, with the source's rows.
    await page.locator('[data-row-index="1"] .grid-cell[data-column-key="input"]').getByText('ramp.com').waitFor();
    const cloneId = page.url().split('/').pop()!;

    await page.getByRole('link', { name: 'Tables', exact: true }).first().click();
    await page.getByLabel('Sort').selectOption('name');
    const cloneRow = page.locator(`tr[data-table-id="${cloneId}"]`);
    await cloneRow.waitFor();
    await cloneRow.getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByTestId('confirm-dialog');
    expect(await confirm.textContent()).toContain('cannot be undone');
    await confirm.getByRole('button', { name: 'Delete table' }).click();
    await cloneRow.waitFor({ state: 'detached' });
    expect((await server.alice.get(`/v1/tables/${cloneId}`)).status).toBe(404);
  });

  it('keeps the token across reloads, signs out, and shows a clear screen when the token is revoked', async () => {
    const created = await createApiToken(server.fathom.services, { workspaceSlug: 'acme', email: 'alice@acme.test', name: 'browser' });
    opened = await openPage(browser, server.baseUrl);
    const { page } = opened;
    await page.goto('/');
    await page.getByLabel('API token').fill(created.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Tables' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Tables' }).waitFor();

    // Revoked while the page is open: the next call answers 401 and the app says why it signed out.
    await server.fathom.services.store.revokeApiToken(created.id, new Date().toISOString());
    opened.console.expect({ status: 401, url: /\/v1\/tables\?/ });
    await page.getByLabel('Search tables').fill('alpha');
    await page.getByTestId('signed-out-notice').getByText('refused (401)').waitFor();
    expect(await page.evaluate(() => window.localStorage.getItem('fathom.apiToken'))).toBeNull();

    // A reload with no token starts at the sign-in screen; signing in and out works again.
    await page.getByLabel('API token').fill(server.tokens.alice);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API token').waitFor();
    expect(await page.evaluate(() => window.localStorage.getItem('fathom.apiToken'))).toBeNull();
  });

  it('answers unknown pages inside the app and says when a table does not exist', async () => {
    opened = await openPage(browser, server.baseUrl);
    await signInBeforeLoad(opened.context, server.tokens.alice);
    const { page } = opened;
    await page.goto('/no/such/page');
    await page.getByRole('heading', { name: 'Nothing here' }).waitFor();
    opened.console.expect({ status: 404, url: /\/v1\/tables\/00000000-0000-4000-8000-000000000000$/ });
    await page.goto('/tables/00000000-0000-4000-8000-000000000000');
    await page.getByRole('heading', { name: 'This table does not exist' }).waitFor();
  });
});
