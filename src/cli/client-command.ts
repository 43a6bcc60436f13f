import type { Command } from 'commander';
import { createFathomClient, type FathomClient } from '../sdk/index.ts';
import { DEFAULT_BASE_URL, requireToken, resolveClientSettings, type ClientSettings } from './client-settings.ts';
import { reportError } from './error-report.ts';
import { printJson } from './json-output.ts';

/** Options every client command takes (the vendor CLI's global flags, plus --json). */
export interface ClientOptions {
  baseUrl?: string;
  timeout?: string;
  pretty?: boolean;
  json?: boolean;
}

/** What a client command's work receives. */
export interface CommandContext<Options extends ClientOptions> {
  client: FathomClient;
  options: Options;
  settings: ClientSettings;
  /** Print a JSON document on stdout (indented with --pretty). */
  print(value: unknown): void;
}

/** Add --base-url, --timeout, --pretty and --json, and an Example section to --help. */
export function defineClientCommand(command: Command, examples: string[]): Command {
  return withExamples(command, examples)
    .option('--base-url <url>', `server URL (default: FATHOM_BASE_URL, else ${DEFAULT_BASE_URL})`)
    .option('--timeout <seconds>', 'give up on a request after this many seconds (default: 30)')
    .option('--pretty', 'indent JSON output')
    .option('--json', 'print errors as a JSON document on stdout instead of text on stderr');
}

/** An Example(s) section at the end of the command's --help. */
export function withExamples(command: Command, examples: string[]): Command {
  return command.addHelpText('after', `\nExample${examples.length > 1 ? 's' : ''}:\n${examples.map((example) => `  ${example}`).join('\n')}`);
}

/**
 * Wrap a command's work: build the client from flags and environment, print what the work
 * answers as JSON, and turn any failure into a readable message and the right exit code.
 * Commander calls actions with (...positional arguments, options, command).
 */
export function clientAction<Options extends ClientOptions, Arguments extends unknown[]>(
  work: (context: CommandContext<Options>, ...positional: Arguments) => Promise<unknown>,
  { needsToken = true }: { needsToken?: boolean } = {},
): (...commanderArguments: unknown[]) => Promise<void> {
  return async (...commanderArguments) => {
    const command = commanderArguments.at(-1) as Command;
    const options = command.opts<Options>();
    const positional = commanderArguments.slice(0, -2) as Arguments;
    try {
      const settings = resolveClientSettings(options);
      const token = needsToken ? requireToken(settings) : settings.token;
      const client = createFathomClient({ baseUrl: settings.baseUrl, token, timeoutMs: settings.timeoutMs });
      const print = (value: unknown) => printJson(value, options.pretty);
      const result = await work({ client, options, settings, print }, ...positional);
      if (result !== undefined) print(result);
    } catch (error) {
      process.exitCode = reportError(error, options);
    }
  };
}
