import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A package loaded the first time it is used instead of at start-up. The structured-data
 * parsers and libphonenumber's full metadata cost ~35 MB of resident memory in every process,
 * and most processes (an API-only server, a worker that never reads a page with microdata or
 * a phone column) never call them. CommonJS builds are required synchronously, so callers stay
 * synchronous.
 */
export function lazyModule<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= require(specifier) as T;
    return loaded;
  };
}
