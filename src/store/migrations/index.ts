import type { Migration, MigrationProvider } from 'kysely';
import * as initialSchema from './0001-initial-schema.ts';
import * as runs from './0002-runs.ts';

/**
 * Versioned migrations, applied in name order at start-up. Never edit one that has shipped;
 * add the next number instead.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial-schema': initialSchema,
  '0002-runs': runs,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
