import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const repository = fileURLToPath(new URL('../../../', import.meta.url));
export const WEB_DIST_DIRECTORY = join(repository, 'web', 'dist');
const LOCK_DIRECTORY = join(repository, 'web', '.build-lock');
const STALE_LOCK_MS = 120_000;

// The app's sources, and the server modules it imports (schemas, domain rules) that end up in the bundle.
const SOURCES = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.ts', 'src/domain', 'src/api/schemas', 'src/api/zod-issues.ts'];

function newestModification(path: string): number {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(path);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((name) => newestModification(join(path, name))));
}

function isBuildCurrent(): boolean {
  const built = newestModification(join(WEB_DIST_DIRECTORY, 'index.html'));
  return built > 0 && built >= Math.max(...SOURCES.map((source) => newestModification(join(repository, source))));
}

/**
 * Build web/dist when it is missing or older than its sources, so the browser tests always
 * drive the current app. Test files run in parallel processes; a lock directory makes one of
 * them build while the others wait, then find the build current.
 */
export async function ensureWebAppBuilt(): Promise<void> {
  if (isBuildCurrent()) return;
  await acquireLock();
  try {
    if (isBuildCurrent()) return;
    await promisify(execFile)(
      process.execPath,
      [join(repository, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'error'],
      {
        cwd: repository,
        timeout: 120_000,
        // Under vitest NODE_ENV is "test", and Vite would then bundle React's development build:
        // several times slower, and not what users get. The tests and the bench drive the real one.
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
  } finally {
    rmSync(LOCK_DIRECTORY, { recursive: true, force: true });
  }
}

async function acquireLock(): Promise<void> {
  for (;;) {
    try {
      mkdirSync(LOCK_DIRECTORY);
      return;
    } catch {
      // A crashed build leaves its lock behind; after two minutes nobody holds it any more.
      if (Date.now() - newestModification(LOCK_DIRECTORY) > STALE_LOCK_MS) rmSync(LOCK_DIRECTORY, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
