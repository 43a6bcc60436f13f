import { Command } from 'commander';
import { ConfigError } from '../config.ts';
import { VERSION } from '../version.ts';
import { registerKeysCommand } from './keys-command.ts';
import { registerServeCommand } from './serve-command.ts';

const program = new Command();
program.name('fathom').description('Self-hosted AI research tables (Extruct v1 API compatible)').version(VERSION);
registerServeCommand(program);
registerKeysCommand(program);

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
