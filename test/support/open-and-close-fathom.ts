/**
 * Opens Fathom (API and workers, real agents) on the database location given as JSON in argv[2],
 * closes it at once, and prints how long each took. It never calls process.exit: the test that
 * runs it checks that the process ends by itself, i.e. that close() left no handle open.
 */
import pino from 'pino';
import { loadConfig } from '../../src/config.ts';
import { createFathom } from '../../src/main.ts';
import type { DatabaseLocation } from '../../src/store/open-database.ts';

const databaseLocation = JSON.parse(process.argv[2]!) as DatabaseLocation;
const config = loadConfig({ PORT: '0', FATHOM_LOG_LEVEL: 'silent', FATHOM_POLL_INTERVAL_MS: '5000' });
const started = performance.now();
const fathom = await createFathom({ config, logger: pino({ level: 'silent' }), databaseLocation, withApi: true, withWorkers: true });
const opened = performance.now();
await fathom.close();
const closed = performance.now();
process.stdout.write(`${JSON.stringify({ openMs: Math.round(opened - started), closeMs: Math.round(closed - opened) })}\n`);
