import type { Command } from 'commander';
import type { FathomClient } from '../sdk/index.ts';
import { clientAction, defineClientCommand, type ClientOptions } from './client-command.ts';
import { CliUsageError } from './cli-errors.ts';
import { detectFormat } from './file-records.ts';
import { importFile, type ImportSummary } from './import-rows.ts';
import { collect, parsePositiveInteger, parsePositiveNumber } from './option-parsers.ts';
import { createProgressLine, formatCount } from './progress-line.ts';
import { followRun } from './run-follow.ts';

export interface ImportFlags {
  map?: string[];
  createColumns?: boolean;
  ignoreUnmapped?: boolean;
  format?: string;
  batchSize: number;
  run?: boolean;
  wait?: boolean;
  interval: number;
}

interface ImportCommandOptions extends ClientOptions, ImportFlags {
  table: string;
}

const MAX_BATCH_SIZE = 1_000;

/** `fathom import FILE --table ID`: CSV, TSV, NDJSON or JSON rows into a table, resumably. */
export function registerImportCommand(program: Command): void {
  const command = program
    .command('import <file>')
    .description('Import rows from a CSV, TSV, NDJSON or JSON file; re-running skips rows already imported')
    .requiredOption('--table <id>', 'table to add the rows to');
  addImportOptions(command);
  defineClientCommand(command, [
    'fathom import companies.csv --table 5f0c… --map "Website=input" --run --wait',
    'fathom import people.ndjson --table 5f0c… --format ndjson',
  ]).action(
    clientAction<ImportCommandOptions, [string]>(async ({ client, options }, file) => {
      const summary = await importWithProgress(
        client,
        options.table,
        file,
        options,
        're-run the same command to import the rest: rows already stored are skipped',
      );
      await runAfterImport(client, options.table, options);
      return summary;
    }),
  );
}

/** The import options shared with the `tables create --from-file` pipeline. */
export function addImportOptions(command: Command): Command {
  return command
    .option('--map <header=key>', 'fill input column <key> from file column <header> (repeatable; "header=" leaves it out)', collect, [])
    .option('--create-columns', 'add file columns that match no input column to the table as input columns (named by their headers)')
    .option('--ignore-unmapped', 'leave out file columns that match no input column')
    .option('--format <format>', 'csv, tsv, ndjson or json (default: from the file extension)')
    .option(
      '--batch-size <rows>',
      `rows per request, at most ${MAX_BATCH_SIZE}`,
      (value) => Math.min(parsePositiveInteger(value), MAX_BATCH_SIZE),
      MAX_BATCH_SIZE,
    )
    .option('--run', 'start a run over the new cells when the rows are in')
    .option('--wait', 'with --run: follow the run until it ends, showing progress; exit 4 if any of its cells failed')
    .option('--interval <seconds>', 'with --wait: seconds between status polls', parsePositiveNumber, 2);
}

/**
 * Run the import with a progress line on stderr; throws the import's error after printing what
 * was done (and `resumeHint`, when some rows were stored).
 */
export async function importWithProgress(
  client: FathomClient,
  tableId: string,
  file: string,
  flags: ImportFlags,
  resumeHint?: string,
): Promise<Omit<ImportSummary, 'error'>> {
  if (flags.createColumns && flags.ignoreUnmapped) throw new CliUsageError('--create-columns and --ignore-unmapped cannot be used together: choose one');
  const line = createProgressLine({ unit: 'rows' });
  const { error, ...summary } = await importFile(client, {
    tableId,
    path: file,
    format: detectFormat(file, flags.format),
    mappings: flags.map ?? [],
    unmapped: flags.createColumns ? 'create' : flags.ignoreUnmapped ? 'ignore' : 'refuse',
    batchSize: flags.batchSize,
    onProgress: ({ processed, estimatedTotal }) => line.update({ done: processed, total: estimatedTotal }),
  });
  const skipped = summary.already_imported > 0 ? `, ${formatCount(summary.already_imported)} already imported` : '';
  const empty = summary.empty > 0 ? `, ${formatCount(summary.empty)} empty` : '';
  line.end(
    `${error ? 'stopped after importing' : 'imported'} ${formatCount(summary.imported)} rows${skipped}${empty} in ${summary.seconds}s (${formatCount(summary.rows_per_second)} rows/s)`,
  );
  for (const column of summary.created_columns)
    process.stderr.write(`added the input column ${column.name} (key ${column.key}) for the file's column "${column.header}"\n`);
  if (error) {
    if (resumeHint && summary.imported > 0) process.stderr.write(`${resumeHint}\n`);
    throw error;
  }
  return summary;
}

/** --run [--wait] after rows are in: queue the new cells, then optionally watch them. */
export async function runAfterImport(client: FathomClient, tableId: string, flags: Pick<ImportFlags, 'run' | 'wait' | 'interval'>): Promise<void> {
  if (!flags.run) return;
  const run = await client.tables.run(tableId, { mode: 'new' });
  process.stderr.write(`run ${run.id} queued ${formatCount(run.num_requested_cells)} cells\n`);
  if (flags.wait) await followRun(client, tableId, run, { intervalMs: flags.interval * 1000 });
}
