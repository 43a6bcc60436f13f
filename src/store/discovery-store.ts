import type {
  DiscoveryCriterion,
  CandidateStatus,
  CriterionScore,
  DiscoveryCandidate,
  DiscoveryCounters,
  DiscoveryDataSource,
  DiscoveryTask,
  DiscoveryUsage,
} from '../domain/discovery/discovery-task.ts';

/** A company a source named, before it is known to be new to the task. */
export interface NewCandidate {
  id: string;
  domain: string;
  name: string | null;
  /** The company's site as the source gave it. */
  website: string | null;
  source: DiscoveryDataSource;
  sourceUrl: string | null;
}

export interface DiscoveryTaskPatch {
  status?: DiscoveryTask['status'];
  isExhausted?: boolean;
  isPaused?: boolean;
  queriesUsed?: number;
  desiredNumResults?: number;
  failureReason?: string | null;
  criteria?: DiscoveryCriterion[];
  criteriaPending?: boolean;
  degradationReasons?: string[];
}

/** Discovery tasks and their candidates. Candidate statuses only move forward. */
export interface DiscoveryStore {
  insertDiscoveryTask(task: DiscoveryTask): Promise<void>;
  /** A task of this workspace (another workspace's id looks unknown). */
  findDiscoveryTask(workspaceId: string, taskId: string): Promise<DiscoveryTask | undefined>;
  /** Newest first. */
  listDiscoveryTasks(workspaceId: string, page: { offset: number; limit: number }): Promise<DiscoveryTask[]>;
  updateDiscoveryTask(taskId: string, patch: DiscoveryTaskPatch, now: string): Promise<void>;
  /** Add to the task's usage counters. */
  addDiscoveryUsage(taskId: string, usage: Partial<DiscoveryUsage>): Promise<void>;
  countDiscoveryCandidates(taskId: string): Promise<DiscoveryCounters>;
  /** Insert candidates whose domain the task has not seen; returns those inserted. */
  insertDiscoveryCandidates(taskId: string, candidates: NewCandidate[], now: string): Promise<NewCandidate[]>;
  /** Move up to `limit` discovered candidates to queued, oldest first; returns them. */
  queueDiscoveredCandidates(taskId: string, limit: number, now: string): Promise<DiscoveryCandidate[]>;
  findDiscoveryCandidate(taskId: string, candidateId: string): Promise<DiscoveryCandidate | undefined>;
  /** Move a candidate from `from` to its next state; false when it was not in `from` (another attempt got there first). */
  advanceDiscoveryCandidate(
    candidateId: string,
    from: CandidateStatus[],
    patch: {
      status: CandidateStatus;
      name?: string | null;
      companyProfileId?: string | null;
      description?: string | null;
      scores?: Record<string, CriterionScore>;
      relevance?: number;
      isHighFit?: boolean;
      rejectedBecause?: string | null;
    },
    now: string,
  ): Promise<boolean>;
  /** Evaluated candidates, by relevance then age. */
  listDiscoveryResults(taskId: string, page: { offset: number; limit: number }): Promise<DiscoveryCandidate[]>;
  /** Domains of every evaluated candidate of these tasks (for exclusions). */
  listEvaluatedDomains(taskIds: string[]): Promise<string[]>;
  /** Record the table row a candidate was imported as; false when it already had one. */
  markCandidateImported(candidateId: string, rowId: string): Promise<boolean>;
}
