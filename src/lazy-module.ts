import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A package loaded the first time it is used instead of at start-up. The structured-data
 * parsers and the HTML parser cost ~45 MB of resident memory in every process, and many
 * processes (an API-only server, a CLI command, a worker that never reads a page) never call
 * them. CommonJS builds are required synchronously, so callers stay synchronous. Server code
 * only: the web app bundles src/domain, where node:module does not exist.
 */
export function lazyModule<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= require(specifier) as T;
    return loaded;
  };
}
