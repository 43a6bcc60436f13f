import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import pino from 'pino';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createFathom } from '../../src/main.ts';
import { hashToken } from '../../src/services/api-tokens.ts';
import { testBackends } from '../support/backends.ts';
import { FATHOM_BIN } from '../support/spawn-fathom.ts';
import { createTestDatabase } from '../support/test-database.ts';

const RUN_TS = fileURLToPath(new URL('../../bin/run-ts.js', import.meta.url));
const OPEN_AND_CLOSE = fileURLToPath(new URL('../support/open-and-close-fathom.ts', import.meta.url));

/** Run a process to its end; rejects if it has not ended by itself within `timeoutMs`. */
function runToEnd(args: string[], timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, FATHOM_LOG_LEVEL: 'silent' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the process did not end by itself within ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe.each(testBackends())('Server process roles on %s', (backend) => {
  it('a process that closes right after it started closes within 1 s and then ends by itself', async () => {
    const database = createTestDatabase(backend);
    try {
      const result = await runToEnd([RUN_TS, OPEN_AND_CLOSE, JSON.stringify(database.location)], 30_000);
      expect(result.code, result.stderr).toBe(0);
      const timings = JSON.parse(result.stdout.trim()) as { openMs: number; closeMs: number };
      expect(timings.closeMs).toBeLessThan(1_000);
    } finally {
      await database.drop();
    }
  });

  it('only a process that serves the API creates the first token', async () => {
    const database = createTestDatabase(backend);
    const open = (withApi: boolean) =>
      createFathom({
        config: loadConfig({ PORT: '0', FATHOM_LOG_LEVEL: 'silent' }),
        logger: pino({ level: 'silent' }),
        databaseLocation: database.location,
        withApi,
        withWorkers: !withApi,
        executors: { executorFor: () => undefined },
      });
    try {
      const worker = await open(false);
      expect(worker.firstToken).toBeUndefined();
      expect(worker.app).toBeUndefined();
      expect(await worker.services.store.countActiveApiTokens()).toBe(0);
      const api = await open(true);
      try {
        expect(api.firstToken).toMatch(/^fth_/);
        expect(await api.services.store.findPrincipalByTokenHash(hashToken(api.firstToken!))).toBeDefined();
      } finally {
        await api.close();
        await worker.close();
      }
    } finally {
      await database.drop();
    }
  });
});

const postgresUrl = inject('postgresUrl');

describe.skipIf(!postgresUrl)('fathom worker beside fathom serve --no-workers (PostgreSQL, subprocesses)', () => {
  const databaseName = `fathom_roles_${process.pid}_${Date.now()}`;
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    const admin = new pg.Client({ connectionString: postgresUrl! });
    await admin.connect();
    await admin.query(`drop database if exists ${databaseName} with (force)`);
    await admin.end();
  });

  const start = (args: string[], environment: Record<string, string>, ready: RegExp) =>
    new Promise<{ child: ChildProcess; output: () => string }>((resolve, reject) => {
      const child = spawn(process.execPath, [FATHOM_BIN, ...args], { env: { ...process.env, FATHOM_LOG_LEVEL: 'warn', PORT: '0', ...environment } });
      children.push(child);
      let output = '';
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (ready.test(output)) resolve({ child, output: () => output });
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    });

  it('a worker that starts first on a fresh database leaves the first token to the API process, which prints it', async () => {
    const admin = new pg.Client({ connectionString: postgresUrl! });
    await admin.connect();
    await admin.query(`create database ${databaseName}`);
    await admin.end();
    const url = new URL(postgresUrl!);
    url.pathname = `/${databaseName}`;
    const environment = { DATABASE_URL: url.toString(), FATHOM_API_TOKEN: '' };
    const worker = await start(['worker'], environment, /worker running/);
    const api = await start(['serve', '--no-workers'], environment, /listening on (http:\/\/\S+)/);
    const token = /\n\s+(fth_[A-Za-z0-9_-]+)\n/.exec(api.output())?.[1];
    expect(token, api.output()).toBeDefined();
    expect(worker.output()).not.toContain('fth_');
    const baseUrl = /listening on (http:\/\/\S+)/.exec(api.output())![1]!;
    expect((await fetch(`${baseUrl}/v1/user`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  }, 60_000);
});
