import type { Command } from 'commander';
import type { FathomClient, LookalikeResponse, SearchFilters, SearchResponse } from '../sdk/index.ts';
import { clientAction, defineClientCommand, withExamples, type ClientOptions } from './client-command.ts';
import { CliUsageError } from './cli-errors.ts';
import { importCompanyFile } from './company-import.ts';
import { formatHumanTable, isForPerson } from './human-table.ts';
import { parseNonNegativeInteger, parsePositiveInteger } from './option-parsers.ts';
import { createProgressLine } from './progress-line.ts';

interface SearchCommandOptions extends ClientOptions {
  filters?: string;
  similar?: string;
  limit?: number;
  offset?: number;
}

/** `fathom companies search|lookup|import`: the workspace's company index from a terminal. */
export function registerCompaniesCommands(program: Command): void {
  const companies = withExamples(program.command('companies').description("Search, look up and import companies of the workspace's index"), [
    'fathom companies search "payroll software in Germany"',
  ]);

  defineClientCommand(
    companies
      .command('search [query]')
      .description('Companies matching a description, or like a company (--similar); a table at a terminal, JSON otherwise')
      .option(
        '--filters <json>',
        'SearchFilters as JSON: {"include": {"country": ["Germany"]}, "exclude": {"domains": [...]}, "range": {"founded": {"min": 2015}}}',
      )
      .option('--similar <domain>', 'companies like this one (domain, URL or profile id) instead of a query')
      .option('--limit <count>', 'results per page (at most 250)', parsePositiveInteger)
      .option('--offset <count>', 'skip this many results', parseNonNegativeInteger),
    [
      'fathom companies search "B2B payroll software" --filters \'{"include": {"size": ["51-200"]}}\'',
      'fathom companies search --similar stripe.com --limit 50 --json',
    ],
  ).action(
    clientAction<SearchCommandOptions, [string | undefined]>(async ({ client, options }, query) => {
      const answer = await searchOrSimilar(client, query, options);
      if (!isForPerson(options)) return answer;
      process.stdout.write(formatResults(answer));
      return undefined;
    }),
  );

  defineClientCommand(companies.command('lookup <identifier>').description("The workspace's profile of a company (built on demand for a new domain)"), [
    'fathom companies lookup stripe.com --pretty',
  ]).action(clientAction<ClientOptions, [string]>(async ({ client }, identifier) => client.companies.lookup(identifier)));

  defineClientCommand(
    companies
      .command('import <file>')
      .description('Add companies from a CSV/TSV/NDJSON/JSON file: full profiles are stored as given, bare domains are researched by the workers')
      .option('--format <format>', 'csv, tsv, ndjson or json (default: from the extension)')
      .option('--state-file <path>', 'where progress is kept so an interrupted import resumes (default: <file>.fathom-import.json)')
      .option('--batch-size <count>', 'companies per request, at most 1,000', parsePositiveInteger),
    ['fathom companies import customers.csv', 'fathom companies import profiles.ndjson --batch-size 1000'],
  ).action(
    clientAction<ClientOptions & { format?: string; stateFile?: string; batchSize?: number }, [string]>(async ({ client, options }, file) => {
      const line = createProgressLine({ unit: 'companies' });
      try {
        const summary = await importCompanyFile(client, {
          path: file,
          format: options.format,
          stateFile: options.stateFile,
          batchSize: options.batchSize,
          onProgress: ({ processed, estimatedTotal }) => line.update({ done: processed, total: estimatedTotal }),
        });
        line.end(`stored ${summary.stored} profiles, queued ${summary.queued} domains for research in ${summary.seconds}s`);
        return summary;
      } catch (error) {
        line.end('stopped: run the same command again to resume after the last batch the server took');
        throw error;
      }
    }),
  );
}

async function searchOrSimilar(client: FathomClient, query: string | undefined, options: SearchCommandOptions): Promise<SearchResponse | LookalikeResponse> {
  const filters = parseFilters(options.filters);
  const paging = { filters, offset: options.offset, limit: options.limit };
  if (options.similar) return client.companies.similar(options.similar, paging);
  if (!query) throw new CliUsageError('give a query ("payroll software in Germany") or --similar <domain>');
  return client.companies.search(query, paging);
}

function parseFilters(text: string | undefined): SearchFilters | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as SearchFilters;
  } catch (error) {
    throw new CliUsageError(`--filters is not JSON: ${(error as Error).message}`);
  }
}

function formatResults(answer: SearchResponse | LookalikeResponse): string {
  const reference = 'reference_company' in answer ? `like ${answer.reference_company.name} (${answer.reference_company.domain})\n` : '';
  if (answer.results.length === 0) return `${reference}no companies matched\n`;
  return (
    reference +
    formatHumanTable(answer.results, [
      { header: 'SCORE', value: (result) => result.relevance_score.toFixed(3), isNumeric: true },
      { header: 'DOMAIN', value: (result) => result.domain },
      { header: 'NAME', value: (result) => result.name, maxWidth: 30 },
      { header: 'SIZE', value: (result) => result.employee_count ?? '' },
      { header: 'COUNTRY', value: (result) => result.hq_country ?? '', maxWidth: 18 },
      { header: 'DESCRIPTION', value: (result) => result.short_description ?? '', maxWidth: 60 },
    ])
  );
}
