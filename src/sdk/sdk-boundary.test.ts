import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The SDK runs in browsers and scripts, so at run time it must not load the server: code outside
 * src/sdk may only be imported for its types (the schemas the types are derived from).
 */
describe('fathom/sdk imports nothing of the server at run time', () => {
  const directory = new URL('./', import.meta.url);
  const sources = readdirSync(directory).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));

  it.each(sources)('%s', (name) => {
    const text = readFileSync(new URL(name, directory), 'utf8');
    const valueImports = [...text.matchAll(/^(import|export) (?!type )[^;]*?from '([^']+)'/gms)].map((match) => match[2]!);
    expect(valueImports.filter((path) => !path.startsWith('./'))).toEqual([]);
  });
});
