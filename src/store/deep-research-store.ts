import type { DeepResearchFinding, DeepResearchReport, DeepResearchTask, DeepResearchUsage } from '../domain/deep-research/deep-research-task.ts';

export interface DeepResearchTaskPatch {
  status?: DeepResearchTask['status'];
  failureReason?: string | null;
  report?: DeepResearchReport | null;
  target?: { name: string | null; website: string | null } | null;
}

/** Deep Research tasks and their findings (one per sub-question). */
export interface DeepResearchStore {
  insertDeepResearchTask(task: DeepResearchTask): Promise<void>;
  /** A task of this workspace (another workspace's id looks unknown). */
  findDeepResearchTask(workspaceId: string, taskId: string): Promise<DeepResearchTask | undefined>;
  /** The planner's target of a task, if planning has run. */
  findDeepResearchTarget(taskId: string): Promise<{ name: string | null; website: string | null } | null>;
  /** Newest first. */
  listDeepResearchTasks(workspaceId: string, page: { offset: number; limit: number }): Promise<DeepResearchTask[]>;
  updateDeepResearchTask(taskId: string, patch: DeepResearchTaskPatch, now: string): Promise<void>;
  /** Add usage, analysis steps and degradation notes to the task in one statement per call. */
  noteDeepResearchProgress(taskId: string, progress: { usage?: Partial<DeepResearchUsage>; iterations?: number; degradationReasons?: string[] }): Promise<void>;
  /** Insert the sub-questions; positions already there are kept (planning run twice). */
  insertDeepResearchFindings(findings: DeepResearchFinding[]): Promise<void>;
  /** By position. */
  listDeepResearchFindings(taskId: string): Promise<DeepResearchFinding[]>;
  /** Record an agent's outcome and count it as an iteration; false when the finding had already ended (a job run twice). */
  finishDeepResearchFinding(
    findingId: string,
    outcome: { status: 'done' | 'failed'; answer: string | null; excerpts: DeepResearchFinding['excerpts']; error: string | null },
    now: string,
  ): Promise<boolean>;
}
