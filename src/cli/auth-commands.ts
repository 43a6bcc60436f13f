import type { Command } from 'commander';
import { clientAction, defineClientCommand, withExamples } from './client-command.ts';

/** `fathom auth user|billing|healthcheck` and the top-level `fathom healthcheck`. */
export function registerAuthCommands(program: Command): void {
  const auth = withExamples(program.command('auth').description('Check the token and the server'), ['fathom auth user', 'fathom auth healthcheck']);

  defineClientCommand(auth.command('user').description('Show the user and workspace the token belongs to'), [
    'FATHOM_API_TOKEN=fth_… fathom auth user --pretty',
  ]).action(clientAction(async ({ client }) => client.user()));

  defineClientCommand(auth.command('billing').description('Show the subscription (self-hosted: none is required)'), ['fathom auth billing']).action(
    clientAction(async ({ client }) => client.billing()),
  );

  const healthcheckExample = ['fathom healthcheck --base-url http://127.0.0.1:8000'];
  const healthcheck = clientAction(async ({ client }) => client.healthcheck(), { needsToken: false });
  defineClientCommand(auth.command('healthcheck').description('Check that the server and its database answer (no token needed)'), healthcheckExample).action(
    healthcheck,
  );
  defineClientCommand(program.command('healthcheck').description('Check that the server and its database answer (no token needed)'), healthcheckExample).action(
    healthcheck,
  );
}
