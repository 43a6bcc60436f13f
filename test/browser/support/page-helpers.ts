import { readFile } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';

const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/', import.meta.url));

/** Start the context signed in: the app reads its token from localStorage (auth/token-storage.ts). */
export async function signInBeforeLoad(context: BrowserContext, token: string): Promise<void> {
  await context.addInitScript((value) => window.localStorage.setItem('fathom.apiToken', value), token);
}

/** Save a screenshot under test-artifacts/ (gitignored) for a person to look at after the run. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Click whatever starts a download and return the downloaded file's text. */
export async function downloadText(page: Page, start: () => Promise<void>): Promise<{ fileName: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), start()]);
  const path = await download.path();
  return { fileName: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/** The statuses of one column's cells, top to bottom, as the grid shows them (data-status). */
export function columnStatuses(page: Page, columnKey: string): Promise<string[]> {
  return page.locator(`.grid-cell[data-column-key="${columnKey}"]`).evaluateAll((cells) => cells.map((cell) => (cell as HTMLElement).dataset.status ?? ''));
}

/** Wait until every shown cell of a column satisfies `statuses` and there are `count` of them. */
export async function waitForColumnStatuses(page: Page, columnKey: string, count: number, statuses: string[], timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    ({ key, expected, allowed }) => {
      const cells = Array.from(document.querySelectorAll<HTMLElement>(`.grid-cell[data-column-key="${key}"]`));
      return cells.length === expected && cells.every((cell) => allowed.includes(cell.dataset.status ?? ''));
    },
    { key: columnKey, expected: count, allowed: statuses },
    { timeout },
  );
}
