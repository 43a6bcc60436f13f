import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import type { CellExecutor } from '../../src/engine/cell-executor.ts';
import type { DatabaseLocation } from '../../src/store/open-database.ts';
import { releaseFixtures, type ReleaseFixture } from '../fixtures/releases/release-fixtures.ts';
import { readEverything } from '../fixtures/releases/release-reads.ts';
import { testBackends, type Backend } from '../support/backends.ts';
import { serveExistingDatabase } from '../support/test-server.ts';
import { waitForIdle } from '../support/wait-for.ts';

/**
 * Databases made by earlier releases, upgraded in place (issue 11: "a database made by the
 * previous release upgrades in place with every row, cell, run and profile intact, compared value
 * by value, on both databases"). Each fixture under test/fixtures/releases/ holds a SQLite file
 * and a pg_dump that a release's own server filled through its API and engine, and every answer
 * that release gave to `readEverything` (tables, status blocks, whole and paged data, cursor
 * pages, sorts, filters, rows, runs, failed cells, usage, views, profiles). The current server
 * opens the same database, runs its migrations, and must answer every read the same; then its
 * engine must finish the run the release left queued.
 */
const fixtures = releaseFixtures();

describe.each(testBackends())('Databases made by earlier releases, upgraded in place (%s)', (backend) => {
  it('has at least one release fixture to upgrade', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  describe.each(fixtures.map((fixture) => [fixture.manifest.name, fixture] as const))('release %s', (_name, fixture) => {
    it('answers every read exactly as the release did, and again after a second start', async () => {
      const restored = await restore(fixture, backend);
      try {
        const recorded = fixture.reads(backend);
        const companyDomains = fixture.manifest[backend].company_domains;
        for (let open = 0; open < 2; open += 1) {
          const server = await serveExistingDatabase(restored.location);
          try {
            const reads = await readEverything(server.client, { companyDomains });
            expect(reads.map((read) => read.path)).toEqual(recorded.map((read) => read.path));
            for (const [index, read] of reads.entries()) expect(read, `read ${index}: GET ${read.path}`).toEqual(recorded[index]);
          } finally {
            await server.close();
          }
        }
      } finally {
        await restored.drop();
      }
    });

    it("finishes the run the release left queued, on the upgraded database's own engine", async () => {
      const restored = await restore(fixture, backend);
      try {
        const recorded = fixture.reads(backend);
        const tables = recorded[0]!.body as { id: string; name: string }[];
        const companies = tables.find((table) => table.name === 'Release fixture companies')!;
        const before = recorded.find((read) => read.path === `/v1/tables/${companies.id}`)!.body as { status: Record<string, number | string> };
        const queued = recorded.filter(
          (read) => read.path === `/v1/tables/${companies.id}/data?${filterQuery([{ column: 'later', status: 'running' }])}&count=true`,
        );
        expect((queued[0]!.body as { rows: unknown[] }).rows).toHaveLength(2);

        const executor: CellExecutor = {
          execute: async (context) => ({ value: { answer: `upgraded ${context.column.key}`, source: [], explanation: 'after the upgrade' } }),
        };
        const server = await serveExistingDatabase(restored.location, { withWorkers: true, executors: { executorFor: () => executor } });
        try {
          const { client } = server;
          await waitForIdle(client, companies.id);
          const after = (await client.get(`/v1/tables/${companies.id}`)).body.status;
          expect(after.num_cells_completed).toBe(Number(before.status.num_cells_completed) + 2);
          const later = (await client.get(`/v1/tables/${companies.id}/data?${filterQuery([{ column: 'later', status: 'done' }])}`)).body.rows;
          expect(later.map((row: { data: { later: { value: { answer: string } } } }) => row.data.later.value.answer)).toEqual([
            'upgraded later',
            'upgraded later',
          ]);
          // And it takes new rows: the keys and sequences the release left continue.
          const added = await client.post(`/v1/tables/${companies.id}/rows`, { rows: [{ data: { input: 'after-upgrade.test' } }] });
          expect(added.status).toBe(200);
          const page = (await client.get(`/v1/tables/${companies.id}/data?limit=1&offset=${Number(before.status.num_rows)}`)).body.rows;
          expect(page.map((row: { data: { input: { value: string } } }) => row.data.input.value)).toEqual(['after-upgrade.test']);
        } finally {
          await server.close();
        }
      } finally {
        await restored.drop();
      }
    });
  });
});

function filterQuery(conditions: unknown[]): string {
  return `filter=${encodeURIComponent(JSON.stringify(conditions))}`;
}

/** The fixture's database restored where this test owns it: a copy of the SQLite file, or the dump loaded into a schema of its own. */
async function restore(fixture: ReleaseFixture, backend: Backend): Promise<{ location: DatabaseLocation; drop(): Promise<void> }> {
  if (backend === 'sqlite') {
    const directory = mkdtempSync(join(tmpdir(), 'fathom-release-'));
    const path = join(directory, 'fathom.db');
    writeFileSync(path, fixture.sqliteFile());
    return { location: { engine: 'sqlite', path }, drop: async () => rmSync(directory, { recursive: true, force: true }) };
  }
  const url = inject('postgresUrl')!;
  const schema = `fathom_test_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
  // psql meta-commands (a newer pg_dump's \restrict lines) are not SQL; everything else is.
  const dump = fixture
    .postgresDump()
    .split('\n')
    .filter((line) => !line.startsWith('\\'))
    .join('\n')
    .replaceAll(fixture.manifest.postgres.schema, schema);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(dump);
  } finally {
    await client.end();
  }
  return {
    location: { engine: 'postgres', connectionString: url, schema, poolSize: 5 },
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop schema if exists "${schema}" cascade`);
      await cleanup.end();
    },
  };
}
