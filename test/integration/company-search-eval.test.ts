import { describe, expect, it } from 'vitest';
import { formatCompanySearchEvalReport, runCompanySearchEval } from '../../eval/company-search/company-search-eval.ts';
import { buildCompanySearchSet } from '../../eval/company-search/company-search-set.ts';

// `npm run eval`'s company-search part: the labelled set indexed in SQLite, scored as users would read it.
describe('The company-search eval set', () => {
  it('is the size the issue asks for and the same on every run', () => {
    const set = buildCompanySearchSet();
    expect(set.companies.length).toBeGreaterThanOrEqual(300);
    expect(new Set(set.companies.map((company) => company.industry)).size).toBeGreaterThanOrEqual(15);
    expect(new Set(set.companies.map((company) => company.country)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(set.companies.map((company) => company.domain)).size).toBe(set.companies.length);
    expect(set.queries.length).toBeGreaterThanOrEqual(40);
    expect(set.seeds.length).toBeGreaterThanOrEqual(15);
    for (const judged of [...set.queries, ...set.seeds]) expect([...judged.grades.values()].some((grade) => grade === 2)).toBe(true);
    expect(JSON.stringify(buildCompanySearchSet().companies)).toBe(JSON.stringify(set.companies));
  });

  it('scores lexical search at nDCG@10 >= 0.6 and lookalikes above it', async () => {
    const report = await runCompanySearchEval();
    expect(report.companies).toBeGreaterThanOrEqual(300);
    expect(report.search.ndcgAt10, formatCompanySearchEvalReport(report)).toBeGreaterThanOrEqual(0.6);
    expect(report.search.recallAt50).toBeGreaterThan(0.5);
    expect(report.lookalike.ndcgAt10).toBeGreaterThanOrEqual(0.6);
    expect(formatCompanySearchEvalReport(report)).toMatch(/search, lexical\s+nDCG@10 \d\.\d{3}\s+recall@50 \d\.\d{3}/);
    // Hybrid: every answer fused text and vector ranks (vectors from the stand-in's /v1/embeddings via profile.embed).
    expect(report.hybrid?.rankings).toEqual(['hybrid']);
    expect(report.hybrid!.search.ndcgAt10, formatCompanySearchEvalReport(report)).toBeGreaterThanOrEqual(0.6);
    expect(report.hybrid!.search.recallAt50).toBeGreaterThanOrEqual(report.search.recallAt50);
    expect(formatCompanySearchEvalReport(report)).toMatch(/search, hybrid\s+nDCG@10 \d\.\d{3}\s+recall@50 \d\.\d{3}/);
  }, 60_000);
});
