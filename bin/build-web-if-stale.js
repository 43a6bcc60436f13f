#!/usr/bin/env node
// `npm start` builds the web app only when web/dist is missing or older than its sources,
// so a restart costs nothing and a fresh checkout still gets the app.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = join(root, 'web', 'dist', 'index.html');

function newestModification(directory) {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestModification(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const sources = [join(root, 'web', 'src'), join(root, 'web', 'index.html'), join(root, 'web', 'vite.config.ts')];
const newestSource = Math.max(...sources.filter(existsSync).map((path) => (statSync(path).isDirectory() ? newestModification(path) : statSync(path).mtimeMs)));
if (!existsSync(built) || statSync(built).mtimeMs < newestSource) {
  process.stderr.write('Building the web app (web/dist)…\n');
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(root, 'web', 'vite.config.ts'), '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}
