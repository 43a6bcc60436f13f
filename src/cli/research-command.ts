import type { Command } from 'commander';
import type { DeepResearchTask, FathomClient } from '../sdk/index.ts';
import { clientAction, defineClientCommand, type ClientOptions } from './client-command.ts';
import { isForPerson } from './human-table.ts';
import { parsePositiveInteger } from './option-parsers.ts';

interface ResearchOptions extends ClientOptions {
  depth: 'medium' | 'high' | 'xhigh';
  wait: boolean;
  pollSeconds: number;
}

function progress(task: DeepResearchTask): string {
  return `${task.status} · iterations ${task.iterations} · agents ${task.agents} · sources ${task.sources}`;
}

/** Poll the task until it ends, drawing its counters on stderr (one line a change off a terminal). */
async function watch(client: FathomClient, task: DeepResearchTask, pollMs: number): Promise<DeepResearchTask> {
  const stream = process.stderr;
  let current = task;
  let last = '';
  for (;;) {
    const line = progress(current);
    if (line !== last) {
      stream.write(stream.isTTY ? `\r\x1b[2K${line}` : `${line}\n`);
      last = line;
    }
    if (current.status === 'done' || current.status === 'failed') break;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    current = await client.deepResearchTasks.get(task.id);
  }
  if (stream.isTTY) stream.write('\n');
  return current;
}

/** The markdown report with its numbered sources (and their excerpts) below it. */
function printableReport(task: DeepResearchTask): string {
  const report = task.report;
  if (!report) return '';
  const body = report.kind === 'markdown' ? report.markdown.trimEnd() : JSON.stringify({ fields: report.fields, basis: report.basis }, null, 2);
  const sources = report.sources.map((source) => `[${source.id}] ${source.url}\n    "${source.excerpt}"`).join('\n');
  const notes = report.degradation_reasons.length > 0 ? `\n\nNotes:\n${report.degradation_reasons.map((reason) => `- ${reason}`).join('\n')}` : '';
  return `${body}\n\nSources:\n${sources}${notes}\n`;
}

/** `fathom research "<brief>"`: start a Deep Research task, watch it, print the cited report. */
export function registerResearchCommand(program: Command): void {
  defineClientCommand(
    program
      .command('research <brief>')
      .description('Research one target and print a cited report (Deep Research)')
      .option('--depth <depth>', 'medium (25 agents), high (50) or xhigh (75)', 'medium')
      .option('--no-wait', 'print the task and return at once')
      .option('--poll-seconds <n>', 'how often to read the progress', parsePositiveInteger, 5),
    ['fathom research "Acme Robotics (acme.com): what they build, who buys it, recent funding" --depth high'],
  ).action(
    clientAction<ResearchOptions, [string]>(async ({ client, options }, brief) => {
      const created = await client.deepResearchTasks.create({ brief, depth: options.depth });
      if (!options.wait) return created;
      const ended = await watch(client, created, options.pollSeconds * 1000);
      if (ended.status === 'failed') process.exitCode = 1;
      if (!isForPerson(options)) return ended;
      if (ended.status === 'failed') {
        process.stderr.write(`Deep Research failed: ${ended.failure_reason ?? 'no reason given'}\n`);
        return undefined;
      }
      process.stdout.write(printableReport(ended));
      return undefined;
    }),
  );
}
