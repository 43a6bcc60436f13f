import { open, rename, rm } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import type { FathomClient, RowCondition, TableDataRow, TableWithStatus } from '../sdk/index.ts';
import { clientAction, defineClientCommand, type ClientOptions } from './client-command.ts';
import { CliUsageError } from './cli-errors.ts';
import { cellAnswer } from './cell-text.ts';
import { planExportFields } from './export-columns.ts';
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
  filter?: RowCondition[];
  sort?: string;
  search?: string;
  view?: string;
  bom?: boolean;
  headers: 'keys' | 'names';
  splitJson?: boolean;
}

/** `fathom export --table ID`: every row (or a view's rows), page by page, answers flattened. */
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
      )
      .option('--view <name>', 'a saved view of the table: its filter, sort, search and columns (the flags below override its parts)')
      .option(
        '--filter <json>',
        'only rows meeting every condition: a JSON array, e.g. \'[{"column":"industry","one_of":["Fintech"]},{"status":"failed"}]\'',
        parseFilterOption,
      )
      .option('--sort <key>', 'order rows by this column (key; -key for descending)')
      .option('--search <text>', 'only rows with a cell containing this text')
      .option('--headers <style>', 'keys | names: header row (and JSON field names) by column key or display name', parseHeaderStyle, 'keys')
      .option('--split-json', 'answers that are objects (JSON columns, the company profile) become one column per field')
      .option('--bom', 'CSV: begin with a UTF-8 byte order mark, so Excel opens non-ASCII text correctly'),
    [
      'fathom export --table 5f0c… --format csv --out prospects.csv',
      'fathom export --table 5f0c… --format ndjson --columns input,company_name | jq .',
      'fathom export --table 5f0c… --view "Qualified" --headers names --split-json --bom --out qualified.csv',
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
  const view = options.view ? await findView(client, options.table, options.view) : undefined;
  const columnReferences = options.columns ?? view?.query.columns ?? undefined;
  const columns = columnReferences ? resolveColumnReferences(table.columns, columnReferences) : table.columns;
  const parentColumns = options.parentColumns ? await parentColumnsOf(client, table, options.parentColumns) : [];
  const keys = columns.map((column) => column.config.key);
  const filter = options.filter ?? view?.query.filter ?? [];
  const sort = options.sort ?? view?.query.sort ?? undefined;
  const search = options.search ?? view?.query.q ?? undefined;
  const rows = client.iterateRows(options.table, {
    pageSize: options.pageSize,
    ...(columnReferences ? { columns: keys } : {}),
    ...(filter.length > 0 ? { filter } : {}),
    ...(sort ? { sort } : {}),
    ...(search ? { q: search } : {}),
  });
  // The first page is read before the header is written: split JSON columns take their fields from it.
  const firstPage: TableDataRow[] = [];
  let next = await rows.next();
  while (!next.done && firstPage.length < options.pageSize) {
    firstPage.push(next.value);
    if (firstPage.length < options.pageSize) next = await rows.next();
  }
  const fields = [
    ...planExportFields(columns, firstPage, { headers: options.headers, splitJson: options.splitJson ?? false }),
    // A child table's export can carry its parent row's answers (people with their company).
    ...parentColumns.map((column) => ({
      header: `parent.${options.headers === 'names' ? column.config.name : column.config.key}`,
      read: (row: TableDataRow) => cellAnswer(row.parent_data?.[column.config.key], column.config.kind === 'input'),
    })),
  ];
  const headers = uniqueHeaders(fields.map((field) => field.header));
  const writer = createExportWriter(format, stream, headers, { guardFormulas: options.formulaGuard, byteOrderMark: options.bom ?? false });
  const progress = createProgressLine({ unit: 'rows' });
  let count = 0;
  const write = async (row: TableDataRow) => {
    const values: Record<string, unknown> = {};
    fields.forEach((field, index) => {
      values[headers[index]!] = field.read(row);
    });
    await writer.row(values);
    if (++count % options.pageSize === 0) progress.update({ done: count, total: Math.max(count, table.status.num_rows) });
  };
  for (const row of firstPage) await write(row);
  if (firstPage.length === options.pageSize && !next.done) {
    for await (const row of rows) await write(row);
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

async function findView(client: FathomClient, tableId: string, name: string) {
  const views = await client.tables.listViews(tableId);
  const view = views.find((candidate) => candidate.name === name) ?? views.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
  if (!view) {
    const names = views.map((candidate) => `"${candidate.name}"`).join(', ');
    throw new CliUsageError(`--view: this table has no view called "${name}"; ${views.length > 0 ? `its views: ${names}` : 'it has no saved views'}`);
  }
  return view;
}

/** Two columns with one display name would overwrite each other in JSON: the second becomes "Name (2)". */
function uniqueHeaders(headers: string[]): string[] {
  const seen = new Map<string, number>();
  return headers.map((header) => {
    const count = (seen.get(header) ?? 0) + 1;
    seen.set(header, count);
    return count === 1 ? header : `${header} (${count})`;
  });
}

function parseFilterOption(value: string): RowCondition[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new CliUsageError(`--filter must be a JSON array of conditions, e.g. '[{"column":"industry","contains":"bank"}]' (got ${value})`);
  }
  if (!Array.isArray(parsed)) throw new CliUsageError('--filter must be a JSON array of conditions (the server checks each one)');
  return parsed as RowCondition[];
}

function parseHeaderStyle(value: string): 'keys' | 'names' {
  if (value === 'keys' || value === 'names') return value;
  throw new CliUsageError(`--headers must be keys or names (got "${value}")`);
}

function exportFormat(explicit: string | undefined, out: string | undefined): ExportFormat {
  const format = explicit ?? (out ? extname(out).slice(1).toLowerCase().replace('jsonl', 'ndjson') : 'csv');
  if ((EXPORT_FORMATS as readonly string[]).includes(format)) return format as ExportFormat;
  throw new CliUsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')} (got "${format}")`);
}
