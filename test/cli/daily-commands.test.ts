import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FATHOM_BIN, runFathom, type CommandResult } from '../support/spawn-fathom.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/** `fathom ARGS` with stdout on a pseudo-terminal (util-linux `script`), as a person runs it. */
function runInTerminal(args: string[], environment: Record<string, string>): Promise<CommandResult> {
  const command = [process.execPath, FATHOM_BIN, ...args].map((part) => `'${part.replaceAll("'", "'\\''")}'`).join(' ');
  return runProcess('script', ['-qec', command, '/dev/null'], environment);
}

function runProcess(file: string, args: string[], environment: Record<string, string>): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: { ...process.env, FATHOM_LOG_LEVEL: 'warn', ...environment } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end();
  });
}

const NO_STACK = /\n\s+at /;

/**
 * The CLI as a daily tool (issue 16, item 9), as subprocesses against real servers: one without
 * workers (runs stay queued), one with workers and no model configured (model cells fail at once).
 */
describe('fathom as a daily tool (subprocesses)', () => {
  let idle: TestServer;
  let working: TestServer;
  let directory: string;
  const started: ChildProcess[] = [];

  beforeAll(async () => {
    [idle, working] = await Promise.all([
      startTestServer('sqlite'),
      startTestServer('sqlite', { withWorkers: true, environment: { FATHOM_POLL_INTERVAL_MS: '50' } }),
    ]);
    directory = mkdtempSync(join(tmpdir(), 'fathom-daily-'));
  });
  afterEach(() => {
    for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  afterAll(async () => {
    await Promise.all([idle.close(), working.close()]);
    rmSync(directory, { recursive: true, force: true });
  });

  const environmentOf = (server: TestServer) => ({ FATHOM_BASE_URL: server.baseUrl, FATHOM_API_TOKEN: server.tokens.alice, EXTRUCT_API_TOKEN: '' });
  const fathom = (server: TestServer, args: string[]) => runFathom(args, environmentOf(server));
  const llmColumn = (name: string, key: string, prompt: string) => ({ kind: 'agent', name, key, value: { agent_type: 'llm', prompt } });
  const newTable = async (server: TestServer, payload: object, inputs: string[] = []) => {
    const table = (await server.alice.post('/v1/tables', payload)).body;
    if (inputs.length > 0) await server.alice.post(`/v1/tables/${table.id}/rows`, { rows: inputs.map((input) => ({ data: { input } })) });
    return table;
  };

  it('--columns takes keys, names and ids alike (tables run, tables data, export), and lists every unknown one', async () => {
    const table = await newTable(
      idle,
      { kind: 'generic', column_configs: [llmColumn('Pricing model', 'pricing', 'Pricing of {input}'), llmColumn('Segment', 'segment', 'Segment of {input}')] },
      ['acme.test', 'globex.test'],
    );
    const segment = table.columns.find((column: { config: { key: string } }) => column.config.key === 'segment');
    const [run, data, exported, unknown] = await Promise.all([
      fathom(idle, ['tables', 'run', table.id, '--columns', 'Pricing model']),
      fathom(idle, ['tables', 'data', table.id, '--columns', `input,${segment.id}`]),
      fathom(idle, ['export', '--table', table.id, '--format', 'ndjson', '--columns', 'segment,Input']),
      fathom(idle, ['tables', 'run', table.id, '--columns', 'Revenue,pricing,Headcount']),
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ columns: [table.columns[1].id], num_requested_cells: 2 });
    expect(data.code, data.stderr).toBe(0);
    expect(Object.keys(JSON.parse(data.stdout).rows[0].data).sort()).toEqual(['input', 'segment']);
    expect(exported.code, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout.split('\n')[0]!)).toEqual({ segment: null, input: 'acme.test' });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(
      '--columns: no column is called "Revenue", "Headcount". Columns of this table (key and name; ids work too): input (Input)',
    );
    await idle.alice.post(`/v1/tables/${table.id}/runs/${JSON.parse(run.stdout).id}/cancel`);
  });

  it('export --out into a directory that does not exist: a clean message and exit 1, no stack trace, no file left', async () => {
    const table = await newTable(idle, { kind: 'generic' }, ['a']);
    const out = join(directory, 'missing-directory', 'export.csv');
    const result = await fathom(idle, ['export', '--table', table.id, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`fathom: cannot open ${out}.partial: no such file or directory (ENOENT)\n`);
    expect(result.stderr).not.toMatch(NO_STACK);
    const json = await fathom(idle, ['export', '--table', table.id, '--out', out, '--json']);
    expect(JSON.parse(json.stdout).error).toMatchObject({ code: 'file_error', message: expect.stringContaining('no such file or directory') });
    // A file that cannot be read to import is as clean.
    const missing = await fathom(idle, ['import', join(directory, 'nope.csv'), '--table', table.id]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^fathom: cannot (open|read) .*nope\.csv: no such file or directory \(ENOENT\)\n$/);
  });

  it('tables run --wait exits 4 when cells of its run failed, with the counts and how to see and retry them', async () => {
    // No model is configured on this server: model cells fail at once, saying which variable to set.
    const table = await newTable(working, { kind: 'generic', column_configs: [llmColumn('Segment', 'segment', 'Segment of {input}')] }, ['one', 'two']);
    const result = await fathom(working, ['tables', 'run', table.id, '--wait', '--interval', '0.1']);
    const run = JSON.parse(result.stdout);
    expect(result.code, result.stderr).toBe(4);
    expect(result.stderr).toMatch(new RegExp(`run ${run.id} failed in [0-9.]+ s: 0 cells done · 2 failed`));
    expect(result.stderr).toContain(
      `fathom: 2 cells failed: see why with \`fathom runs failed-cells ${table.id} ${run.id}\`, run them again with \`fathom tables run ${table.id} --mode failed\``,
    );
    const failed = await fathom(working, ['runs', 'failed-cells', table.id, run.id]);
    expect(failed.code).toBe(0);
    expect(JSON.parse(failed.stdout)).toMatchObject({ total: 2, cells: [{ error: expect.stringContaining('no LLM provider configured') }, {}] });
    // A run whose cells are all done exits 0 (nothing to run is done too).
    const nothing = await fathom(working, ['tables', 'run', table.id, '--mode', 'new', '--wait']);
    expect(nothing.code, nothing.stderr).toBe(0);
    expect(nothing.stderr).toContain('nothing to run');
  });

  it('tables run --wait interrupted (Ctrl-C) says the run goes on and how to stop it; runs cancel TABLE cancels every active run', async () => {
    const table = await newTable(
      idle,
      { kind: 'generic', column_configs: [llmColumn('Segment', 'segment', 'Segment of {input}'), llmColumn('Pitch', 'pitch', 'Pitch to {input}')] },
      ['one', 'two', 'three'],
    );
    const child = spawn(process.execPath, [FATHOM_BIN, 'tables', 'run', table.id, '--columns', 'segment', '--wait', '--interval', '0.1'], {
      env: { ...process.env, FATHOM_LOG_LEVEL: 'warn', ...environmentOf(idle) },
    });
    started.push(child);
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await expect.poll(() => stderr, { timeout: 15_000 }).toContain('0/3 cells');
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    const run = JSON.parse(stdout);
    expect(stderr).toContain(
      `stopped waiting; run ${run.id} goes on on the server (3 cells left). Follow it with \`fathom tables watch ${table.id}\`, stop it with \`fathom runs cancel ${table.id}\`.`,
    );
    expect((await idle.alice.get(`/v1/tables/${table.id}/runs/${run.id}`)).body.status).toBe('created');

    const second = (await idle.alice.post(`/v1/tables/${table.id}/run`, { columns: [table.columns[2].id] })).body;
    expect(second.num_requested_cells).toBe(3);
    const cancelled = await fathom(idle, ['runs', 'cancel', table.id]);
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect(
      JSON.parse(cancelled.stdout)
        .map((each: { id: string; status: string }) => [each.id, each.status])
        .sort(),
    ).toEqual(
      [
        [run.id, 'canceled'],
        [second.id, 'canceled'],
      ].sort(),
    );
    expect(cancelled.stderr).toContain('cancelled 2 runs');
    const none = await fathom(idle, ['runs', 'cancel', table.id]);
    expect(JSON.parse(none.stdout)).toEqual([]);
    expect(none.stderr).toContain(`no run of table ${table.id} was going`);
  });

  it('tables list and runs list print a table for a person on a terminal, JSON in a pipe or with --json', async () => {
    const table = await newTable(idle, { kind: 'company', name: 'Terminal prospects', tags: ['tty'] }, ['acme.test']);
    await idle.alice.post(`/v1/tables/${table.id}/run`, {});
    const environment = environmentOf(idle);
    const [tablesOnTerminal, runsOnTerminal, jsonOnTerminal, piped] = await Promise.all([
      runInTerminal(['tables', 'list', '--tag', 'tty'], environment),
      runInTerminal(['runs', 'list', table.id], environment),
      runInTerminal(['tables', 'list', '--tag', 'tty', '--json'], environment),
      fathom(idle, ['runs', 'list', table.id]),
    ]);
    const tablesLines = tablesOnTerminal.stdout.split(/\r?\n/);
    expect(tablesLines[0]).toMatch(/^ID +NAME +KIND +ROWS +TAGS +CREATED$/);
    expect(tablesLines[1]).toMatch(new RegExp(`^${table.id} +Terminal prospects +company +1 +tty +\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}$`));
    expect(tablesLines[2]).toBe('1 table');
    const runsLines = runsOnTerminal.stdout.split(/\r?\n/);
    expect(runsLines[0]).toMatch(/^ID +STARTED +MODE +STATUS +DONE +FAILED +LEFT +TIME +TOKENS$/);
    expect(runsLines[1]).toMatch(/ new +created +0 +0 +3 +[0-9.]+ s +0$/);
    expect(JSON.parse(jsonOnTerminal.stdout.replace(/\x1b\[[0-9;]*m/g, ''))[0]).toMatchObject({ id: table.id });
    expect(JSON.parse(piped.stdout)[0]).toMatchObject({ mode: 'new', num_cells_remaining: 3 });
    await fathom(idle, ['runs', 'cancel', table.id]);
  });

  describe('timeouts are reported in the unit they were given in', () => {
    let stalling: Server;
    const sockets: Socket[] = [];
    beforeAll(async () => {
      // Accepts connections and never answers.
      stalling = createServer((socket) => sockets.push(socket));
      await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
    });
    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => stalling.close(resolve));
    });

    it('--timeout in seconds, --timeout-after in seconds', async () => {
      const { port } = stalling.address() as { port: number };
      const table = await newTable(idle, { kind: 'generic', column_configs: [llmColumn('Segment', 'segment', 'Segment of {input}')] }, ['one']);
      await idle.alice.post(`/v1/tables/${table.id}/run`, {});
      const [request, wait] = await Promise.all([
        runFathom(['tables', 'list', '--timeout', '0.5', '--base-url', `http://127.0.0.1:${port}`], { FATHOM_API_TOKEN: 'token-0123456789' }),
        fathom(idle, ['tables', 'watch', table.id, '--interval', '0.2', '--timeout-after', '1.5']),
      ]);
      expect(request.code).toBe(1);
      expect(request.stderr).toBe(`fathom: GET http://127.0.0.1:${port}/v1/tables?offset=0&limit=20 timed out after 0.5 s (raise --timeout?)\n`);
      expect(wait.code).toBe(1);
      expect(wait.stderr).toContain(`fathom: table ${table.id} was not idle after 1.5 s; 1 cells still queued or running (the run goes on on the server)`);
      await fathom(idle, ['runs', 'cancel', table.id]);
    });
  });

  it('import lists every unmapped column at once; --create-columns adds them as input columns, --ignore-unmapped leaves them out', async () => {
    const csv = join(directory, 'crm.csv');
    writeFileSync(csv, 'Website,Owner,Deal stage,Notes\nacme.test,Ana,Won,Met at a fair\nglobex.test,Ben,Lost,\n');
    const ndjson = join(directory, 'crm.ndjson');
    writeFileSync(ndjson, '{"input": "initech.test", "Owner": "Cy"}\n{"input": "hooli.test", "Region": "EU"}\n');
    const [refusedTable, createdTable, ignoredTable, jsonTable] = await Promise.all(
      [0, 1, 2, 3].map(() => newTable(idle, { kind: 'company', column_configs: [{ kind: 'input', name: 'Notes', key: 'notes' }] })),
    );
    const [refused, created, ignored, both, fromJson] = await Promise.all([
      fathom(idle, ['import', csv, '--table', refusedTable.id, '--map', 'Website=input']),
      fathom(idle, ['import', csv, '--table', createdTable.id, '--map', 'Website=input', '--create-columns']),
      fathom(idle, ['import', csv, '--table', ignoredTable.id, '--map', 'Website=input', '--ignore-unmapped']),
      fathom(idle, ['import', csv, '--table', ignoredTable.id, '--create-columns', '--ignore-unmapped']),
      fathom(idle, ['import', ndjson, '--table', jsonTable.id]),
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('2 columns of the file match no input column of the table: "Owner", "Deal stage"');
    expect(refused.stderr).toContain('--create-columns     to add them to the table as input columns');
    expect(refused.stderr).toContain('--ignore-unmapped    to leave them out');
    expect((await idle.alice.get(`/v1/tables/${refusedTable.id}`)).body.status.num_rows).toBe(0);

    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout).created_columns).toEqual([
      { header: 'Owner', name: 'Owner', key: 'owner' },
      { header: 'Deal stage', name: 'Deal stage', key: 'deal_stage' },
    ]);
    expect(created.stderr).toContain('added the input column Deal stage (key deal_stage) for the file\'s column "Deal stage"');
    const rows = (await idle.alice.get(`/v1/tables/${createdTable.id}/data`)).body.rows;
    expect(rows.map((row: any) => [row.data.input.value, row.data.owner.value, row.data.deal_stage.value, row.data.notes.value])).toEqual([
      ['acme.test', 'Ana', 'Won', 'Met at a fair'],
      ['globex.test', 'Ben', 'Lost', null],
    ]);

    expect(ignored.code, ignored.stderr).toBe(0);
    expect(JSON.parse(ignored.stdout)).toMatchObject({
      imported: 2,
      created_columns: [],
      skipped_columns: { Owner: 'matches no input column (--ignore-unmapped)', 'Deal stage': 'matches no input column (--ignore-unmapped)' },
    });
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('--create-columns and --ignore-unmapped cannot be used together');

    // Keys of a JSON file are all read before anything is sent, so they too are listed at once.
    expect(fromJson.code).toBe(1);
    expect(fromJson.stderr).toContain('2 columns of the file match no input column of the table: "Owner", "Region"');
    expect(existsSync(csv) && readFileSync(csv, 'utf8').startsWith('Website')).toBe(true);
  });
});
