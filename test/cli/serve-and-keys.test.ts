import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runFathom, startFathomServer } from '../support/spawn-fathom.ts';

const directory = mkdtempSync(join(tmpdir(), 'fathom-cli-'));
const environment = { FATHOM_DB_PATH: join(directory, 'fathom.db'), FATHOM_API_TOKEN: '' };
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const userOf = (url: string, token: string) => fetch(`${url}/v1/user`, { headers: { authorization: `Bearer ${token}` } });

describe('fathom serve and fathom keys (subprocesses, SQLite file)', () => {
  let firstToken = '';

  it('first start creates a token, prints it once, and stores only its hash', async () => {
    const server = await startFathomServer(environment);
    try {
      const match = /\n\s+(fth_[A-Za-z0-9_-]+)\n/.exec(server.output());
      expect(match, server.output()).not.toBeNull();
      firstToken = match![1]!;
      expect((await userOf(server.url, firstToken)).status).toBe(200);
      expect((await fetch(`${server.url}/v1/healthcheck`)).status).toBe(200);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    const again = await startFathomServer(environment);
    try {
      expect(again.output()).not.toContain('fth_');
      expect((await userOf(again.url, firstToken)).status).toBe(200);
    } finally {
      await again.stop();
    }
  });

  it('keys create / list / revoke manage tokens, and a revoked token answers 401', async () => {
    const created = await runFathom(['keys', 'create', '--name', 'ci', '--workspace', 'acme', '--email', 'ops@acme.test', '--json'], environment);
    expect(created.code, created.stderr).toBe(0);
    const key = JSON.parse(created.stdout);
    expect(key).toMatchObject({ workspace: 'acme', email: 'ops@acme.test' });
    const listed = await runFathom(['keys', 'list'], environment);
    expect(listed.stdout).toContain(key.prefix);
    expect(listed.stdout).not.toContain(key.token);
    const server = await startFathomServer(environment);
    try {
      const user = await (await userOf(server.url, key.token)).json();
      expect(user.organization_slug).toBe('acme');
      const revoked = await runFathom(['keys', 'revoke', key.prefix], environment);
      expect(revoked.code).toBe(0);
      expect((await userOf(server.url, key.token)).status).toBe(401);
      expect((await userOf(server.url, firstToken)).status).toBe(200);
      expect((await runFathom(['keys', 'revoke', key.prefix], environment)).code).toBe(1);
    } finally {
      await server.stop();
    }
  });

  it('FATHOM_API_TOKEN is valid for the default workspace and no other token is printed', async () => {
    const token = 'fixed-ci-token-0123456789';
    const server = await startFathomServer({ ...environment, FATHOM_API_TOKEN: token });
    try {
      const user = await (await userOf(server.url, token)).json();
      expect(user.organization_slug).toBe('default');
      expect(server.output()).not.toContain(token);
    } finally {
      await server.stop();
    }
    // Revoked, it stays revoked across restarts even though the variable still names it.
    expect((await runFathom(['keys', 'revoke', token.slice(0, 12)], environment)).code).toBe(0);
    const restarted = await startFathomServer({ ...environment, FATHOM_API_TOKEN: token });
    try {
      expect((await userOf(restarted.url, token)).status).toBe(401);
    } finally {
      await restarted.stop();
    }
  });

  it('the start-up banner names the web app, the API reference, the model and the search provider (or that none is set)', async () => {
    const bare = await startFathomServer({
      ...environment,
      FATHOM_LLM_BASE_URL: '',
      OPENAI_API_KEY: '',
      ANTHROPIC_API_KEY: '',
      FATHOM_SEARCH_PROVIDER: '',
      FATHOM_SEARCH_URL: '',
    });
    try {
      const output = bare.output();
      expect(output).toMatch(/Web app: +(http:\/\/127\.0\.0\.1:\d+\/|not built)/);
      expect(output).toContain(`API reference:  ${bare.url}/docs`);
      expect(output).toContain('Model:          none: set OPENAI_API_KEY, ANTHROPIC_API_KEY or FATHOM_LLM_BASE_URL');
      expect(output).toContain("Search:         none: research reads each company's own site");
    } finally {
      await bare.stop();
    }
    const configured = await startFathomServer({
      ...environment,
      FATHOM_LLM_BASE_URL: 'http://127.0.0.1:9/v1',
      FATHOM_LLM_MODEL: 'local-model',
      FATHOM_SEARCH_URL: 'http://127.0.0.1:9',
    });
    try {
      expect(configured.output()).toContain('Model:          local-model (openai-compatible at http://127.0.0.1:9/v1)');
      expect(configured.output()).toContain('Search:         searxng at http://127.0.0.1:9');
    } finally {
      await configured.stop();
    }
  });

  it('a bad variable stops start-up with a message naming it (exit 2)', async () => {
    const result = await runFathom(['serve'], { ...environment, PORT: 'eighty' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('PORT');
  });
});
