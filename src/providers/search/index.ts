/** Web search providers: the factory the server wires in main.ts, and each adapter. */
export { createSearchProvider, SEARCH_PROVIDER_IDS } from './create-search-provider.ts';
export type { SearchProviderId, SearchProviderSettings } from './create-search-provider.ts';
export { SEARCH_CONFIGURATION_VARIABLES } from './search-configuration-variables.ts';
export { SearxngSearchProvider } from './searxng-search-provider.ts';
export type { SearxngSearchSettings } from './searxng-search-provider.ts';
export { BraveSearchProvider, BRAVE_SEARCH_BASE_URL } from './brave-search-provider.ts';
export type { BraveSearchSettings } from './brave-search-provider.ts';
export { SerperSearchProvider, SERPER_BASE_URL } from './serper-search-provider.ts';
export type { SerperSearchSettings } from './serper-search-provider.ts';
export { TavilySearchProvider, TAVILY_BASE_URL } from './tavily-search-provider.ts';
export type { TavilySearchSettings } from './tavily-search-provider.ts';
export { ExaSearchProvider, EXA_BASE_URL } from './exa-search-provider.ts';
export type { ExaSearchSettings } from './exa-search-provider.ts';
