import type { Command } from 'commander';
import { TABLE_KINDS } from '../domain/table-kinds.ts';
import type { ListTablesQuery, UpdateTableInput } from '../sdk/index.ts';
import { clientAction, defineClientCommand, withExamples, type ClientOptions } from './client-command.ts';
import { confirmDestructive } from './destructive-confirmation.ts';
import { addImportOptions } from './import-command.ts';
import { collect, parseKeyList, parseNonNegativeInteger, parsePositiveInteger } from './option-parsers.ts';
import { addPayloadOptions, readPayload, type PayloadOptions } from './payload-input.ts';
import { createTableFromFlags, type CreatePipelineFlags } from './table-create-pipeline.ts';
import { resolveColumnReferences } from './column-references.ts';
import { describePage, formatHumanTable, formatTimestamp, isForPerson, type TableColumn } from './human-table.ts';
import type { TableSummary } from '../sdk/index.ts';
import { registerTableRunCommands } from './table-run-commands.ts';

interface ListOptions extends ClientOptions {
  offset: number;
  limit: number;
  kind?: ListTablesQuery['kind'];
  scope?: ListTablesQuery['scope'];
  view?: ListTablesQuery['view'];
  search?: string;
  tag: string[];
  sort?: ListTablesQuery['sort'];
}

interface DataOptions extends ClientOptions {
  offset: number;
  limit: number;
  columns?: string[];
}

const TABLE_LIST_COLUMNS: TableColumn<TableSummary>[] = [
  { header: 'ID', value: (table) => table.id },
  { header: 'NAME', value: (table) => table.name, maxWidth: 40 },
  { header: 'KIND', value: (table) => table.kind },
  { header: 'ROWS', value: (table) => table.num_rows.toLocaleString('en-US'), isNumeric: true },
  { header: 'TAGS', value: (table) => (table.tags ?? []).join(', '), maxWidth: 30 },
  { header: 'CREATED', value: (table) => formatTimestamp(table.created_at) },
];

/** `fathom tables …`: the vendor CLI's table commands, plus `watch` and the `create --from-file` pipeline. */
export function registerTablesCommands(program: Command): void {
  const tables = withExamples(program.command('tables').description('List, create, read, change, run and delete tables'), [
    'fathom tables list --pretty',
    'fathom tables create --kind company --name Prospects --from-file companies.csv --run --wait',
  ]);

  defineClientCommand(
    tables
      .command('list')
      .description('List tables, newest first (a table on a terminal, JSON otherwise or with --json)')
      .option('--offset <n>', 'skip this many tables', parseNonNegativeInteger, 0)
      .option('--limit <n>', 'tables per page, at most 100', parsePositiveInteger, 20)
      .option('--kind <kind>', TABLE_KINDS.join(' | '))
      .option('--scope <scope>', 'personal | organization')
      .option('--view <view>', 'full | minimal (legacy, ignored)')
      .option('--search <text>', 'name contains')
      .option('--tag <tag>', 'has this tag (repeatable)', collect, [])
      .option('--sort <order>', '-created_at | created_at | name | -name | num_rows | -num_rows'),
    ['fathom tables list --kind company --limit 50 --pretty'],
  ).action(
    clientAction<ListOptions, []>(async ({ client, options }) => {
      const { offset, limit, kind, scope, view, search, tag, sort } = options;
      const page = await client.tables.list({ offset, limit, kind, scope, view, search, sort, tags: tag.length > 0 ? tag : undefined });
      if (!isForPerson(options)) return page.tables;
      process.stdout.write(formatHumanTable(page.tables, TABLE_LIST_COLUMNS));
      process.stdout.write(describePage(page.tables.length, page.total, offset, 'table'));
      return undefined;
    }),
  );

  const create = addPayloadOptions(tables.command('create').description('Create a table; with --from-file also import rows, and with --run start a run'))
    .option('--name <name>', 'table name')
    .option('--kind <kind>', TABLE_KINDS.join(' | '))
    .option('--column-file <path>', 'JSON file of column configs (an array, or {"column_configs": [...]}) to add')
    .option('--from-file <path>', 'import rows from this CSV/TSV/NDJSON/JSON file into the new table');
  addImportOptions(create);
  defineClientCommand(create, [
    `fathom tables create --payload '{"name": "Prospects", "kind": "company"}'`,
    'fathom tables create --kind company --name Prospects --from-file companies.csv --column-file columns.json --run --wait',
  ]).action(clientAction<ClientOptions & PayloadOptions & CreatePipelineFlags, []>(async ({ client, options }) => createTableFromFlags(client, options)));

  defineClientCommand(tables.command('get <tableId>').description('Show a table: columns and run status'), ['fathom tables get 5f0c… --pretty']).action(
    clientAction<ClientOptions, [string]>(async ({ client }, tableId) => client.tables.get(tableId)),
  );

  defineClientCommand(addPayloadOptions(tables.command('update <tableId>').description('Change name, description, tags, column order, notify or settings')), [
    `fathom tables update 5f0c… --payload '{"name": "Prospects Q3", "tags": ["q3"]}'`,
  ]).action(
    clientAction<ClientOptions & PayloadOptions, [string]>(async ({ client, options }, tableId) =>
      client.tables.update(tableId, (await readPayload(options, { isRequired: true })) as UpdateTableInput),
    ),
  );

  defineClientCommand(tables.command('delete <tableId>').description('Delete a table with its rows and child tables').option('--yes', 'confirm deletion'), [
    'fathom tables delete 5f0c… --yes',
  ]).action(
    clientAction<ClientOptions & { yes?: boolean }, [string]>(async ({ client, options }, tableId) => {
      await confirmDestructive(`delete table ${tableId}`, options.yes);
      return client.tables.delete(tableId);
    }),
  );

  defineClientCommand(
    tables.command('clone <tableId>').description('Copy a table (with its child tables)').option('--schema-only', 'copy the columns, not the rows'),
    ['fathom tables clone 5f0c… --schema-only'],
  ).action(
    clientAction<ClientOptions & { schemaOnly?: boolean }, [string]>(async ({ client, options }, tableId) =>
      client.tables.clone(tableId, { schema_only: options.schemaOnly ?? false }),
    ),
  );

  defineClientCommand(
    tables
      .command('data <tableId>')
      .description('Show one page of rows with their cells')
      .option('--offset <n>', 'skip this many rows', parseNonNegativeInteger, 0)
      .option('--limit <n>', 'rows per page, at most 1000', parsePositiveInteger, 50)
      .option('--columns <columns>', 'only these comma-separated columns: keys, names or ids', parseKeyList),
    ['fathom tables data 5f0c… --limit 100 --columns input,company_name --pretty'],
  ).action(
    clientAction<DataOptions, [string]>(async ({ client, options }, tableId) => {
      const keys = options.columns
        ? resolveColumnReferences((await client.tables.get(tableId)).columns, options.columns).map((column) => column.config.key)
        : undefined;
      return client.tables.data(tableId, { offset: options.offset, limit: options.limit, columns: keys });
    }),
  );

  registerTableRunCommands(tables);
}
