import { describe, expect, it } from 'vitest';
import { formatEvalReport } from '../../eval/eval-report.ts';
import { runResearchEval } from '../../eval/research-eval.ts';
import { EVAL_COLUMNS, EVAL_COMPANIES } from '../../eval/research-eval-set.ts';

// `npm run eval` as CI runs it: the fixture web, the scripted reader, the search stand-in.
describe('The research eval on the fixture web', () => {
  it('scores every labeled cell under both strategies, with every citation valid', async () => {
    const report = await runResearchEval();
    expect(report.columns).toHaveLength(EVAL_COLUMNS.length * 2);
    for (const column of report.columns) {
      expect(column).toMatchObject({
        strategy: expect.stringMatching(/^(company_site|web_search)$/),
        cells: EVAL_COMPANIES.length,
        citations: { validity: 1 },
        cost: { inputTokens: expect.any(Number), outputTokens: expect.any(Number), modelCalls: expect.any(Number) },
        latency: { p50Ms: expect.any(Number), p95Ms: expect.any(Number) },
      });
      expect(column.cost.modelCalls, column.column).toBeGreaterThanOrEqual(column.cells);
      expect(column.correct + column.mistakes.length).toBe(column.cells);
    }
    expect(report.overall.cells).toBe(EVAL_COLUMNS.length * EVAL_COMPANIES.length * 2);
    expect(report.overall.citations.total).toBeGreaterThan(40);
    expect(report.overall.citations.validity).toBe(1);
    expect(report.invalidCitations).toEqual([]);
    // The scripted reader cannot reach a page that never answers, nor read "runs the company" as CEO; it gets the rest.
    expect(report.overall.accuracy).toBeGreaterThan(0.9);
    const printed = formatEvalReport(report);
    expect(printed).toContain('citation validity 100.0%');
    expect(printed).toMatch(/web_search\s+ceo\s+research_reasoning/);
  }, 120_000);
});
