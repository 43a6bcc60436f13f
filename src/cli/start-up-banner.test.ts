import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { startUpBanner } from './start-up-banner.ts';

const url = 'http://127.0.0.1:8000';

describe('startUpBanner', () => {
  it('names the web app, the API reference, the model and the search provider', () => {
    const config = loadConfig({
      FATHOM_LLM_BASE_URL: 'http://127.0.0.1:11434/v1',
      FATHOM_LLM_MODEL: 'llama3.1',
      FATHOM_LLM_REASONING_MODEL: 'qwen3',
      FATHOM_SEARCH_URL: 'http://127.0.0.1:8888',
      FATHOM_DB_PATH: './data/fathom.db',
    });
    expect(startUpBanner({ config, url, withWorkers: true, isWebAppBuilt: true })).toBe(
      [
        `Fathom on SQLite ./data/fathom.db with 1 worker listening on ${url}`,
        `  Web app:        ${url}/`,
        `  API reference:  ${url}/docs`,
        '  Model:          llama3.1 (openai-compatible at http://127.0.0.1:11434/v1); qwen3 for research_reasoning',
        '  Search:         searxng at http://127.0.0.1:8888',
        '',
      ].join('\n'),
    );
  });

  it('says when no model or search provider is configured, and which variables to set', () => {
    const banner = startUpBanner({ config: loadConfig({ FATHOM_WORKERS: '2' }), url, withWorkers: true, isWebAppBuilt: false });
    expect(banner).toContain('with 2 workers listening');
    expect(banner).toContain('Web app:        not built: run `npm run build:web`');
    expect(banner).toContain('Model:          none: set OPENAI_API_KEY, ANTHROPIC_API_KEY or FATHOM_LLM_BASE_URL (cells that need a model fail until then)');
    expect(banner).toContain("Search:         none: research reads each company's own site (set FATHOM_SEARCH_PROVIDER to search the web)");
  });

  it('names a hosted provider and its default model', () => {
    const banner = startUpBanner({
      config: loadConfig({ OPENAI_API_KEY: 'sk-test', FATHOM_SEARCH_PROVIDER: 'brave', FATHOM_SEARCH_API_KEY: 'k' }),
      url,
      withWorkers: false,
    });
    expect(banner).toMatch(/without workers listening/);
    expect(banner).toContain('Model:          gpt-4o-mini (openai)');
    expect(banner).toContain('Search:         brave');
  });
});
