import { expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { signInBeforeLoad } from './page-helpers.ts';

/** Debian's Chromium (DEVELOPERS.md): tests never download a browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGUMENTS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];

export function launchChromium(extraArguments: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGUMENTS, ...extraArguments] });
}

/** A failed request the test expects (a wrong token's 401); Chromium logs those as console errors. */
export interface ExpectedFailure {
  status: number;
  /** Matched against the failed resource's URL. */
  url: RegExp;
}

/**
 * Every console error and uncaught exception of a page, so a test can fail on any of them.
 * Chromium reports a failed HTTP request as a console error ("Failed to load resource: … 401");
 * the few a test provokes on purpose are declared with `expect` and do not count.
 */
export class ConsoleWatch {
  readonly problems: string[] = [];
  private readonly expected: ExpectedFailure[] = [];

  constructor(page: Page) {
    page.on('console', (message) => this.onConsole(message));
    page.on('pageerror', (error) => this.problems.push(`uncaught: ${error.message}`));
  }

  expect(failure: ExpectedFailure): void {
    this.expected.push(failure);
  }

  private onConsole(message: ConsoleMessage): void {
    if (message.type() !== 'error') return;
    const text = message.text();
    const url = message.location().url;
    const status = /status of (\d{3})/.exec(text)?.[1];
    if (status && this.expected.some((failure) => failure.status === Number(status) && failure.url.test(url))) return;
    this.problems.push(`${text} (${url})`);
  }
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  console: ConsoleWatch;
}

/** A fresh context at 1280×800 (the size the app must be readable at), downloads allowed. */
export async function openPage(browser: Browser, baseUrl: string): Promise<OpenedPage> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  return { context, page, console: new ConsoleWatch(page) };
}

/** Close a page's context and fail on the console errors it logged (every suite's afterEach). */
export async function closeCheckingConsole(opened: OpenedPage | undefined): Promise<void> {
  const problems = opened?.console.problems ?? [];
  await opened?.context.close();
  expect(problems, 'console errors in the page').toEqual([]);
}

/**
 * One Chromium for a suite and one signed-in page per test: `open` a path as a user, `closePage`
 * in afterEach (failing on console errors), `close` in afterAll. The suites repeated this by hand.
 */
export class SignedInPages {
  /** The page the running test opened, for `console.expect` of a failure it provokes. */
  current: OpenedPage | undefined;

  private constructor(private readonly browser: Browser) {}

  static async launch(): Promise<SignedInPages> {
    return new SignedInPages(await launchChromium());
  }

  async open(baseUrl: string, token: string, path: string): Promise<Page> {
    this.current = await openPage(this.browser, baseUrl);
    await signInBeforeLoad(this.current.context, token);
    await this.current.page.goto(path);
    return this.current.page;
  }

  async closePage(): Promise<void> {
    const opened = this.current;
    this.current = undefined;
    await closeCheckingConsole(opened);
  }

  close(): Promise<void> {
    return this.browser.close();
  }
}
