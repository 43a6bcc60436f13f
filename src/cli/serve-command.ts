import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { createFathom, listen } from '../main.ts';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Run the API server (SQLite by default; PostgreSQL when DATABASE_URL is set)')
    .addHelpText('after', '\nExample:\n  PORT=8000 fathom serve')
    .action(async () => {
      const config = loadConfig();
      const logger = createLogger(config.logLevel);
      const fathom = await createFathom({ config, logger });
      const { server, url } = await listen(fathom, config.host, config.port);
      if (fathom.firstToken) {
        process.stdout.write(
          `\nNo API token existed, so one was created. It is shown only this once:\n\n  ${fathom.firstToken}\n\n` +
            `Use it as: Authorization: Bearer <token>   (fathom keys create makes more)\n\n`,
        );
      }
      process.stdout.write(`Fathom ${config.database.engine === 'sqlite' ? `on SQLite ${config.database.path}` : 'on PostgreSQL'} listening on ${url}  (API reference: ${url}/docs)\n`);
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) process.exit(1);
        stopping = true;
        logger.info({ signal }, 'shutting down');
        server.close();
        await fathom.close();
        process.exit(0);
      };
      process.on('SIGINT', () => void stop('SIGINT'));
      process.on('SIGTERM', () => void stop('SIGTERM'));
    });
}
