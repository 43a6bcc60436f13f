// Builds a TypeScript entry of this project (the server's src/cli/main.ts, a benchmark's server
// script) and everything it imports into one ES module in node_modules/.cache/fathom, and rebuilds
// it only when a source file it was made from changed. Running that file skips the TypeScript
// loader: tsx resolves and transpiles every module through loader hooks on a separate thread,
// which made each process start about twice as slow as the code it runs and kept a second V8
// isolate resident (~60 MB). Packages in node_modules stay outside the file and load as usual.
// See docs/decisions/2026-12-06-run-the-server-from-a-one-file-build.md.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cacheDirectory = join(root, 'node_modules', '.cache', 'fathom');
// Besides the sources themselves, the files that decide how they are built.
const BUILD_SETTINGS = ['package.json', 'package-lock.json', 'tsconfig.json'];

function isFresh(bundleFile, inputsFile) {
  if (!existsSync(bundleFile) || !existsSync(inputsFile)) return false;
  const builtAt = statSync(bundleFile).mtimeMs;
  // A new source file can only join through an edit to one of the inputs, so their times are enough.
  for (const input of [...JSON.parse(readFileSync(inputsFile, 'utf8')), ...BUILD_SETTINGS]) {
    const path = resolve(root, input);
    if (!existsSync(path) || statSync(path).mtimeMs > builtAt) return false;
  }
  return true;
}

async function build(entry, name, bundleFile, inputsFile) {
  const esbuild = await import('esbuild');
  const startedAt = new Date();
  mkdirSync(cacheDirectory, { recursive: true });
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // Linked, not loaded: NODE_OPTIONS=--enable-source-maps maps stack traces back to the sources
    // when wanted; loading the map in every process would cost ~30 MB of memory.
    sourcemap: 'linked',
    // Code behind a dynamic import (the server behind `fathom serve`) goes in its own chunk, with
    // the packages it imports, so a client command such as `fathom tables list` loads neither.
    splitting: true,
    outdir: cacheDirectory,
    entryNames: name,
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: root,
  });
  // Written beside and renamed: processes starting together never read a half-written file.
  // Chunks are named by their content, so a rebuild never changes a chunk a running process uses;
  // the entry goes last, once everything it imports is in place.
  const install = (path, contents) => {
    mkdirSync(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, contents);
    renameSync(temporary, path);
  };
  for (const file of result.outputFiles) if (file.path !== bundleFile) install(file.path, file.contents);
  install(inputsFile, JSON.stringify(Object.keys(result.metafile.inputs)));
  install(bundleFile, result.outputFiles.find((file) => file.path === bundleFile).contents);
  // Dated when the build read its sources, so a file saved while it ran makes it stale.
  utimesSync(bundleFile, startedAt, startedAt);
}

/**
 * The URL of an up-to-date build of `entry` (a path to a .ts file of this project), or null when
 * none can be made (esbuild missing, a build error, FATHOM_RUN_FROM_SOURCE set): the caller then
 * runs the sources through tsx.
 */
export async function builtEntryUrl(entry) {
  if (process.env.FATHOM_RUN_FROM_SOURCE) return null;
  const name = relative(root, resolve(entry))
    .replace(/\.[cm]?tsx?$/, '')
    .replace(/[\\/]/g, '--');
  const bundleFile = join(cacheDirectory, `${name}.mjs`);
  const inputsFile = join(cacheDirectory, `${name}.inputs.json`);
  try {
    if (!isFresh(bundleFile, inputsFile)) await build(resolve(entry), name, bundleFile, inputsFile);
    return pathToFileURL(bundleFile).href;
  } catch {
    return null;
  }
}

/** Runs `entry` from its build, or from source through tsx when no build can be made. */
export async function runBuiltEntry(entry) {
  const url = await builtEntryUrl(entry);
  if (url) return import(url);
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(resolve(entry)).href);
}
