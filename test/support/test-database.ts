import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { createStore } from '../../src/store/kysely-store.ts';
import { openDatabase, type DatabaseLocation, type OpenedDatabase } from '../../src/store/open-database.ts';
import type { Store } from '../../src/store/store.ts';
import type { Backend } from './backends.ts';

export interface TestDatabase {
  location: DatabaseLocation;
  /** Drop the database (the SQLite file, or the PostgreSQL schema). */
  drop(): Promise<void>;
}

/** A fresh, empty database location: a temporary SQLite file, or a PostgreSQL schema of its own. */
export function createTestDatabase(backend: Backend): TestDatabase {
  if (backend === 'sqlite') {
    const directory = mkdtempSync(join(tmpdir(), 'fathom-test-'));
    return { location: { engine: 'sqlite', path: join(directory, 'fathom.db') }, drop: async () => rmSync(directory, { recursive: true, force: true }) };
  }
  const url = inject('postgresUrl');
  if (!url) throw new Error('PostgreSQL backend requested but no PostgreSQL answered');
  const schema = `fathom_test_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
  return {
    location: { engine: 'postgres', connectionString: url, schema, poolSize: 5 },
    drop: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}

export interface TestStore {
  store: Store;
  database: OpenedDatabase;
  location: DatabaseLocation;
  close(): Promise<void>;
}

/** A migrated store over a fresh database; `close` closes it and drops the database. */
export async function openTestStore(backend: Backend): Promise<TestStore> {
  const testDatabase = createTestDatabase(backend);
  const database = await openDatabase(testDatabase.location);
  return {
    store: createStore(database),
    database,
    location: testDatabase.location,
    close: async () => {
      await database.close();
      await testDatabase.drop();
    },
  };
}

/**
 * A PostgreSQL database of its own (not a schema), for subprocesses that take a DATABASE_URL:
 * created on `adminUrl`'s server; `drop` removes it, whoever is still connected.
 */
export async function createScratchPostgresDatabase(adminUrl: string, name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
