import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('starts with no variables at all: SQLite, 127.0.0.1:8000, no provider', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ host: '127.0.0.1', port: 8000, database: { engine: 'sqlite', path: './data/fathom.db' }, apiToken: undefined });
    expect(config.llm.provider).toBeNull();
    expect(config.search.provider).toBeNull();
  });

  it('switches to PostgreSQL with DATABASE_URL and treats empty values as unset', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://user@db/fathom' }).database).toMatchObject({
      engine: 'postgres',
      connectionString: 'postgres://user@db/fathom',
    });
    expect(loadConfig({ DATABASE_URL: '', FATHOM_API_TOKEN: '' })).toMatchObject({ database: { engine: 'sqlite' }, apiToken: undefined });
  });

  it('prepares the engine statements on PostgreSQL unless FATHOM_DB_PREPARED_STATEMENTS is false', () => {
    const url = 'postgres://user@db/fathom';
    expect(loadConfig({ DATABASE_URL: url }).database).toMatchObject({ preparedStatements: true });
    expect(loadConfig({ DATABASE_URL: url, FATHOM_DB_PREPARED_STATEMENTS: '' }).database).toMatchObject({ preparedStatements: true });
    expect(loadConfig({ DATABASE_URL: url, FATHOM_DB_PREPARED_STATEMENTS: 'false' }).database).toMatchObject({ preparedStatements: false });
    expect(() => loadConfig({ DATABASE_URL: url, FATHOM_DB_PREPARED_STATEMENTS: 'no' })).toThrow(/FATHOM_DB_PREPARED_STATEMENTS/);
  });

  it('stops with a message naming the bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ FATHOM_LLM_PROVIDER: 'gemini' })).toThrow(/FATHOM_LLM_PROVIDER/);
  });

  it('reads provider settings and lists of allowed hosts', () => {
    const config = loadConfig({
      FATHOM_LLM_BASE_URL: 'http://127.0.0.1:11434/v1',
      FATHOM_LLM_MODEL: 'llama3.1',
      FATHOM_CACHE_TTL_HOURS: '2',
      FATHOM_FETCH_ALLOW_HOSTS: ' 127.0.0.1, 10.0.0.0/8 ,',
      FATHOM_LEASE_SECONDS: '60',
    });
    expect(config.llm).toMatchObject({ baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.1', cacheTtlMs: 7_200_000 });
    expect(config.fetch.allowHosts).toEqual(['127.0.0.1', '10.0.0.0/8']);
    expect(config.engine.leaseMs).toBe(60_000);
  });

  it('takes proxies in upper or lower case, upper case first', () => {
    expect(loadConfig({ https_proxy: 'http://proxy.lan:3128', no_proxy: 'internal.lan' }).fetch.proxy).toEqual({
      httpsProxy: 'http://proxy.lan:3128',
      noProxy: 'internal.lan',
    });
    expect(loadConfig({ HTTP_PROXY: 'http://upper:1', http_proxy: 'http://lower:2' }).fetch.proxy).toEqual({ httpProxy: 'http://upper:1' });
    expect(loadConfig({}).fetch.isProxySsrfBoundary).toBe(false);
    expect(loadConfig({ FATHOM_PROXY_IS_SSRF_BOUNDARY: 'true' }).fetch.isProxySsrfBoundary).toBe(true);
    expect(() => loadConfig({ FATHOM_PROXY_IS_SSRF_BOUNDARY: 'yes' })).toThrow(/FATHOM_PROXY_IS_SSRF_BOUNDARY/);
  });

  it("reads the people finders' DNS servers and optional email finder", () => {
    expect(loadConfig({}).people).toEqual({ dnsServers: [], emailFinder: null });
    expect(loadConfig({ FATHOM_DNS_SERVERS: '127.0.0.1:5353, [::1]:53' }).people.dnsServers).toEqual(['127.0.0.1:5353', '[::1]:53']);
    expect(() => loadConfig({ FATHOM_DNS_SERVERS: 'dns.example:53' })).toThrow(/FATHOM_DNS_SERVERS/);
    expect(loadConfig({ FATHOM_EMAIL_FINDER_PROVIDER: 'hunter', FATHOM_EMAIL_FINDER_API_KEY: 'k' }).people.emailFinder).toEqual({
      provider: 'hunter',
      url: 'https://api.hunter.io/v2',
      apiKey: 'k',
    });
    expect(() => loadConfig({ FATHOM_EMAIL_FINDER_PROVIDER: 'hunter' })).toThrow(/FATHOM_EMAIL_FINDER_API_KEY/);
  });
});

describe('cost settings', () => {
  it('reads FATHOM_PRICES as inline JSON, or as a file path, and the caps', () => {
    const inline = loadConfig({
      FATHOM_PRICES: '{"models":{"llama3.1":{"input_per_million":0,"output_per_million":0}}}',
      FATHOM_WORKSPACE_DAILY_COST_CAP: '5',
    });
    expect(inline.cost).toMatchObject({
      priceOverrides: { models: { 'llama3.1': { input_per_million: 0 } }, searches: {} },
      priceFile: null,
      workspaceDailyCap: 5,
    });
    expect(loadConfig({ FATHOM_PRICES: '/etc/fathom/prices.json' }).cost).toMatchObject({ priceOverrides: null, priceFile: '/etc/fathom/prices.json' });
    expect(loadConfig({ FATHOM_LLM_MODELS: 'a, b' }).llm.extraModels).toEqual(['a', 'b']);
  });

  it('names FATHOM_PRICES when its JSON is wrong', () => {
    expect(() => loadConfig({ FATHOM_PRICES: '{"models":{"x":{"input_per_million":-1,"output_per_million":0}}}' })).toThrow(
      /FATHOM_PRICES\.models\.x\.input_per_million/,
    );
    expect(() => loadConfig({ FATHOM_PRICES: '{oops' })).toThrow(/FATHOM_PRICES \(inline JSON\) is not JSON/);
  });
});
