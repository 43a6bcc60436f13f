import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { CliUsageError } from './cli-errors.ts';
import { fileReadError } from './file-errors.ts';

export interface PayloadOptions {
  payload?: string;
  payloadFile?: string;
}

/** Add the vendor CLI's --payload / --payload-file pair. */
export function addPayloadOptions(command: Command): Command {
  return command.option('--payload <json>', 'request body as inline JSON').option('--payload-file <path>', "request body from a JSON file, or '-' for stdin");
}

/**
 * The request body from --payload or --payload-file (`-` reads stdin). Undefined when neither
 * was given and the body is optional.
 */
export async function readPayload(options: PayloadOptions, { isRequired }: { isRequired: boolean }): Promise<unknown> {
  if (options.payload !== undefined && options.payloadFile !== undefined) {
    throw new CliUsageError('use either --payload or --payload-file, not both');
  }
  if (options.payload !== undefined) return parseJson(options.payload, '--payload');
  if (options.payloadFile !== undefined) return parseJson(await readSource(options.payloadFile), '--payload-file');
  if (isRequired) throw new CliUsageError("missing request body: pass --payload '<json>' or --payload-file <path> (- for stdin)");
  return undefined;
}

/** The text of a file, or of stdin for `-`. */
export async function readSource(path: string): Promise<string> {
  try {
    if (path !== '-') return await readFile(path, 'utf8');
    let text = '';
    process.stdin.setEncoding('utf8');
    for await (const chunk of process.stdin) text += chunk;
    return text;
  } catch (error) {
    throw fileReadError(path === '-' ? 'stdin' : path, error);
  }
}

export function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliUsageError(`${source} is not valid JSON: ${(error as Error).message}`);
  }
}
