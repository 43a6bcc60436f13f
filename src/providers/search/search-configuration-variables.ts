/**
 * Names of the environment variables an operator sets to configure search. Only `src/config.ts`
 * reads them; the adapters name them in error messages so a failure says what to fix.
 */
export const SEARCH_CONFIGURATION_VARIABLES = {
  /** Which provider: `searxng`, `brave`, `serper`, `tavily` or `exa`. */
  provider: 'FATHOM_SEARCH_PROVIDER',
  /** SearXNG instance URL, or a proxy in front of the chosen API. */
  url: 'FATHOM_SEARCH_URL',
  /** API key of Brave, Serper, Tavily or Exa. */
  apiKey: 'FATHOM_SEARCH_API_KEY',
} as const;
