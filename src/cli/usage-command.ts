import type { Command } from 'commander';
import { USAGE_GROUPINGS, type UsageGrouping } from '../domain/cost/usage-groupings.ts';
import { clientAction, defineClientCommand, type ClientOptions } from './client-command.ts';
import { CliUsageError } from './cli-errors.ts';
import { formatDollars, usageRows } from './cost-text.ts';
import { formatHumanTable, isForPerson, type TableColumn } from './human-table.ts';

interface UsageOptions extends ClientOptions {
  groupBy: string;
}

type UsageRow = ReturnType<typeof usageRows>[number];

const count = (value: number) => value.toLocaleString('en-US');

const USAGE_COLUMNS: TableColumn<UsageRow>[] = [
  { header: 'GROUP', value: (row) => row.key },
  { header: 'CELLS', value: (row) => count(row.figures.cells), isNumeric: true },
  { header: 'CALLS', value: (row) => count(row.figures.model_calls), isNumeric: true },
  { header: 'TOKENS', value: (row) => count(row.figures.input_tokens + row.figures.output_tokens), isNumeric: true },
  { header: 'SEARCHES', value: (row) => count(row.figures.searches), isNumeric: true },
  {
    header: 'COST',
    value: (row) => `${formatDollars(row.figures.cost)}${row.figures.unpriced_cells > 0 ? ` + ${count(row.figures.unpriced_cells)} unpriced` : ''}`,
    isNumeric: true,
  },
  { header: 'SAVED (CACHE)', value: (row) => `${count(row.figures.cached_calls)} calls, ${formatDollars(row.figures.cache_saved_cost)}`, isNumeric: true },
  { header: 'SAVED (PROFILES)', value: (row) => `${count(row.figures.profiles_reused)}, ${formatDollars(row.figures.profile_saved_cost)}`, isNumeric: true },
];

/** `fathom usage <tableId>`: what a table spent and saved, as `GET /v1/tables/{id}/usage` reports it. */
export function registerUsageCommand(program: Command): void {
  defineClientCommand(
    program
      .command('usage <tableId>')
      .description("What a table's answered cells spent (calls, tokens, searches, dollars) and what the cache and shared profiles saved")
      .option('--group-by <grouping>', USAGE_GROUPINGS.join(' | '), 'column'),
    ['fathom usage 5f0c…', 'fathom usage 5f0c… --group-by day --json | jq .total.cost'],
  ).action(
    clientAction<UsageOptions, [string]>(async ({ client, options }, tableId) => {
      if (!(USAGE_GROUPINGS as readonly string[]).includes(options.groupBy)) {
        throw new CliUsageError(`--group-by must be one of ${USAGE_GROUPINGS.join(', ')}`, { group_by: options.groupBy });
      }
      const usage = await client.tables.usage(tableId, { group_by: options.groupBy as UsageGrouping });
      if (!isForPerson(options)) return usage;
      process.stdout.write(formatHumanTable(usageRows(usage), USAGE_COLUMNS));
      return undefined;
    }),
  );
}
