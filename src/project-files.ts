import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's own directory (where its package.json is), found by walking up from this module.
 * The server runs from its sources (src/…) or from a one-file build in node_modules/.cache, so a
 * path written relative to one module's location would be right in one and wrong in the other.
 */
function findProjectDirectory(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'fathom') return directory;
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`fathom: cannot find the project's package.json above ${fileURLToPath(import.meta.url)}`);
    directory = parent;
  }
}

let projectDirectory: string | undefined;

/** An absolute path to a file of the project, e.g. `projectFile('web', 'dist')`. */
export function projectFile(...segments: string[]): string {
  projectDirectory ??= findProjectDirectory();
  return join(projectDirectory, ...segments);
}
