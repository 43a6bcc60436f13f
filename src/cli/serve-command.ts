import type { Command } from 'commander';
import type { Logger } from 'pino';
import { ConfigError, loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { limitHeapGrowth } from './heap-growth.ts';
import { startUpBanner } from './start-up-banner.ts';

// The server is imported when a server command runs, not when the CLI starts: client commands
// (`fathom tables list`) would otherwise load all of it, about 0.7 s per invocation.
const loadServer = () => import('../main.ts');

const SHUTDOWN_TIMEOUT_MS = 30_000;

/** What one server process does: `serve` is both, `serve --no-workers` the API, `worker` the workers. */
interface ProcessRole {
  api: boolean;
  workers: boolean;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Run the API server with in-process workers (SQLite by default; PostgreSQL when DATABASE_URL is set)')
    .option('--no-workers', 'API only: leave computing cells to `fathom worker` processes (PostgreSQL)')
    .addHelpText('after', '\nExamples:\n  PORT=8000 fathom serve\n  DATABASE_URL=postgres://localhost/fathom fathom serve --no-workers')
    .action((options: { workers: boolean }) => runServerProcess({ api: true, workers: options.workers }));

  program
    .command('worker')
    .description('Run workers only, sharing the PostgreSQL database of `fathom serve --no-workers`')
    .addHelpText('after', '\nExample:\n  DATABASE_URL=postgres://localhost/fathom fathom worker')
    .action(() => runServerProcess({ api: false, workers: true }));
}

/** The one start-up of every server process; the role switches the API (and its first token) and the workers. */
async function runServerProcess(role: ProcessRole): Promise<void> {
  const config = loadConfig();
  if (!role.api && config.database.engine !== 'postgres') {
    throw new ConfigError('fathom worker needs DATABASE_URL (PostgreSQL): on SQLite, `fathom serve` runs the workers in-process');
  }
  // Before the server loads, so its modules' objects are collected under the same bound.
  if (!role.api) limitHeapGrowth(config.engine.workerHeapGrowthPercent);
  const logger = createLogger(config.logLevel);
  if (!role.workers && config.database.engine === 'sqlite') {
    logger.warn('--no-workers on SQLite: no process will compute cells (workers in other processes need DATABASE_URL)');
  }
  const { createFathom, listen } = await loadServer();
  const fathom = await createFathom({ config, logger, withApi: role.api, withWorkers: role.workers });
  if (!role.api) {
    process.stdout.write(`Fathom worker running ${config.engine.workers} worker(s), ${config.engine.concurrency} cells each\n`);
    stopOnSignals(logger, () => fathom.close());
    return;
  }
  const { server, url } = await listen(fathom, config.host, config.port);
  if (fathom.firstToken) {
    process.stdout.write(
      `\nNo API token existed, so one was created. It is shown only this once:\n\n  ${fathom.firstToken}\n\n` +
        `Use it as: Authorization: Bearer <token>   (fathom keys create makes more)\n\n`,
    );
  }
  process.stdout.write(startUpBanner({ config, url, withWorkers: role.workers }));
  stopOnSignals(logger, async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await fathom.close();
  });
}

/**
 * The first SIGTERM/SIGINT is graceful: stop claiming, let running cells end (up to 30 s),
 * give back the rest. A second signal, or the timeout, exits at once; leases then expire and
 * the reaper requeues whatever was held.
 */
function stopOnSignals(logger: Logger, close: () => Promise<void>): void {
  let isStopping = false;
  const stop = (signal: string) => {
    if (isStopping) {
      logger.warn({ signal }, 'forced-exit');
      process.exit(1);
    }
    isStopping = true;
    logger.info({ signal }, 'shutting-down');
    const timer = setTimeout(() => process.exit(1), SHUTDOWN_TIMEOUT_MS + 5_000);
    timer.unref();
    close()
      .then(() => process.exit(0))
      .catch((error) => {
        logger.error({ err: error }, 'shutdown-failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
