import { open, rename, rm } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import type { FathomClient, TableWithStatus } from '../sdk/index.ts';
import { clientAction, defineClientCommand, type ClientOptions } from './client-command.ts';
import { CliUsageError } from './cli-errors.ts';
import { cellAnswer } from './cell-text.ts';
import { resolveColumnReferences } from './column-references.ts';
import { createExportWriter, EXPORT_FORMATS, type ExportFormat } from './export-writers.ts';
import { isBrokenPipe } from './json-output.ts';
import { parseKeyList, parsePositiveInteger } from './option-parsers.ts';
import { createProgressLine, formatCount } from './progress-line.ts';

interface ExportOptions extends ClientOptions {
  table: string;
  format?: string;
  out?: string;
  columns?: string[];
  /** Parent row columns to add (child tables), keys, names or ids; written as `parent.<key>`. */
  parentColumns?: string[];
  pageSize: number;
  /** `--no-formula-guard` sets it false. */
  formulaGuard: boolean;
}

/** `fathom export --table ID`: every row, page by page, answers flattened. */
export function registerExportCommand(program: Command): void {
  defineClientCommand(
    program
      .command('export')
      .description('Write every row of a table as CSV, JSON or NDJSON, one page at a time')
      .requiredOption('--table <id>', 'table to export')
      .option('--format <format>', `${EXPORT_FORMATS.join(' | ')} (default: from --out's extension, else csv)`)
      .option('--out <file>', 'write here instead of stdout (written to FILE.partial, renamed when complete)')
      .option('--columns <columns>', 'only these comma-separated columns (keys, names or ids), in this order', parseKeyList)
      .option(
        '--parent-columns <columns>',
        "child tables: add these comma-separated columns of each row's parent row (e.g. the company's name and website), as parent.<key>",
        parseKeyList,
      )
      .option('--page-size <rows>', 'rows per request, at most 1000', (value) => Math.min(parsePositiveInteger(value), 1_000), 1_000)
      .option(
        '--no-formula-guard',
        "CSV: write cells starting with = + - @ TAB or CR as they are (by default they get a ' prefix so spreadsheets do not run them)",
      ),
    [
      'fathom export --table 5f0c… --format csv --out prospects.csv',
      'fathom export --table 5f0c… --format ndjson --columns input,company_name | jq .',
      'fathom export --table 7a1d… --parent-columns company_name,company_website --out people.csv',
    ],
  ).action(
    clientAction<ExportOptions, []>(async ({ client, options }) => {
      const format = exportFormat(options.format, options.out);
      if (!options.out) {
        // A later write to a closed pipe is reported as an 'error' event; the failed write's own exception ends the export.
        process.stdout.on('error', () => {});
        try {
          await exportTable(client, options, format, process.stdout);
        } catch (error) {
          if (!isBrokenPipe(error)) throw error;
        }
        return undefined;
      }
      const partial = `${options.out}.partial`;
      // Opened before the first request, so a path that cannot be written fails at once with a
      // clean message (reported by error-report.ts), not as a stream error after a page was read.
      const handle = await open(partial, 'w');
      const file = handle.createWriteStream();
      // A failed write (a full disk) surfaces as the stream's error state, read by the next write and by `finished`.
      file.on('error', () => {});
      try {
        await exportTable(client, options, format, file);
        file.end();
        await finished(file);
        await rename(partial, options.out);
      } catch (error) {
        file.destroy();
        await rm(partial, { force: true });
        throw error;
      }
      return undefined;
    }),
  );
}

async function exportTable(client: FathomClient, options: ExportOptions, format: ExportFormat, stream: Writable): Promise<void> {
  const table = await client.tables.get(options.table);
  const columns = options.columns ? resolveColumnReferences(table.columns, options.columns) : table.columns;
  const parentColumns = options.parentColumns ? await parentColumnsOf(client, table, options.parentColumns) : [];
  const keys = [...columns.map((column) => column.config.key), ...parentColumns.map((column) => `parent.${column.config.key}`)];
  const writer = createExportWriter(format, stream, keys, { guardFormulas: options.formulaGuard });
  const progress = createProgressLine({ unit: 'rows' });
  let count = 0;
  const projection = options.columns ? { columns: columns.map((column) => column.config.key) } : {};
  for await (const row of client.iterateRows(options.table, { pageSize: options.pageSize, ...projection })) {
    const values: Record<string, unknown> = {};
    for (const column of columns) values[column.config.key] = cellAnswer(row.data[column.config.key], column.config.kind === 'input');
    for (const column of parentColumns) {
      values[`parent.${column.config.key}`] = cellAnswer(row.parent_data?.[column.config.key], column.config.kind === 'input');
    }
    await writer.row(values);
    if (++count % options.pageSize === 0) progress.update({ done: count, total: Math.max(count, table.status.num_rows) });
  }
  await writer.end();
  progress.end(`exported ${formatCount(count)} rows${options.out ? ` to ${options.out}` : ''}`);
}

/** The parent table's columns named by `--parent-columns`; a root table has none to give. */
async function parentColumnsOf(client: FathomClient, table: TableWithStatus, references: string[]) {
  const parent = table.parent_relationships?.[0];
  if (!parent)
    throw new CliUsageError(
      `--parent-columns: table ${table.id} has no parent table (only child tables, such as people tables made by a people finder, have one)`,
    );
  return resolveColumnReferences((await client.tables.get(parent.table_id)).columns, references);
}

function exportFormat(explicit: string | undefined, out: string | undefined): ExportFormat {
  const format = explicit ?? (out ? extname(out).slice(1).toLowerCase().replace('jsonl', 'ndjson') : 'csv');
  if ((EXPORT_FORMATS as readonly string[]).includes(format)) return format as ExportFormat;
  throw new CliUsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')} (got "${format}")`);
}
