/**
 * The safe page fetcher: the only way Fathom reads web pages. `main.ts` creates one with
 * `createSafeFetcher(options)` from configuration and hands it to agents as a `PageFetcher`.
 */
export { createSafeFetcher, SafeFetcher } from './safe-fetcher.ts';
export { DEFAULT_USER_AGENT } from './fetcher-options.ts';
export type { FetchLogger, SafeFetcherOptions } from './fetcher-options.ts';
export type { ProxyOptions } from './proxy-selection.ts';
export { ALLOW_LIST_SETTING, systemHostLookup } from './destination-guard.ts';
export type { HostLookup } from './destination-guard.ts';
export { createAllowList } from './allow-list.ts';
export { extractHtmlPage } from './extract-html-page.ts';
export type { ExtractedHtmlPage } from './extract-html-page.ts';
