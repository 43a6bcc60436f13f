import type { Command } from 'commander';
import type { DiscoveryResult, DiscoveryTask, FathomClient } from '../sdk/index.ts';
import { clientAction, defineClientCommand, type ClientOptions } from './client-command.ts';
import { formatHumanTable, isForPerson, type TableColumn } from './human-table.ts';
import { collect, parsePositiveInteger } from './option-parsers.ts';

interface DiscoverOptions extends ClientOptions {
  results: number;
  criterion: string[];
  exclude: string[];
  into?: string;
  run?: boolean;
  wait: boolean;
  pollSeconds: number;
}

/** `key=criterion text`, or just the text (the key is made from it). */
function parseCriterion(text: string, index: number): { key: string; name: string; criterion: string } {
  const match = /^([A-Za-z][A-Za-z0-9_]*)=(.+)$/s.exec(text);
  const criterion = (match ? match[2]! : text).trim();
  const key = match ? match[1]! : `criterion_${index + 1}`;
  return { key, name: key.replaceAll('_', ' '), criterion };
}

function counters(task: DiscoveryTask): string {
  return `discovered ${task.num_results_discovered} · enriched ${task.num_results_enriched} · evaluated ${task.num_results_evaluated}/${task.desired_num_results} · high-fit ${task.num_results}${task.is_exhausted ? ' · sources exhausted' : ''}`;
}

function resultColumns(task: DiscoveryTask): TableColumn<DiscoveryResult>[] {
  return [
    { header: 'COMPANY', value: (result) => result.company_name },
    { header: 'WEBSITE', value: (result) => result.company_website },
    { header: 'RELEVANCE', value: (result) => String(result.relevance), isNumeric: true },
    ...task.criteria.map((criterion) => ({
      header: criterion.key.toUpperCase(),
      value: (result: DiscoveryResult) => String(result.scores[criterion.key]?.grade ?? '-'),
      isNumeric: true,
    })),
  ];
}

/** Poll the task until it ends, drawing its four counters on stderr (one line a poll off a terminal). */
async function watch(client: FathomClient, task: DiscoveryTask, pollMs: number): Promise<DiscoveryTask> {
  const stream = process.stderr;
  let current = task;
  let last = '';
  for (;;) {
    const line = counters(current);
    if (line !== last) {
      stream.write(stream.isTTY ? `\r\x1b[2K${line}` : `${line}\n`);
      last = line;
    }
    if (current.status === 'done' || current.status === 'failed') break;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    current = await client.discoveryTasks.get(task.id);
  }
  if (stream.isTTY) stream.write('\n');
  return current;
}

/**
 * `fathom discover "<query>"`: start a Deep Search, watch its counters, then print the results
 * (a table on a terminal, JSON otherwise). `--into TABLE` imports every result into a company table.
 */
export function registerDiscoverCommand(program: Command): void {
  defineClientCommand(
    program
      .command('discover <query>')
      .description('Find companies matching a description and grade each on your criteria (Deep Search)')
      .option('--results <n>', 'companies to evaluate, 1–250', parsePositiveInteger, 25)
      .option('--criterion <key=text>', 'a criterion graded 1–5 (repeatable); generated from the query when none is given', collect, [])
      .option('--exclude <domain>', 'a domain or URL to leave out (repeatable)', collect, [])
      .option('--into <tableId>', 'add every result to this company table as it is evaluated')
      .option('--run', "with --into, run the table's columns on each added row")
      .option('--no-wait', 'print the task and return at once')
      .option('--poll-seconds <n>', 'how often to read the counters', parsePositiveInteger, 2),
    [
      'fathom discover "warehouse robotics companies in Europe" --results 50 --criterion "europe=The company is headquartered in Europe"',
      'fathom discover "vertical SaaS for dentists" --into 5f0c… --run',
    ],
  ).action(
    clientAction<DiscoverOptions, [string]>(async ({ client, options }, query) => {
      const created = await client.discoveryTasks.create({
        query,
        desired_num_results: options.results,
        ...(options.criterion.length > 0 ? { criteria: options.criterion.map(parseCriterion) } : {}),
        exclude_domains: options.exclude,
        ...(options.into ? { table: { id: options.into, auto_import: true, run: Boolean(options.run) } } : {}),
      });
      if (!options.wait) return created;
      const ended = await watch(client, created, options.pollSeconds * 1000);
      const { results } = await client.discoveryTasks.results(ended.id, { limit: 500 });
      if (ended.status === 'failed') process.exitCode = 1;
      if (!isForPerson(options)) return { task: ended, results };
      if (ended.status === 'failed') process.stderr.write(`Deep Search failed: ${ended.failure_reason ?? 'no reason given'}\n`);
      process.stdout.write(formatHumanTable(results, resultColumns(ended)));
      process.stdout.write(`\n${results.length} companies evaluated, ${ended.num_results} high-fit · task ${ended.id}\n`);
      return undefined;
    }),
  );
}
