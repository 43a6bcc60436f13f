/** The database engine a migration runs on, for the few storage options that exist on one engine only. */
export type MigrationEngine = 'sqlite' | 'postgres';

/**
 * Where a long migration reports how far it is, one line per batch (the server logs them), so an
 * operator upgrading a big database sees it working rather than a start-up that seems stuck.
 */
export type MigrationProgress = (line: string) => void;
