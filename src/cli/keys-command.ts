import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import type { ServiceContext } from '../services/service-context.ts';

const DEFAULT_WORKSPACE_SLUG = 'default';
const DEFAULT_USER_EMAIL = 'admin@localhost';

/** Open the configured database for one command; loaded lazily so client commands start fast. */
async function withStore<T>(work: (context: ServiceContext) => Promise<T>): Promise<T> {
  const [{ createServiceContext }, { createStore }, { openDatabase }] = await Promise.all([
    import('../services/service-context.ts'),
    import('../store/kysely-store.ts'),
    import('../store/open-database.ts'),
  ]);
  const config = loadConfig();
  const database = await openDatabase(
    config.database.engine === 'sqlite'
      ? { engine: 'sqlite', path: config.database.path }
      : { engine: 'postgres', connectionString: config.database.connectionString, poolSize: 2 },
  );
  try {
    return await work(createServiceContext(createStore(database)));
  } finally {
    await database.close();
  }
}

export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('Manage API tokens in the configured database');

  keys
    .command('create')
    .description('Create an API token (the workspace and user are created if missing); prints it once')
    .option('--name <name>', 'a label for the token', 'cli')
    .option('--workspace <slug>', 'workspace (organization) slug', DEFAULT_WORKSPACE_SLUG)
    .option('--email <email>', 'user the token acts as', DEFAULT_USER_EMAIL)
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExample:\n  fathom keys create --name ci --workspace acme --email ops@acme.test')
    .action(async (options: { name: string; workspace: string; email: string; json?: boolean }) => {
      const { createApiToken } = await import('../services/api-tokens.ts');
      const created = await withStore((context) => createApiToken(context, { name: options.name, workspaceSlug: options.workspace, email: options.email }));
      if (options.json) {
        process.stdout.write(
          `${JSON.stringify({ id: created.id, token: created.token, prefix: created.prefix, workspace: created.workspace.slug, email: created.user.email })}\n`,
        );
      } else {
        process.stdout.write(`${created.token}\n`);
        process.stderr.write(
          `token ${created.prefix}… for ${created.user.email} in workspace ${created.workspace.slug}; store it now, it is not shown again\n`,
        );
      }
    });

  keys
    .command('list')
    .description('List API tokens (prefixes only; tokens are stored hashed)')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExample:\n  fathom keys list')
    .action(async (options: { json?: boolean }) => {
      const tokens = await withStore((context) => context.store.listApiTokens());
      if (options.json) {
        process.stdout.write(`${JSON.stringify(tokens)}\n`);
        return;
      }
      for (const token of tokens) {
        process.stdout.write(
          `${token.id}  ${token.tokenPrefix}…  ${token.name}  ${token.email}@${token.workspaceSlug}  ${token.revokedAt ? `revoked ${token.revokedAt}` : 'active'}\n`,
        );
      }
    });

  keys
    .command('revoke <idOrPrefix>')
    .description('Revoke a token by id or printed prefix; it stops working at once')
    .addHelpText('after', '\nExample:\n  fathom keys revoke fth_AbCdEfGh')
    .action(async (idOrPrefix: string) => {
      const count = await withStore((context) => context.store.revokeApiToken(idOrPrefix, context.now()));
      if (count === 0) {
        process.stderr.write(`no active token matches ${idOrPrefix}\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(`revoked ${count} token${count === 1 ? '' : 's'}\n`);
    });
}
