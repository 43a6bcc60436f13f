/**
 * `npm run bench`: every benchmark in turn, printed as a table and as JSON.
 * `npm run bench -- --only=engine` runs the benchmarks whose file name contains "engine";
 * `--skip-million` leaves out the 1,000,000-cell run (about 4 minutes).
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { machineDescription, type BenchResult } from './bench-support.ts';

const directory = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.find((argument) => argument.startsWith('--only='))?.slice('--only='.length);
const files = readdirSync(directory).filter(
  (file) => file.endsWith('.ts') && !['run-all.ts', 'bench-support.ts'].includes(file) && (!only || file.includes(only)),
);

const results: BenchResult[] = [];
for (const file of files.sort()) {
  process.stderr.write(`running ${file}…\n`);
  const module = (await import(pathToFileURL(`${directory}${file}`).href)) as { run?: (options?: object) => Promise<BenchResult | BenchResult[]> };
  if (!module.run) continue;
  const outcome = await module.run({ skipMillion: process.argv.includes('--skip-million') });
  results.push(...(Array.isArray(outcome) ? outcome : [outcome]));
}

process.stdout.write(`\n${new Date().toISOString()} · ${machineDescription()}\n\n`);
for (const result of results) {
  process.stdout.write(`${result.name}\n`);
  for (const [metric, value] of Object.entries(result.metrics)) process.stdout.write(`  ${metric.padEnd(30)} ${value}\n`);
  if (result.notes) process.stdout.write(`  (${result.notes})\n`);
}
process.stdout.write(`\n${JSON.stringify(results)}\n`);
