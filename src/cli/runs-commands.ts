import type { Command } from 'commander';
import type { FathomClient, Run, RunFailedCells } from '../sdk/index.ts';
import { clientAction, defineClientCommand, withExamples, type ClientOptions } from './client-command.ts';
import { describePage, formatElapsed, formatHumanTable, formatTimestamp, isForPerson, type TableColumn } from './human-table.ts';
import { parseNonNegativeInteger, parsePositiveInteger } from './option-parsers.ts';
import { isRunGoing } from './run-follow.ts';

interface PageOptions extends ClientOptions {
  offset: number;
  limit: number;
}

const RUN_COLUMNS: TableColumn<Run>[] = [
  { header: 'ID', value: (run) => run.id },
  { header: 'STARTED', value: (run) => formatTimestamp(run.created_at) },
  { header: 'MODE', value: (run) => run.mode },
  { header: 'STATUS', value: (run) => run.status.replace('_', ' ') },
  { header: 'DONE', value: (run) => run.num_cells_done.toLocaleString('en-US'), isNumeric: true },
  { header: 'FAILED', value: (run) => run.num_cells_failed.toLocaleString('en-US'), isNumeric: true },
  { header: 'LEFT', value: (run) => run.num_cells_remaining.toLocaleString('en-US'), isNumeric: true },
  { header: 'TIME', value: (run) => formatElapsed(run.duration_seconds), isNumeric: true },
  { header: 'TOKENS', value: (run) => (run.usage.input_tokens + run.usage.output_tokens).toLocaleString('en-US'), isNumeric: true },
];

/** Every run of the table that is still going (runs are listed newest first, 100 a page). */
async function activeRuns(client: FathomClient, tableId: string): Promise<Run[]> {
  const active: Run[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await client.runs.list(tableId, { offset, limit: 100 });
    active.push(...page.filter(isRunGoing));
    if (page.length < 100) return active;
  }
}

/** `fathom runs list|get|cancel|failed-cells` (Fathom extensions; start runs with `tables run`). */
export function registerRunsCommands(program: Command): void {
  const runs = withExamples(program.command('runs').description("List, inspect and cancel a table's runs"), ['fathom runs list 5f0c…']);

  defineClientCommand(
    runs
      .command('list <tableId>')
      .description('Runs of a table, newest first, with their counts (a table on a terminal, JSON otherwise or with --json)')
      .option('--offset <n>', 'skip this many runs', parseNonNegativeInteger, 0)
      .option('--limit <n>', 'runs per page, at most 100', parsePositiveInteger, 20),
    ['fathom runs list 5f0c… --limit 5', 'fathom runs list 5f0c… --json | jq ".[0].num_cells_failed"'],
  ).action(
    clientAction<PageOptions, [string]>(async ({ client, options }, tableId) => {
      const list = await client.runs.list(tableId, { offset: options.offset, limit: options.limit });
      if (!isForPerson(options)) return list;
      process.stdout.write(formatHumanTable(list, RUN_COLUMNS));
      process.stdout.write(describePage(list.length, undefined, options.offset, 'run'));
      return undefined;
    }),
  );

  defineClientCommand(runs.command('get <tableId> <runId>').description('Show one run with its counts, duration and model usage'), [
    'fathom runs get 5f0c… 8e9f…',
  ]).action(clientAction<ClientOptions, [string, string]>(async ({ client }, tableId, runId) => client.runs.get(tableId, runId)));

  defineClientCommand(
    runs
      .command('cancel <tableId> [runId]')
      .description('Cancel a run, or without a run id every run of the table still going: queued cells go back to their previous status'),
    ['fathom runs cancel 5f0c…', 'fathom runs cancel 5f0c… 8e9f…'],
  ).action(
    clientAction<ClientOptions, [string, string | undefined]>(async ({ client }, tableId, runId) => {
      if (runId !== undefined) return client.runs.cancel(tableId, runId);
      const going = await activeRuns(client, tableId);
      const cancelled = await Promise.all(going.map((run) => client.runs.cancel(tableId, run.id)));
      process.stderr.write(
        cancelled.length === 0 ? `no run of table ${tableId} was going\n` : `cancelled ${cancelled.length} run${cancelled.length === 1 ? '' : 's'}\n`,
      );
      return cancelled;
    }),
  );

  defineClientCommand(
    runs
      .command('failed-cells <tableId> <runId>')
      .description("A run's failed cells with their messages, in table order")
      .option('--offset <n>', 'skip this many cells', parseNonNegativeInteger, 0)
      .option('--limit <n>', 'cells per page, at most 1000', parsePositiveInteger, 100),
    ['fathom runs failed-cells 5f0c… 8e9f…'],
  ).action(
    clientAction<PageOptions, [string, string]>(async ({ client, options }, tableId, runId) => {
      const page = await client.runs.failedCells(tableId, runId, { offset: options.offset, limit: options.limit });
      if (!isForPerson(options)) return page;
      process.stdout.write(await formatFailedCells(client, tableId, page));
      process.stdout.write(describePage(page.cells.length, page.total, options.offset, 'failed cell'));
      return undefined;
    }),
  );
}

/** Failed cells for a person: the column by name rather than id. */
async function formatFailedCells(client: FathomClient, tableId: string, page: RunFailedCells): Promise<string> {
  const names = new Map((await client.tables.get(tableId)).columns.map((column) => [column.id, column.config.name]));
  return formatHumanTable(page.cells, [
    { header: 'ROW', value: (cell) => cell.row_id },
    { header: 'COLUMN', value: (cell) => names.get(cell.column_id) ?? cell.column_id, maxWidth: 30 },
    { header: 'MESSAGE', value: (cell) => cell.error ?? '', maxWidth: 120 },
  ]);
}
