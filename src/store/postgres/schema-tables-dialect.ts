import { type DatabaseIntrospector, type DatabaseMetadata, type Kysely, PostgresDialect, type SchemaMetadata, sql, type TableMetadata } from 'kysely';

/**
 * PostgreSQL as Kysely speaks it, with an introspector that reads table names only, from the
 * catalog, in the connection's own schema. Why: Kysely's migrator asks the introspector whether
 * its bookkeeping tables exist, before it takes its lock, and Kysely's own PostgreSQL
 * introspector reads every column of every schema and calls `pg_get_serial_sequence` for each.
 * When DDL elsewhere removes a column or a table between the catalog read and that call
 * (another process running migration 0022, which rebuilds `cells`; a test dropping its schema),
 * the call fails with "column … does not exist" and start-up fails with it. Fathom introspects
 * nothing else, so names and schemas are all this needs to answer.
 */
export class SchemaTablesPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SchemaTablesIntrospector(db);
  }
}

class SchemaTablesIntrospector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<any>) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const result = await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace`.execute(this.db);
    return result.rows;
  }

  async getTables(): Promise<TableMetadata[]> {
    const result = await sql<{ name: string; schema: string; is_view: boolean }>`
      select c.relname as name, n.nspname as schema, c.relkind in ('v', 'm') as is_view
      from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind in ('r', 'p', 'v', 'm')`.execute(this.db);
    return result.rows.map((row) => ({ name: row.name, schema: row.schema, isView: row.is_view, columns: [] }));
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() };
  }
}
