#!/usr/bin/env node
// Run a TypeScript entry of the repo from a one-file build, as bin/fathom.js runs the server
// (benchmarks use it for their server scripts, so process start is measured as users get it):
// node bin/run-built.js FILE [ARGS]. The entry must not locate files relative to its own module.
import { resolve } from 'node:path';
import { runBuiltEntry } from './server-bundle.js';

const [file, ...rest] = process.argv.slice(2);
process.argv = [process.argv[0], resolve(file), ...rest];
await runBuiltEntry(file);
