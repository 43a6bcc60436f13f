import { inject } from 'vitest';

export type Backend = 'sqlite' | 'postgres';

/** Backends every integration suite runs on: SQLite always, PostgreSQL when one answers. */
export function testBackends(): Backend[] {
  return inject('postgresUrl') ? ['sqlite', 'postgres'] : ['sqlite'];
}
