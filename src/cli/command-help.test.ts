import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerAuthCommands } from './auth-commands.ts';
import { registerColumnsCommands } from './columns-commands.ts';
import { registerExportCommand } from './export-command.ts';
import { registerImportCommand } from './import-command.ts';
import { registerRowsCommands } from './rows-commands.ts';
import { registerRunsCommands } from './runs-commands.ts';
import { registerTablesCommands } from './tables-commands.ts';
import { registerUsageCommand } from './usage-command.ts';

function clientProgram(): Command {
  const program = new Command('fathom');
  for (const register of [
    registerAuthCommands,
    registerTablesCommands,
    registerRowsCommands,
    registerColumnsCommands,
    registerRunsCommands,
    registerUsageCommand,
    registerImportCommand,
    registerExportCommand,
  ]) {
    register(program);
  }
  return program;
}

function allCommands(command: Command, path: string[] = []): [string, Command][] {
  return command.commands.flatMap((child) => [[[...path, child.name()].join(' '), child] as [string, Command], ...allCommands(child, [...path, child.name()])]);
}

function helpOf(command: Command): string {
  let text = '';
  command.configureOutput({ writeOut: (chunk) => (text += chunk) });
  command.outputHelp();
  return text;
}

describe('--help of every client command', () => {
  const commands = allCommands(clientProgram());

  it('covers the vendor CLI command set and the extensions', () => {
    expect(commands.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'auth user',
        'auth healthcheck',
        'healthcheck',
        'tables list',
        'tables create',
        'tables get',
        'tables update',
        'tables delete',
        'tables clone',
        'tables run',
        'tables poll',
        'tables data',
        'tables watch',
        'rows create',
        'rows get',
        'rows update',
        'rows delete',
        'columns list',
        'columns add',
        'columns update',
        'columns delete',
        'runs list',
        'runs get',
        'runs cancel',
        'import',
        'export',
      ]),
    );
  });

  it.each(commands)('%s shows an example that uses the command', (name, command) => {
    const help = helpOf(command);
    expect(help).toMatch(/\nExamples?:\n {2}.*fathom /);
    expect(help).toContain(`fathom ${name}`);
  });
});
