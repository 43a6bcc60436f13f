import { registerDiscoverCommand } from './discover-command.ts';
import { registerResearchCommand } from './research-command.ts';
import { Command } from 'commander';
import { ConfigError } from '../config.ts';
import { VERSION } from '../version.ts';
import { registerAuthCommands } from './auth-commands.ts';
import { registerColumnsCommands } from './columns-commands.ts';
import { registerCompaniesCommands } from './companies-commands.ts';
import { registerExportCommand } from './export-command.ts';
import { registerImportCommand } from './import-command.ts';
import { registerKeysCommand } from './keys-command.ts';
import { registerRowsCommands } from './rows-commands.ts';
import { registerRunsCommands } from './runs-commands.ts';
import { registerServeCommand } from './serve-command.ts';
import { registerTablesCommands } from './tables-commands.ts';
import { registerUsageCommand } from './usage-command.ts';

const program = new Command();
program.name('fathom').description('Self-hosted AI research tables (Extruct v1 API compatible)').version(VERSION);
registerServeCommand(program);
registerKeysCommand(program);
registerAuthCommands(program);
registerTablesCommands(program);
registerRowsCommands(program);
registerColumnsCommands(program);
registerRunsCommands(program);
registerDiscoverCommand(program);
registerUsageCommand(program);
registerResearchCommand(program);
registerImportCommand(program);
registerExportCommand(program);
registerCompaniesCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`fathom: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`fathom: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(3);
}
