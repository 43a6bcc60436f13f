import type { Command } from 'commander';
import type { ColumnConfigInput, CreateTableColumnsInput } from '../sdk/index.ts';
import { clientAction, defineClientCommand, withExamples, type ClientOptions } from './client-command.ts';
import { confirmDestructive } from './destructive-confirmation.ts';
import { addPayloadOptions, readPayload, type PayloadOptions } from './payload-input.ts';

type PayloadCommandOptions = ClientOptions & PayloadOptions;

/** `fathom columns list|add|update|delete`. */
export function registerColumnsCommands(program: Command): void {
  const columns = withExamples(program.command('columns').description('List, add, change and delete columns'), ['fathom columns list 5f0c… --pretty']);

  defineClientCommand(columns.command('list <tableId>').description("List a table's columns in display order"), ['fathom columns list 5f0c… --pretty']).action(
    clientAction<ClientOptions, [string]>(async ({ client }, tableId) => client.columns.list(tableId)),
  );

  defineClientCommand(addPayloadOptions(columns.command('add <tableId>').description('Add columns (every row gets a cell in each)')), [
    `fathom columns add 5f0c… --payload '{"column_configs": [{"kind": "agent", "name": "HQ", "key": "hq", "value": {"agent_type": "research_pro", "prompt": "Where is {company_name} headquartered?"}}]}'`,
    'fathom columns add 5f0c… --payload-file columns.json',
  ]).action(
    clientAction<PayloadCommandOptions, [string]>(async ({ client, options }, tableId) => {
      const payload = await readPayload(options, { isRequired: true });
      // A bare array of configs (what a --column-file holds) is taken as column_configs.
      const input = Array.isArray(payload) ? { column_configs: payload } : payload;
      return client.columns.add(tableId, input as CreateTableColumnsInput);
    }),
  );

  defineClientCommand(addPayloadOptions(columns.command('update <tableId> <columnId>').description('Replace a column config (send the whole config)')), [
    `fathom columns update 5f0c… 3d4e… --payload '{"kind": "agent", "name": "HQ city", "key": "hq", "value": {"prompt": "HQ city of {company_name}?"}}'`,
  ]).action(
    clientAction<PayloadCommandOptions, [string, string]>(async ({ client, options }, tableId, columnId) =>
      client.columns.update(tableId, columnId, (await readPayload(options, { isRequired: true })) as ColumnConfigInput),
    ),
  );

  defineClientCommand(columns.command('delete <tableId> <columnId>').description('Delete a column and its cells').option('--yes', 'confirm deletion'), [
    'fathom columns delete 5f0c… 3d4e… --yes',
  ]).action(
    clientAction<ClientOptions & { yes?: boolean }, [string, string]>(async ({ client, options }, tableId, columnId) => {
      await confirmDestructive(`delete column ${columnId} of table ${tableId}`, options.yes);
      return client.columns.delete(tableId, columnId);
    }),
  );
}
