/** Deep Search (contract §5): a task that finds companies matching a query and grades them. */
import type { TaskSpend } from '../cost/task-spend.ts';
import type { TaskBudget } from '../task-budget.ts';

export const DISCOVERY_STATUSES = ['created', 'in_progress', 'done', 'failed'] as const;
export type DiscoveryStatus = (typeof DISCOVERY_STATUSES)[number];

export const DISCOVERY_DATA_SOURCES = ['web_search', 'linkedin', 'maps', 'extruct_db'] as const;
export type DiscoveryDataSource = (typeof DISCOVERY_DATA_SOURCES)[number];

/** Most results one task may hold (§5.1), and most excluded domains (§5.2). */
export const MAX_DISCOVERY_RESULTS = 250;
export const MAX_EXCLUDED_DOMAINS = 1_000;

export interface DiscoveryCriterion {
  key: string;
  name: string;
  criterion: string;
}

export interface DiscoveryTableLink {
  id: string;
  run: boolean;
  columns: string[];
  autoImport: boolean;
}

/** Counters, plus tokens, dollars and cache savings in the same terms as a run's (TaskSpend). */
export interface DiscoveryUsage extends TaskSpend {
  modelCalls: number;
  searches: number;
  pageReads: number;
}

export interface DiscoveryTask {
  id: string;
  workspaceId: string;
  ownerId: string;
  query: string;
  desiredNumResults: number;
  criteria: DiscoveryCriterion[];
  autoDataSources: boolean;
  dataSources: DiscoveryDataSource[];
  table: DiscoveryTableLink | null;
  excludeDomains: string[];
  status: DiscoveryStatus;
  isExhausted: boolean;
  isPaused: boolean;
  /** Planned search queries already sent; the next round starts after them. */
  queriesUsed: number;
  failureReason: string | null;
  usage: DiscoveryUsage;
  createdAt: string;
  updatedAt: string;
  /** Spending limit (extension), or null. */
  budget: TaskBudget | null;
  /** Why the task stopped short of its target (the budget), shown as an extension. */
  degradationReasons: string[];
  /** The criteria are the query-restating placeholder; the discover stage drafts real ones with a model. */
  criteriaPending: boolean;
}

/** §5.1's four counters, counted from the candidates. */
export interface DiscoveryCounters {
  discovered: number;
  enriched: number;
  evaluated: number;
  /** Evaluated and high-fit. */
  results: number;
  /** Discovered but not yet queued for evaluation (kept for resume). */
  waiting: number;
  /** Queued or enriched: evaluation still to come. */
  inFlight: number;
  /** Queued for evaluation, not yet enriched. */
  queued: number;
  /** Evaluated but not yet added to the linked table (its import is still to come). */
  awaitingImport: number;
  rejected: number;
}

export interface CriterionScore {
  grade: number;
  explanation: string;
  sources: string[];
}

export const CANDIDATE_STATUSES = ['discovered', 'queued', 'enriched', 'evaluated', 'rejected'] as const;
export type CandidateStatus = (typeof CANDIDATE_STATUSES)[number];

export interface DiscoveryCandidate {
  id: string;
  taskId: string;
  domain: string;
  name: string | null;
  website: string | null;
  source: DiscoveryDataSource;
  sourceUrl: string | null;
  status: CandidateStatus;
  companyProfileId: string | null;
  description: string | null;
  scores: Record<string, CriterionScore> | null;
  relevance: number | null;
  isHighFit: boolean;
  rejectedBecause: string | null;
  importedRowId: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * High-fit (§5.1): at least 75 % of the criteria graded 4 or 5. A task without criteria has no
 * high-fit test to fail, so every evaluated company counts.
 */
export function isHighFit(scores: Record<string, CriterionScore>, criteria: readonly DiscoveryCriterion[]): boolean {
  if (criteria.length === 0) return true;
  const strong = criteria.filter((criterion) => (scores[criterion.key]?.grade ?? 0) >= 4).length;
  return strong / criteria.length >= 0.75;
}

/**
 * Relevance 0–100 (§5.5, INFERENCE): the mean grade mapped from 1–5 onto 0–100, so a company
 * graded 5 on everything scores 100 and one graded 1 on everything 0.
 */
export function relevanceOf(scores: Record<string, CriterionScore>, criteria: readonly DiscoveryCriterion[]): number {
  if (criteria.length === 0) return 100;
  const total = criteria.reduce((sum, criterion) => sum + (scores[criterion.key]?.grade ?? 1), 0);
  return Math.round(((total / criteria.length - 1) / 4) * 100);
}

/** How many more companies the task must evaluate to reach its target. */
export function remainingToEvaluate(task: Pick<DiscoveryTask, 'desiredNumResults'>, counters: Pick<DiscoveryCounters, 'evaluated' | 'inFlight'>): number {
  return Math.max(0, task.desiredNumResults - counters.evaluated - counters.inFlight);
}
