import type { Command } from 'commander';
import { clientAction, defineClientCommand, withExamples, type ClientOptions } from './client-command.ts';
import { parseNonNegativeInteger, parsePositiveInteger } from './option-parsers.ts';

/** `fathom runs list|get|cancel` (Fathom extensions; start runs with `tables run`). */
export function registerRunsCommands(program: Command): void {
  const runs = withExamples(program.command('runs').description("List, inspect and cancel a table's runs"), ['fathom runs list 5f0c…']);

  defineClientCommand(
    runs
      .command('list <tableId>')
      .description('Runs of a table, newest first')
      .option('--offset <n>', 'skip this many runs', parseNonNegativeInteger, 0)
      .option('--limit <n>', 'runs per page, at most 100', parsePositiveInteger, 20),
    ['fathom runs list 5f0c… --limit 5 --pretty'],
  ).action(
    clientAction<ClientOptions & { offset: number; limit: number }, [string]>(async ({ client, options }, tableId) =>
      client.runs.list(tableId, { offset: options.offset, limit: options.limit }),
    ),
  );

  defineClientCommand(runs.command('get <tableId> <runId>').description('Show one run'), ['fathom runs get 5f0c… 8e9f…']).action(
    clientAction<ClientOptions, [string, string]>(async ({ client }, tableId, runId) => client.runs.get(tableId, runId)),
  );

  defineClientCommand(runs.command('cancel <tableId> <runId>').description('Cancel a run: its queued cells go back to their previous status'), [
    'fathom runs cancel 5f0c… 8e9f…',
  ]).action(clientAction<ClientOptions, [string, string]>(async ({ client }, tableId, runId) => client.runs.cancel(tableId, runId)));
}
