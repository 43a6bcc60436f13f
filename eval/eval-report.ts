/** Results of one column under one research strategy. */
export interface ColumnReport {
  strategy: 'company_site' | 'web_search';
  column: string;
  agent: string;
  cells: number;
  correct: number;
  /** correct / cells. */
  accuracy: number;
  /** Cells that failed (they count as wrong). */
  failed: number;
  citations: { total: number; valid: number; validity: number };
  cost: { inputTokens: number; outputTokens: number; modelCalls: number; searches: number; pageFetches: number; estimatedUsd: number | null };
  latency: { p50Ms: number; p95Ms: number; maxMs: number };
  /** The wrong cells, for reading the report. */
  mistakes: Array<{ company: string; expected: unknown; answer: unknown; error: string | null }>;
}

/** What `npm run eval` measured. */
export interface EvalReport {
  model: string;
  search: string;
  web: string;
  columns: ColumnReport[];
  overall: { cells: number; correct: number; accuracy: number; citations: { total: number; valid: number; validity: number } };
  /** Citations that failed the audit (empty when validity is 100 %). */
  invalidCitations: Array<{ url: string; quote: string; wasFetched: boolean; quoteOccurs: boolean }>;
  durationMs: number;
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

/** The report as the table `npm run eval` prints. */
export function formatEvalReport(report: EvalReport): string {
  const header = [
    'strategy',
    'column',
    'agent',
    'cells',
    'accuracy',
    'citations valid',
    'tokens in/out',
    'calls',
    'searches',
    'fetches',
    'est. USD',
    'p50 ms',
    'p95 ms',
  ];
  const rows = report.columns.map((column) => [
    column.strategy,
    column.column,
    column.agent,
    String(column.cells),
    `${percent(column.accuracy)} (${column.correct}/${column.cells})`,
    `${percent(column.citations.validity)} (${column.citations.valid}/${column.citations.total})`,
    `${column.cost.inputTokens}/${column.cost.outputTokens}`,
    String(column.cost.modelCalls),
    String(column.cost.searches),
    String(column.cost.pageFetches),
    column.cost.estimatedUsd === null ? '-' : column.cost.estimatedUsd.toFixed(4),
    String(column.latency.p50Ms),
    String(column.latency.p95Ms),
  ]);
  const widths = header.map((title, index) => Math.max(title.length, ...rows.map((row) => row[index]!.length)));
  const line = (cells: string[]) => cells.map((cell, index) => cell.padEnd(widths[index]!)).join('  ');
  const mistakes = report.columns.flatMap((column) =>
    column.mistakes.map(
      (mistake) =>
        `  ${column.strategy}/${column.column}/${mistake.company}: expected ${JSON.stringify(mistake.expected)}, got ${mistake.error ? `error: ${mistake.error}` : JSON.stringify(mistake.answer)}`,
    ),
  );
  return [
    `Fathom research eval — web: ${report.web}; model: ${report.model}; search: ${report.search}`,
    '',
    line(header),
    ...rows.map(line),
    '',
    `overall: accuracy ${percent(report.overall.accuracy)} (${report.overall.correct}/${report.overall.cells}), citation validity ${percent(report.overall.citations.validity)} (${report.overall.citations.valid}/${report.overall.citations.total}), ${(report.durationMs / 1000).toFixed(1)} s`,
    ...(report.invalidCitations.length > 0
      ? [
          '',
          'invalid citations:',
          ...report.invalidCitations.map((item) => `  ${item.url} fetched=${item.wasFetched} occurs=${item.quoteOccurs}: ${item.quote}`),
        ]
      : []),
    ...(mistakes.length > 0 ? ['', 'wrong answers:', ...mistakes] : []),
  ].join('\n');
}
