#!/usr/bin/env node
// Runs the server from a one-file build of its sources, made (or remade) on start when a source
// changed, so `npm install && npm start` needs no build step; falls back to running the
// TypeScript sources through tsx when no build can be made.
import { fileURLToPath } from 'node:url';
import { runBuiltEntry } from './server-bundle.js';

await runBuiltEntry(fileURLToPath(new URL('../src/cli/main.ts', import.meta.url)));
