import { COMPANY_READER_RULES } from '../test/fixtures/research-harness/company-reader-rules.ts';
import { startInProcessFathom } from '../test/fixtures/research-harness/in-process-fathom.ts';
import { startResearchEnvironment } from '../test/fixtures/research-harness/research-environment.ts';
import { createScriptedReader } from '../test/fixtures/research-harness/scripted-reader.ts';
import { auditCitations, type Citation } from './citation-audit.ts';
import type { ColumnReport, EvalReport } from './eval-report.ts';
import { isCorrect, quantile } from './eval-scoring.ts';
import { EVAL_COLUMNS, EVAL_COMPANIES } from './research-eval-set.ts';

/** Where the eval's model comes from and what it costs. */
export interface EvalOptions {
  /**
   * LLM variables (FATHOM_LLM_*, OPENAI_API_KEY, ANTHROPIC_API_KEY) of a configured provider; when
   * none is given the scripted reader on the local OpenAI-compatible test server answers.
   */
  llmEnvironment?: Record<string, string>;
  /** Prices per million tokens, for the cost column. */
  pricing?: { inputUsdPerMillion: number; outputUsdPerMillion: number };
}

const STRATEGIES = ['company_site', 'web_search'] as const;

/**
 * Runs the labeled research set on the fixture web, once reading only the companies' own sites
 * and once with the search stand-in, through the real engine and agents, and scores accuracy,
 * citation validity (audited independently), cost and latency per column.
 */
export async function runResearchEval(options: EvalOptions = {}): Promise<EvalReport> {
  const startedAt = performance.now();
  const configured = options.llmEnvironment && Object.keys(options.llmEnvironment).length > 0 ? options.llmEnvironment : null;
  const environment = await startResearchEnvironment({
    withSearch: true,
    // The eval measures answers, not speed: a loaded machine (a parallel test suite) must not turn slow stand-in
    // answers into timeouts, so it allows more than the research tests' 2 s.
    environment: { FATHOM_FETCH_TIMEOUT_MS: '5000', ...configured },
    ...(configured ? {} : { handler: createScriptedReader(COMPANY_READER_RULES) }),
  });
  const columns: ColumnReport[] = [];
  const citations: Citation[] = [];
  const citationOwners: Array<{ report: ColumnReport }> = [];
  try {
    for (const strategy of STRATEGIES) {
      const { FATHOM_SEARCH_PROVIDER, FATHOM_SEARCH_URL, ...withoutSearch } = environment.environment;
      const fathom = await startInProcessFathom({
        environment: strategy === 'web_search' ? environment.environment : withoutSearch,
        agentOverrides: environment.agentOverrides,
      });
      try {
        const table = (
          await fathom.api('POST', '/v1/tables', {
            kind: 'company',
            name: `eval ${strategy}`,
            column_configs: EVAL_COLUMNS.map((column) => ({ name: column.key, key: column.key, ...column.config })),
          })
        ).body;
        await fathom.api('POST', `/v1/tables/${table.id}/rows`, {
          rows: EVAL_COMPANIES.map((site) => ({ data: { input: environment.web.urlFor(site) } })),
          run: true,
        });
        const data = await fathom.waitForIdle(table.id);
        for (const column of EVAL_COLUMNS) {
          const report = scoreColumn(strategy, column, data.rows, options.pricing ?? null);
          columns.push(report);
          for (const row of data.rows) {
            for (const excerpt of (row.data[column.key]?.value?.excerpts ?? []) as Citation[]) {
              citations.push(excerpt);
              citationOwners.push({ report });
            }
          }
        }
      } finally {
        await fathom.close();
      }
    }
    const verdicts = await auditCitations(environment.web, citations);
    verdicts.forEach((verdict, index) => {
      const { report } = citationOwners[index]!;
      report.citations.total += 1;
      if (verdict.wasFetched && verdict.quoteOccurs) report.citations.valid += 1;
    });
    for (const report of columns) report.citations.validity = report.citations.total === 0 ? 1 : report.citations.valid / report.citations.total;
    const cells = columns.reduce((sum, report) => sum + report.cells, 0);
    const correct = columns.reduce((sum, report) => sum + report.correct, 0);
    const valid = verdicts.filter((verdict) => verdict.wasFetched && verdict.quoteOccurs).length;
    return {
      model: configured ? describeModel(configured) : 'scripted reader on the local OpenAI-compatible test server',
      search: 'SearXNG stand-in over the fixture web (web_search rows); none (company_site rows)',
      web: `fixture web, ${EVAL_COMPANIES.length} fictional companies on 127.0.0.1`,
      columns,
      overall: {
        cells,
        correct,
        accuracy: cells === 0 ? 0 : correct / cells,
        citations: { total: verdicts.length, valid, validity: verdicts.length === 0 ? 1 : valid / verdicts.length },
      },
      invalidCitations: verdicts.filter((verdict) => !verdict.wasFetched || !verdict.quoteOccurs),
      durationMs: Math.round(performance.now() - startedAt),
    };
  } finally {
    await environment.close();
  }
}

function scoreColumn(
  strategy: ColumnReport['strategy'],
  column: (typeof EVAL_COLUMNS)[number],
  rows: any[],
  pricing: EvalOptions['pricing'] | null,
): ColumnReport {
  const report: ColumnReport = {
    strategy,
    column: column.key,
    agent: column.config.kind === 'agent' ? String((column.config.value as { agent_type: string }).agent_type) : String(column.config.kind),
    cells: 0,
    correct: 0,
    accuracy: 0,
    failed: 0,
    citations: { total: 0, valid: 0, validity: 1 },
    cost: { inputTokens: 0, outputTokens: 0, modelCalls: 0, searches: 0, pageFetches: 0, estimatedUsd: null },
    latency: { p50Ms: 0, p95Ms: 0, maxMs: 0 },
    mistakes: [],
  };
  const durations: number[] = [];
  rows.forEach((row, index) => {
    const company = EVAL_COMPANIES[index]!;
    const cell = row.data[column.key];
    const expected = column.expected[company];
    if (!expected) return;
    report.cells += 1;
    const usage = cell?.value?.usage ?? {};
    report.cost.inputTokens += usage.input_tokens ?? 0;
    report.cost.outputTokens += usage.output_tokens ?? 0;
    report.cost.modelCalls += usage.calls ?? 0;
    report.cost.searches += usage.searches ?? 0;
    report.cost.pageFetches += usage.page_fetches ?? 0;
    if (typeof usage.duration_ms === 'number') durations.push(usage.duration_ms);
    if (cell?.status !== 'done') report.failed += 1;
    if (cell?.status === 'done' && isCorrect(cell.value.answer, expected)) report.correct += 1;
    else report.mistakes.push({ company, expected, answer: cell?.value?.answer ?? null, error: cell?.error ?? null });
  });
  report.accuracy = report.cells === 0 ? 0 : report.correct / report.cells;
  report.latency = { p50Ms: quantile(durations, 0.5), p95Ms: quantile(durations, 0.95), maxMs: quantile(durations, 1) };
  if (pricing)
    report.cost.estimatedUsd = (report.cost.inputTokens * pricing.inputUsdPerMillion + report.cost.outputTokens * pricing.outputUsdPerMillion) / 1_000_000;
  return report;
}

function describeModel(environment: Record<string, string>): string {
  const provider =
    environment.FATHOM_LLM_PROVIDER ?? (environment.FATHOM_LLM_BASE_URL ? 'openai-compatible' : environment.OPENAI_API_KEY ? 'openai' : 'anthropic');
  return `${provider} ${environment.FATHOM_LLM_MODEL ?? '(default model)'} / reasoning ${environment.FATHOM_LLM_REASONING_MODEL ?? environment.FATHOM_LLM_MODEL ?? '(default model)'}`;
}
