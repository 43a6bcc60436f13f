/** The database engine a migration runs on, for the few storage options that exist on one engine only. */
export type MigrationEngine = 'sqlite' | 'postgres';
