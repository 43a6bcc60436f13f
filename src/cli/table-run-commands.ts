import type { Command } from 'commander';
import { RUN_MODES } from '../domain/run-modes.ts';
import { FathomWaitTimeoutError, type RunTableInput } from '../sdk/index.ts';
import { clientAction, defineClientCommand, type ClientOptions } from './client-command.ts';
import { CliUsageError } from './cli-errors.ts';
import { formatCount } from './progress-line.ts';
import { parseKeyList, parsePositiveInteger, parsePositiveNumber } from './option-parsers.ts';
import { addPayloadOptions, readPayload, type PayloadOptions } from './payload-input.ts';
import { followRun } from './run-follow.ts';
import { resolveColumnReferences } from './column-references.ts';
import { watchTable } from './table-progress.ts';
import { describeEstimate } from './cost-text.ts';

interface RunOptions extends ClientOptions, PayloadOptions {
  mode?: string;
  rows?: string[];
  columns?: string[];
  wait?: boolean;
  interval: number;
  dryRun?: boolean;
  maxCost?: number;
  maxCells?: number;
}

interface PollOptions extends ClientOptions {
  interval: number;
  maxAttempts: number;
}

interface WatchOptions extends ClientOptions {
  interval: number;
  timeoutAfter?: number;
}

/** `tables run|poll|watch`: start a run and follow it. */
export function registerTableRunCommands(tables: Command): void {
  defineClientCommand(
    addPayloadOptions(tables.command('run <tableId>').description('Queue the cells a run mode selects (default: new); answers the run at once'))
      .option('--mode <mode>', RUN_MODES.join(' | '))
      .option('--rows <ids>', 'only these comma-separated row ids', parseKeyList)
      .option('--columns <columns>', 'only these comma-separated columns: keys, names or ids', parseKeyList)
      .option('--wait', 'then follow the run until it ends, showing its progress on stderr; exit 4 if any of its cells failed')
      .option('--interval <seconds>', 'with --wait: seconds between polls', parsePositiveNumber, 2)
      .option('--dry-run', 'queue nothing: print the estimate (cells per column, model calls, tokens, searches, cost range and its basis)')
      .option('--max-cost <dollars>', "stop claiming the run's cells once it has spent this much", parsePositiveNumber)
      .option('--max-cells <n>', "stop claiming the run's cells once this many have ended", parsePositiveInteger),
    [
      `fathom tables run 5f0c… --payload '{"mode": "failed"}'`,
      'fathom tables run 5f0c… --mode new --columns "Pricing model,segment" --wait',
      'fathom tables run 5f0c… --dry-run --pretty',
      'fathom tables run 5f0c… --max-cost 5 --wait',
    ],
  ).action(
    clientAction<RunOptions, [string]>(async ({ client, options, print }, tableId) => {
      const input = { ...(((await readPayload(options, { isRequired: false })) ?? {}) as RunTableInput) };
      if (options.mode !== undefined) input.mode = options.mode as RunTableInput['mode'];
      if (options.rows !== undefined) input.rows = options.rows;
      if (options.columns !== undefined) {
        const table = await client.tables.get(tableId);
        input.columns = resolveColumnReferences(table.columns, options.columns).map((column) => column.id);
      }
      if (options.maxCost !== undefined) input.max_cost = options.maxCost;
      if (options.maxCells !== undefined) input.max_cells = options.maxCells;
      if (options.dryRun) {
        const estimate = await client.tables.estimateRun(tableId, input);
        process.stderr.write(`${describeEstimate(estimate)}\n`);
        return estimate;
      }
      const run = await client.tables.run(tableId, input);
      print(run);
      if (options.wait) await followRun(client, tableId, run, { intervalMs: options.interval * 1000 });
      return undefined;
    }),
  );

  defineClientCommand(
    tables
      .command('poll <tableId>')
      .description('Poll until the table is idle, then print it (progress on stderr)')
      .option('--interval <seconds>', 'seconds between polls', parsePositiveNumber, 5)
      .option('--max-attempts <n>', 'give up after this many polls (exit 1)', parsePositiveInteger, 60),
    ['fathom tables poll 5f0c… --interval 5 --max-attempts 120 --pretty'],
  ).action(
    clientAction<PollOptions, [string]>(async ({ client, options }, tableId) => {
      const intervalMs = options.interval * 1000;
      // The vendor CLI counts attempts; n polls span n - 1 intervals.
      const timeoutMs = intervalMs * (options.maxAttempts - 1);
      try {
        return await watchTable(client, tableId, { intervalMs, timeoutMs });
      } catch (error) {
        if (!(error instanceof FathomWaitTimeoutError)) throw error;
        throw new CliUsageError(`table ${tableId} was not idle after ${options.maxAttempts} polls`, {
          max_attempts: options.maxAttempts,
          interval: options.interval,
          status: error.lastTable?.status,
        });
      }
    }),
  );

  defineClientCommand(
    tables
      .command('watch <tableId>')
      .description('Show a live progress line (counts, rate, ETA) until the table is idle')
      .option('--interval <seconds>', 'seconds between polls', parsePositiveNumber, 2)
      .option('--timeout-after <seconds>', 'give up after this long (exit 1)', parsePositiveNumber),
    ['fathom tables watch 5f0c…', 'fathom tables watch 5f0c… --interval 10 --timeout-after 3600 >> run.log'],
  ).action(
    clientAction<WatchOptions, [string]>(async ({ client, options }, tableId) => {
      const table = await client.tables.get(tableId);
      process.stdout.write(`watching table ${table.name} (${tableId}): ${formatCount(table.status.num_cells_in_progress)} cells queued or running\n`);
      await watchTable(client, tableId, {
        intervalMs: options.interval * 1000,
        timeoutMs: options.timeoutAfter === undefined ? undefined : options.timeoutAfter * 1000,
        stream: process.stdout,
      });
      return undefined;
    }),
  );
}
