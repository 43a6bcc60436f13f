import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FATHOM_BIN, runFathom } from '../support/spawn-fathom.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * The client commands as a user runs them: `fathom …` subprocesses against a real server on
 * 127.0.0.1. Commands that do not depend on each other run in parallel: a subprocess spends
 * most of its time starting.
 */
describe('fathom client commands (subprocesses, SQLite server)', () => {
  let server: TestServer;
  let environment: Record<string, string>;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
    environment = { FATHOM_BASE_URL: server.baseUrl, FATHOM_API_TOKEN: server.tokens.alice, EXTRUCT_API_TOKEN: '' };
  });
  afterAll(() => server.close());

  const fathom = (args: string[], input?: string, extra: Record<string, string> = {}) => runFathom(args, { ...environment, ...extra }, input);
  const json = async (args: string[], input?: string) => {
    const result = await fathom(args, input);
    expect(result.code, `${args.join(' ')}\n${result.stderr}`).toBe(0);
    return JSON.parse(result.stdout);
  };
  /** A long-running command: its output so far, and its exit code once it ends. */
  const startFathom = (args: string[]) => {
    const child = spawn(process.execPath, [FATHOM_BIN, ...args], { env: { ...process.env, FATHOM_LOG_LEVEL: 'warn', ...environment } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdin.end();
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    started.push(child);
    return { stdout: () => stdout, stderr: () => stderr, exited };
  };
  const started: ChildProcess[] = [];
  // A failed assertion must not leave a watcher polling: stop whatever is still running.
  afterEach(() => {
    for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const newTable = (payload: object) => server.alice.post('/v1/tables', payload).then((response) => response.body);

  it('auth user, auth billing, healthcheck (no token needed), with EXTRUCT_API_TOKEN as an alias', async () => {
    const [alias, billing, health, authHealth] = await Promise.all([
      fathom(['auth', 'user', '--pretty'], undefined, { FATHOM_API_TOKEN: '', EXTRUCT_API_TOKEN: server.tokens.bob }),
      json(['auth', 'billing']),
      fathom(['healthcheck'], undefined, { FATHOM_API_TOKEN: '' }),
      fathom(['auth', 'healthcheck'], undefined, { FATHOM_API_TOKEN: '' }),
    ]);
    expect(alias.code).toBe(0);
    expect(JSON.parse(alias.stdout)).toMatchObject({ email: 'bob@globex.test', organization_slug: 'globex' });
    expect(alias.stdout).toContain('\n  "email": "bob@globex.test"');
    expect(billing).toMatchObject({ user: { email: 'alice@acme.test' }, subscription: { requires_subscription: false } });
    for (const result of [health, authHealth]) {
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({ status: 'ok' });
    }
  });

  it('auth and config errors exit 2 (bad token, missing token, bad base URL); an unreachable server exits 1', async () => {
    const closed = await closedPort();
    const [badTokenJson, missing, badUrl, unreachable] = await Promise.all([
      fathom(['tables', 'list', '--json'], undefined, { FATHOM_API_TOKEN: 'fth_not-a-real-token-0000' }),
      fathom(['tables', 'list'], undefined, { FATHOM_API_TOKEN: '' }),
      fathom(['auth', 'user', '--base-url', 'localhost:8000']),
      fathom(['healthcheck', '--base-url', `http://127.0.0.1:${closed}`]),
    ]);
    expect(badTokenJson.code).toBe(2);
    expect(JSON.parse(badTokenJson.stdout)).toMatchObject({ error: { code: 'auth_error', status_code: 401, method: 'GET', path: '/v1/tables' } });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('FATHOM_API_TOKEN');
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('--base-url "localhost:8000" must start with http:// or https://');
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain(`could not reach http://127.0.0.1:${closed}/v1/healthcheck: ECONNREFUSED`);
  });

  it('tables create (inline and stdin payloads), list, get, update, clone, data', async () => {
    const [created, fromStdin] = await Promise.all([
      json(['tables', 'create', '--payload', '{"name": "CLI table", "kind": "generic", "tags": ["cli"]}']),
      json(['tables', 'create', '--payload-file', '-', '--name', 'From stdin'], JSON.stringify({ kind: 'company', tags: ['cli'] })),
    ]);
    expect(created).toMatchObject({ name: 'CLI table', kind: 'generic' });
    expect(fromStdin).toMatchObject({ name: 'From stdin', kind: 'company' });
    await server.alice.post(`/v1/tables/${created.id}/rows`, { rows: [{ data: { input: 'a' } }, { data: { input: 'b' } }, { data: { input: 'c' } }] });

    const [list, got, updated, data, clone] = await Promise.all([
      json(['tables', 'list', '--tag', 'cli', '--kind', 'company']),
      json(['tables', 'get', created.id]),
      json(['tables', 'update', created.id, '--payload', '{"description": "updated"}']),
      json(['tables', 'data', created.id, '--offset', '1', '--limit', '1', '--columns', 'input']),
      json(['tables', 'clone', created.id, '--schema-only']),
    ]);
    expect(list.map((table: { id: string }) => table.id)).toEqual([fromStdin.id]);
    expect(got.status).toMatchObject({ num_rows: 3, run_status: 'idle' });
    expect(updated.description).toBe('updated');
    expect(data.rows.map((row: { data: { input: { value: string } } }) => row.data.input.value)).toEqual(['b']);
    expect(clone).toMatchObject({ name: 'CLI table (copy)' });
    expect((await server.alice.get(`/v1/tables/${clone.id}`)).body.status.num_rows).toBe(0);
  });

  it('failures print the server detail: 404, 422 with locs (and as JSON with --json); usage errors exit 1', async () => {
    const table = await newTable({ kind: 'generic' });
    const rows = JSON.stringify({ rows: [{ data: { input: 'ok' } }, { data: { input: 'ok' } }, { data: { input: 'ok' } }, { metadata: {} }] });
    const [notFound, invalid, invalidJson, badPayload, noPayload] = await Promise.all([
      fathom(['tables', 'get', '00000000-0000-4000-8000-000000000000']),
      fathom(['rows', 'create', table.id, '--payload', rows]),
      fathom(['rows', 'create', table.id, '--payload', rows, '--json']),
      fathom(['tables', 'update', table.id, '--payload', '{"name": ']),
      fathom(['rows', 'create', table.id]),
    ]);
    expect(notFound.code).toBe(1);
    expect(notFound.stderr).toContain('Table 00000000-0000-4000-8000-000000000000 not found (404 not_found');
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('  body.rows.3.data: Field required');
    expect(invalidJson.code).toBe(1);
    expect(JSON.parse(invalidJson.stdout).error).toMatchObject({
      code: 'http_error',
      status_code: 422,
      message: 'body.rows.3.data: Field required',
      details: { detail: [{ loc: ['body', 'rows', 3, 'data'], msg: 'Field required', type: 'missing' }] },
    });
    expect(badPayload.code).toBe(1);
    expect(badPayload.stderr).toContain('--payload is not valid JSON');
    expect(noPayload.code).toBe(1);
    expect(noPayload.stderr).toContain('missing request body');
  });

  it('rows create (payload file from stdin), get, update, delete', async () => {
    const table = await newTable({ kind: 'generic', column_configs: [{ name: 'Notes', key: 'notes' }] });
    const created = await json(['rows', 'create', table.id, '--payload-file', '-'], JSON.stringify([{ data: { input: 'one' } }, { data: { input: 'two' } }]));
    expect(created).toHaveLength(2);
    const [got, updated] = await Promise.all([
      json(['rows', 'get', table.id, created[0].id]),
      json(['rows', 'update', table.id, '--payload', JSON.stringify({ rows: [{ id: created[1].id, data: { notes: 'n' } }] })]),
    ]);
    expect(got).toMatchObject({ id: created[0].id, status: 'idle' });
    expect(updated[0].data.notes.value).toBe('n');
    const deleted = await json(['rows', 'delete', table.id, '--payload', JSON.stringify({ rows: [created[0].id, created[1].id] }), '--yes']);
    expect(deleted).toEqual([created[0].id, created[1].id]);
    expect((await server.alice.get(`/v1/tables/${table.id}/data`)).body.rows).toEqual([]);
  });

  it('columns list, add (a bare array), update, delete', async () => {
    const table = await newTable({ kind: 'company' });
    const config = { kind: 'agent', name: 'HQ', key: 'hq', value: { agent_type: 'llm', prompt: 'Where is {company_name} based?' } };
    const [added] = await json(['columns', 'add', table.id, '--payload', JSON.stringify([config])]);
    const [listed, updated] = await Promise.all([
      json(['columns', 'list', table.id]),
      json(['columns', 'update', table.id, added.id, '--payload', JSON.stringify({ ...config, name: 'Headquarters' })]),
    ]);
    expect(listed.map((column: { config: { key: string } }) => column.config.key)).toEqual([
      'input',
      'company_profile',
      'company_name',
      'company_website',
      'hq',
    ]);
    expect(updated.config.name).toBe('Headquarters');
    expect((await json(['columns', 'delete', table.id, added.id, '--yes'])).id).toBe(added.id);
  });

  it('destructive commands refuse without --yes when stdin is not a terminal, and change nothing', async () => {
    const table = await newTable({ kind: 'company' });
    const [row] = (await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: 'acme.test' } }] })).body;
    const refusals = await Promise.all([fathom(['tables', 'delete', table.id]), fathom(['rows', 'delete', table.id, '--ids', row.id, '--json'])]);
    for (const refusal of refusals) expect(refusal.code).toBe(1);
    expect(refusals[0]!.stderr).toContain(`refusing to delete table ${table.id} without --yes`);
    expect(JSON.parse(refusals[1]!.stdout).error).toMatchObject({ code: 'cli_error', message: expect.stringContaining('refusing to delete 1 row') });
    expect((await server.alice.get(`/v1/tables/${table.id}`)).body.status.num_rows).toBe(1);
    expect(await json(['tables', 'delete', table.id, '--yes'])).toMatchObject({ id: table.id });
    expect((await server.alice.get(`/v1/tables/${table.id}`)).status).toBe(404);
  });

  it('tables run --wait follows its run and tables watch the table until idle; runs list/get/cancel; poll times out (exit 1), then answers the idle table', async () => {
    const table = await newTable({ kind: 'company' });
    await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: [{ data: { input: 'acme.test' } }, { data: { input: 'globex.test' } }] });
    // No workers run in tests: the run's 6 cells stay queued until the run is cancelled.
    const runner = startFathom(['tables', 'run', table.id, '--mode', 'new', '--wait', '--interval', '0.1']);
    await expect.poll(() => runner.stderr(), { timeout: 15_000 }).toContain('0/6 cells');
    const run = JSON.parse(runner.stdout());
    expect(run).toMatchObject({ status: 'created', mode: 'new', num_requested_cells: 6 });
    const watcher = startFathom(['tables', 'watch', table.id, '--interval', '0.1']);
    const [runs, got, poll] = await Promise.all([
      json(['runs', 'list', table.id]),
      json(['runs', 'get', table.id, run.id]),
      fathom(['tables', 'poll', table.id, '--interval', '0.05', '--max-attempts', '2']),
    ]);
    expect(runs.map((listed: { id: string }) => listed.id)).toEqual([run.id]);
    expect(got.id).toBe(run.id);
    expect(poll.code).toBe(1);
    expect(poll.stderr).toContain('not idle after 2 polls');
    await expect.poll(() => watcher.stdout(), { timeout: 15_000 }).toContain('0/6 cells');

    expect((await json(['runs', 'cancel', table.id, run.id])).status).toBe('canceled');
    const [runnerCode, watcherCode, idle] = await Promise.all([runner.exited, watcher.exited, fathom(['tables', 'poll', table.id, '--interval', '0.05'])]);
    // The run the runner followed did not complete: exit 4, saying so.
    expect([runnerCode, watcherCode]).toEqual([4, 0]);
    expect(runner.stderr()).toContain(`run ${run.id} was cancelled after`);
    expect(runner.stderr()).toContain(`fathom: run ${run.id} was cancelled before every cell was computed`);
    // Not a terminal: plain lines, no escape codes, then a summary.
    expect(watcher.stdout()).toContain('6 cells queued or running');
    expect(watcher.stdout()).not.toContain('\x1b[');
    expect(watcher.stdout()).toMatch(/table .* is idle: 2 rows · 0 cells done · 0 failed/);
    expect(idle.code).toBe(0);
    expect(JSON.parse(idle.stdout).status.run_status).toBe('idle');
  });

  it('--help on every command shows an example', async () => {
    const help = await fathom(['tables', 'create', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--from-file <path>');
    expect(help.stdout).toMatch(/Examples:\n {2}fathom tables create/);
  });
});
