import { createInterface } from 'node:readline/promises';
import { CliUsageError } from './cli-errors.ts';

/**
 * Go on only when the user confirmed `action` (e.g. "delete table 123"): with --yes, or by
 * answering y at a prompt. Without a terminal there is nobody to ask, so the command refuses
 * rather than deleting on a script's behalf by accident.
 */
export async function confirmDestructive(action: string, isConfirmed: boolean | undefined): Promise<void> {
  if (isConfirmed) return;
  if (!process.stdin.isTTY) {
    throw new CliUsageError(`refusing to ${action} without --yes (stdin is not a terminal, so there is no one to ask)`);
  }
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(`${action}? This cannot be undone. [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) throw new CliUsageError(`did not ${action}: not confirmed`);
  } finally {
    prompt.close();
  }
}
