import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizeSearchFilters } from '../../src/domain/company-search/search-filters.ts';
import { companyNameKey } from '../../src/domain/company-identifier.ts';
import { createEmbeddingProvider } from '../../src/providers/embedding/create-embedding-provider.ts';
import { searchCompanies, similarCompanies, type HybridSearch } from '../../src/services/company-search/company-search-service.ts';
import { createHybridSearch } from '../../src/services/company-search/hybrid-search.ts';
import { createStore } from '../../src/store/kysely-store.ts';
import { openDatabase } from '../../src/store/open-database.ts';
import type { CompanyProfileRecord, Store } from '../../src/store/store.ts';
import { startOpenAiCompatibleServer } from '../../test/fixtures/openai-compatible-server/index.ts';
import { buildCompanySearchSet, type CompanySearchSet } from './company-search-set.ts';
import { embedWorkspace } from './embed-workspace.ts';
import { ndcgAt, recallAt } from './ranking-metrics.ts';

export interface RankingScores {
  ndcgAt10: number;
  recallAt50: number;
  count: number;
}

export interface CompanySearchEvalReport {
  companies: number;
  search: RankingScores;
  lookalike: RankingScores;
  /** The five queries that scored lowest, to read when tuning. */
  weakest: Array<{ q: string; ndcgAt10: number }>;
  /** With vectors (the OpenAI-compatible stand-in's `/v1/embeddings`, through the `profile.embed` job). */
  hybrid: { model: string; search: RankingScores; lookalike: RankingScores; rankings: string[] } | null;
}

const WORKSPACE = 'eval-workspace';
const NO_FILTERS = (() => {
  const normalized = normalizeSearchFilters(undefined, []);
  if (!normalized.ok) throw new Error('empty filters must normalise');
  return normalized.filters;
})();

const EVAL_EMBEDDING_MODEL = 'standin-embedding-256';

/**
 * Index the set in a fresh SQLite database and score search and lookalikes on it: lexical, then
 * hybrid once the `profile.embed` job has embedded the set through the OpenAI-compatible
 * stand-in's `/v1/embeddings` (the same code path a server with FATHOM_EMBEDDING_MODEL runs).
 */
export async function runCompanySearchEval(set: CompanySearchSet = buildCompanySearchSet()): Promise<CompanySearchEvalReport> {
  const directory = mkdtempSync(join(tmpdir(), 'fathom-search-eval-'));
  const database = await openDatabase({ engine: 'sqlite', path: join(directory, 'eval.db') });
  const embeddings = await startOpenAiCompatibleServer();
  try {
    const store = createStore(database);
    const stored = await store.saveCompanyProfiles(set.companies.map(toProfile));
    const byDomain = new Map(stored.map((profile) => [profile.domain, profile]));
    const lexical = await scoreSet(store, set, byDomain, undefined);
    const choice = createEmbeddingProvider({ ...EVAL_LLM_SETTINGS, baseUrl: embeddings.baseUrl }, EVAL_EMBEDDING_MODEL);
    if ('problem' in choice) throw new Error(choice.problem);
    await embedWorkspace(store, choice.provider, WORKSPACE);
    const hybrid = await scoreSet(store, set, byDomain, createHybridSearch(store, choice.provider));
    return {
      companies: stored.length,
      search: lexical.search,
      lookalike: lexical.lookalike,
      weakest: lexical.weakest,
      hybrid: { model: EVAL_EMBEDDING_MODEL, search: hybrid.search, lookalike: hybrid.lookalike, rankings: hybrid.rankings },
    };
  } finally {
    await embeddings.close();
    await database.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

const EVAL_LLM_SETTINGS = {
  provider: 'openai-compatible' as const,
  concurrency: 4,
  requestsPerMinute: 0,
  tokensPerMinute: 0,
  timeoutMs: 10_000,
  maxRetries: 0,
  cacheTtlMs: 0,
};

async function scoreSet(store: Store, set: CompanySearchSet, byDomain: Map<string, CompanyProfileRecord>, hybrid: HybridSearch | undefined) {
  const searchScores = [];
  const rankings = new Set<string>();
  for (const query of set.queries) {
    const ranked = await searchCompanies(store, WORKSPACE, { q: query.q, filters: NO_FILTERS, page: { offset: 0, limit: 50 } }, hybrid);
    rankings.add(ranked.ranking.ranking);
    const domains = ranked.results.map((result) => result.profile.domain);
    searchScores.push({ q: query.q, ndcgAt10: ndcgAt(10, domains, query.grades), recallAt50: recallAt(50, domains, query.grades) });
  }
  const lookalikeScores = [];
  for (const seed of set.seeds) {
    const ranked = await similarCompanies(store, byDomain.get(seed.domain)!, { filters: NO_FILTERS, page: { offset: 0, limit: 50 } }, hybrid);
    rankings.add(ranked.ranking.ranking);
    const domains = ranked.results.map((result) => result.profile.domain);
    lookalikeScores.push({ ndcgAt10: ndcgAt(10, domains, seed.grades), recallAt50: recallAt(50, domains, seed.grades) });
  }
  return {
    search: mean(searchScores),
    lookalike: mean(lookalikeScores),
    rankings: [...rankings],
    weakest: [...searchScores]
      .sort((a, b) => a.ndcgAt10 - b.ndcgAt10)
      .slice(0, 5)
      .map(({ q, ndcgAt10 }) => ({ q, ndcgAt10 })),
  };
}

export function formatCompanySearchEvalReport(report: CompanySearchEvalReport): string {
  const line = (label: string, scores: RankingScores) =>
    `  ${label.padEnd(22)} nDCG@10 ${scores.ndcgAt10.toFixed(3)}   recall@50 ${scores.recallAt50.toFixed(3)}   (${scores.count})`;
  return [
    `Company search set: ${report.companies} companies`,
    line('search, lexical', report.search),
    line('lookalike, lexical', report.lookalike),
    ...(report.hybrid
      ? [
          line('search, hybrid', report.hybrid.search),
          line('lookalike, hybrid', report.hybrid.lookalike),
          `  hybrid vectors: ${report.hybrid.model} (stand-in /v1/embeddings, 256 dimensions)`,
        ]
      : []),
    `  weakest queries: ${report.weakest.map((entry) => `"${entry.q}" ${entry.ndcgAt10.toFixed(2)}`).join('; ')}`,
  ].join('\n');
}

function mean(scores: Array<{ ndcgAt10: number; recallAt50: number }>): RankingScores {
  const total = (key: 'ndcgAt10' | 'recallAt50') => scores.reduce((sum, score) => sum + score[key], 0) / Math.max(1, scores.length);
  return { ndcgAt10: total('ndcgAt10'), recallAt50: total('recallAt50'), count: scores.length };
}

function toProfile(company: CompanySearchSet['companies'][number], index: number): CompanyProfileRecord {
  const time = new Date(Date.UTC(2026, 11, 6, 0, 0, index)).toISOString();
  return {
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    workspaceId: WORKSPACE,
    domain: company.domain,
    name: company.name,
    nameKey: companyNameKey(company.name),
    website: `https://${company.domain}/`,
    fields: company.fields,
    sources: ['import:eval'],
    asOf: time,
    createdAt: time,
    updatedAt: time,
  };
}
