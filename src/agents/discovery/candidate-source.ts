import type { AnsweredCall } from '../../domain/cost/task-spend.ts';
import type { DiscoveryDataSource, DiscoveryTask } from '../../domain/discovery/discovery-task.ts';

/** A company a source named, with where it was seen. */
export interface FoundCandidate {
  name: string | null;
  /** Registrable domain of the company's own site. */
  domain: string;
  /** The company's site as the source gave it (a home page to read). */
  website: string | null;
  source: DiscoveryDataSource;
  sourceUrl: string | null;
}

/** What one round of a source cost, for the task's usage. */
export interface SourceUsage {
  modelCalls: number;
  searches: number;
  pageReads: number;
  /** The model calls as answered (cached ones too), which the task's tokens and cost are priced from. */
  calls: AnsweredCall[];
}

export interface SourceRound {
  candidates: FoundCandidate[];
  /** This source has nothing more to offer the task. */
  isExhausted: boolean;
  usage: SourceUsage;
}

/**
 * Where discovery finds companies. Each call is one round (one search query, one index page…);
 * `round` counts the rounds this source already ran for the task, so a resumed task continues.
 * The workspace's company index (`POST /v1/companies/search`) can join as another source.
 */
export interface CandidateSource {
  readonly name: DiscoveryDataSource;
  nextRound(task: DiscoveryTask, round: number, call: { signal: AbortSignal }): Promise<SourceRound>;
}
