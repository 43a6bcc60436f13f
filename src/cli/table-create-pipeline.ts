import type { ColumnConfigInput, CreateTableInput, FathomClient, TableHeader } from '../sdk/index.ts';
import { CliUsageError } from './cli-errors.ts';
import { importWithProgress, runAfterImport, type ImportFlags } from './import-command.ts';
import { parseJson, readPayload, readSource, type PayloadOptions } from './payload-input.ts';

export interface CreatePipelineFlags extends ImportFlags, PayloadOptions {
  name?: string;
  kind?: string;
  columnFile?: string;
  fromFile?: string;
}

/**
 * `tables create` as a one-shot pipeline: create the table (payload, then --name/--kind/
 * --column-file on top), import --from-file, then --run [--wait]. Prints the created table, so
 * `fathom tables create … | jq -r .id` still works.
 */
export async function createTableFromFlags(client: FathomClient, flags: CreatePipelineFlags): Promise<TableHeader> {
  const input = await tableInput(flags);
  const table = await client.tables.create(input);
  process.stderr.write(`created table ${table.id} (${table.kind}, ${table.columns.length} columns)\n`);
  if (flags.fromFile) {
    try {
      await importWithProgress(client, table.id, flags.fromFile, flags);
    } catch (error) {
      await explainFailedImport(client, table.id, flags.fromFile, error);
      throw error;
    }
  }
  await runAfterImport(client, table.id, flags);
  return table;
}

/**
 * A file the import refused outright (unknown header, bad format) left the new table empty:
 * remove it, so fixing the command and re-running does not leave an empty table behind. A
 * table with rows is kept, and the message says how to resume.
 */
async function explainFailedImport(client: FathomClient, tableId: string, file: string, error: unknown): Promise<void> {
  const isEmpty = (await client.tables.get(tableId).catch(() => undefined))?.status.num_rows === 0;
  if (error instanceof CliUsageError && isEmpty) {
    await client.tables.delete(tableId);
    process.stderr.write(
      `nothing was imported, so table ${tableId} was deleted again; fix the file, or re-run with --map, --create-columns or --ignore-unmapped\n`,
    );
    return;
  }
  process.stderr.write(`the table was kept; resume the import with: fathom import ${file} --table ${tableId}\n`);
}

async function tableInput(flags: CreatePipelineFlags): Promise<CreateTableInput> {
  const payload = (await readPayload(flags, { isRequired: false })) ?? {};
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) throw new CliUsageError('the payload of tables create must be a JSON object');
  const input = { ...(payload as CreateTableInput) };
  if (flags.name !== undefined) input.name = flags.name;
  if (flags.kind !== undefined) input.kind = flags.kind as CreateTableInput['kind'];
  if (flags.columnFile !== undefined) input.column_configs = [...(input.column_configs ?? []), ...(await readColumnFile(flags.columnFile))];
  return input;
}

/** A column file holds an array of column configs, or a columns-add payload `{"column_configs": [...]}`. */
async function readColumnFile(path: string): Promise<ColumnConfigInput[]> {
  const document = parseJson(await readSource(path), `--column-file ${path}`);
  const configs = Array.isArray(document) ? document : (document as { column_configs?: unknown } | null)?.column_configs;
  if (!Array.isArray(configs)) throw new CliUsageError(`--column-file ${path} must hold an array of column configs or {"column_configs": [...]}`);
  return configs as ColumnConfigInput[];
}
