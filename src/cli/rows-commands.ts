import type { Command } from 'commander';
import type { CreateTableRowsInput, DeleteTableRowsInput, UpdateTableRowsInput } from '../sdk/index.ts';
import { clientAction, defineClientCommand, withExamples, type ClientOptions } from './client-command.ts';
import { CliUsageError } from './cli-errors.ts';
import { confirmDestructive } from './destructive-confirmation.ts';
import { parseKeyList } from './option-parsers.ts';
import { addPayloadOptions, readPayload, type PayloadOptions } from './payload-input.ts';

type PayloadCommandOptions = ClientOptions & PayloadOptions;

/** `fathom rows create|get|update|delete`. */
export function registerRowsCommands(program: Command): void {
  const rows = withExamples(program.command('rows').description('Add, read, change and delete rows'), [
    `fathom rows create 5f0c… --payload '{"rows": [{"data": {"input": "stripe.com"}}]}'`,
  ]);

  defineClientCommand(addPayloadOptions(rows.command('create <tableId>').description('Append rows (at most 1,000 per call; `fathom import` batches files)')), [
    `fathom rows create 5f0c… --payload '{"rows": [{"data": {"input": "stripe.com"}}], "run": true}'`,
    `echo '[{"data": {"input": "acme.test"}}]' | fathom rows create 5f0c… --payload-file -`,
  ]).action(
    clientAction<PayloadCommandOptions, [string]>(async ({ client, options }, tableId) =>
      client.rows.create(tableId, wrapRows(await readPayload(options, { isRequired: true })) as CreateTableRowsInput),
    ),
  );

  defineClientCommand(
    rows.command('get <tableId> <rowId>').description('Show one row with its cells').option('--no-parent-data', "leave out the parent row's cells"),
    ['fathom rows get 5f0c… 9a1b… --pretty'],
  ).action(
    clientAction<ClientOptions & { parentData: boolean }, [string, string]>(async ({ client, options }, tableId, rowId) =>
      client.rows.get(tableId, rowId, { include_parent_data: options.parentData }),
    ),
  );

  defineClientCommand(addPayloadOptions(rows.command('update <tableId>').description('Change rows by id (rows without id are created)')), [
    `fathom rows update 5f0c… --payload '{"rows": [{"id": "9a1b…", "data": {"input": "stripe.com"}}]}'`,
  ]).action(
    clientAction<PayloadCommandOptions, [string]>(async ({ client, options }, tableId) =>
      client.rows.update(tableId, wrapRows(await readPayload(options, { isRequired: true })) as UpdateTableRowsInput),
    ),
  );

  defineClientCommand(
    addPayloadOptions(rows.command('delete <tableId>').description('Delete rows by id (and the child rows made from them)'))
      .option('--ids <ids>', 'comma-separated row ids (instead of a payload)', parseKeyList)
      .option('--yes', 'confirm deletion'),
    ['fathom rows delete 5f0c… --ids 9a1b…,77c2… --yes', `fathom rows delete 5f0c… --payload '{"rows": ["9a1b…"]}' --yes`],
  ).action(
    clientAction<PayloadCommandOptions & { ids?: string[]; yes?: boolean }, [string]>(async ({ client, options }, tableId) => {
      const payload = options.ids ? { rows: options.ids } : wrapRows(await readPayload(options, { isRequired: true }));
      const count = (payload as { rows?: unknown[] }).rows?.length;
      if (count === undefined) throw new CliUsageError('give the rows to delete with --ids or a payload {"rows": ["<row id>", ...]}');
      await confirmDestructive(`delete ${count} row${count === 1 ? '' : 's'} of table ${tableId}`, options.yes);
      return client.rows.delete(tableId, payload as DeleteTableRowsInput);
    }),
  );
}

/** A bare JSON array is taken as the `rows` of the body, a shortcut for hand-written payloads. */
function wrapRows(payload: unknown): unknown {
  return Array.isArray(payload) ? { rows: payload } : payload;
}
