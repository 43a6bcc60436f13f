import pg from 'pg';
import type { TestProject } from 'vitest/node';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PostgreSQL URL for the backend suites, or null when none answers (those suites are skipped, loudly). */
    postgresUrl: string | null;
  }
}

/**
 * Probe PostgreSQL once for the whole run. FATHOM_TEST_DATABASE_URL picks the server (CI sets it);
 * unset, the local default is tried; set to "off" (or BACKENDS=sqlite) skips PostgreSQL on purpose.
 */
export default async function setup(project: TestProject): Promise<void> {
  const requested = process.env.FATHOM_TEST_DATABASE_URL;
  const onlySqlite = process.env.BACKENDS === 'sqlite' || requested === 'off';
  const url = requested && requested !== 'off' ? requested : DEFAULT_URL;
  let available: string | null = null;
  if (!onlySqlite) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
    try {
      await client.connect();
      await client.query('select 1');
      available = url;
    } catch (error) {
      const banner = '!'.repeat(78);
      process.stderr.write(
        `\n${banner}\n!! PostgreSQL did not answer at ${url} (${(error as Error).message}).\n` +
          `!! The PostgreSQL backend tests are SKIPPED in this run. Start PostgreSQL or set FATHOM_TEST_DATABASE_URL.\n${banner}\n\n`,
      );
    } finally {
      await client.end().catch(() => {});
    }
  }
  project.provide('postgresUrl', available);
}
