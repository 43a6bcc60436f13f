import type { Logger } from 'pino';
import { z } from 'zod';
import {
  type DiscoveryCandidate,
  type DiscoveryCriterion,
  type DiscoveryTask,
  isHighFit,
  relevanceOf,
  remainingToEvaluate,
} from '../../domain/discovery/discovery-task.ts';
import {
  type AnsweredCall,
  addTaskSpend,
  NO_TASK_SPEND,
  spendOfCalls,
  spendOfCellValueForTask,
  spendOfSearches,
  type TaskPricing,
  type TaskSpend,
} from '../../domain/cost/task-spend.ts';
import { AppError } from '../../domain/errors.ts';
import { budgetReached } from '../../domain/task-budget.ts';
import { uuidV7 } from '../../domain/uuid-v7.ts';
import type { ExecutorRegistry } from '../../engine/cell-executor.ts';
import type { JobContext, JobKind } from '../../engine/jobs/job-kind.ts';
import { DISCOVER_JOB } from '../../services/discovery-service.ts';
import type { CompanyProfileStore } from '../../store/company-profile-store.ts';
import type { DiscoveryStore } from '../../store/discovery-store.ts';
import type { CompanyProfileResolver } from '../company/company-profile-resolver.ts';
import { CandidateRejection, enrichCandidate, gradeCandidate } from './candidate-evaluation.ts';
import type { CandidateSource, SourceUsage } from './candidate-source.ts';

export const EVALUATE_JOB = 'discovery.evaluate';

/** What the discovery stages run on; null parts explain themselves in `problem`. */
export interface DiscoveryTools {
  store: DiscoveryStore & Pick<CompanyProfileStore, 'findCompanyProfile'>;
  /** Candidate sources by data source; empty when none is configured. */
  sources: CandidateSource[];
  profiles: CompanyProfileResolver;
  executors: ExecutorRegistry;
  /** Add an evaluated company to the task's linked table (`table.auto_import`); idempotent. */
  importResult(task: DiscoveryTask, candidate: DiscoveryCandidate): Promise<unknown>;
  /** Criteria from the query (2–4, or null to keep the placeholder); null when no model is configured. */
  draftCriteria:
    | ((
        query: string,
        call: { signal: AbortSignal; cacheScope: string },
      ) => Promise<{ criteria: DiscoveryCriterion[] | null; modelCalls: number; calls: AnsweredCall[] }>)
    | null;
  /** Why discovery cannot run here (no model, no search provider), or null. */
  problem: string | null;
  /** Prices the task's calls and searches as they end (the run cells' price table). */
  pricing: TaskPricing;
  logger: Logger;
  now?: () => number;
}

/** A source round's tokens and dollars: its model calls at their models, its searches at the search provider. */
function roundSpend(tools: DiscoveryTools, usage: SourceUsage): TaskSpend {
  return addTaskSpend(spendOfCalls(usage.calls, tools.pricing.prices), spendOfSearches(usage.searches, tools.pricing.prices, tools.pricing.searchProvider));
}

const TaskPayload = z.object({ taskId: z.string().min(1) });
const CandidatePayload = z.object({ taskId: z.string().min(1), candidateId: z.string().min(1) });

/**
 * Deep Search's stages as engine jobs. `discover` runs one round of the task's sources (one
 * search query: results read, companies mined, resolved to registered domains, exclusions and
 * duplicates dropped), queues as many candidates as the target still needs for `evaluate`, and
 * queues itself again while the target is not covered and the sources are not exhausted.
 * `evaluate` enriches one candidate (the shared company profile) and grades it on every
 * criterion. Both are idempotent: candidate states only move forward, fenced by their current
 * state, so a job run twice after a crash never evaluates a company twice.
 * `tools` is read when a job runs: an API-only process registers the kinds (to queue them) but
 * never runs them.
 */
export function createDiscoveryJobKinds(tools: () => DiscoveryTools | undefined): JobKind<unknown>[] {
  const discover: JobKind<z.infer<typeof TaskPayload>> = {
    name: DISCOVER_JOB,
    maxAttempts: 5,
    parsePayload: (raw) => TaskPayload.parse(raw),
    run: async (payload, context) => runDiscoverRound(requireTools(tools), payload.taskId, context),
  };
  const evaluate: JobKind<z.infer<typeof CandidatePayload>> = {
    name: EVALUATE_JOB,
    maxAttempts: 3,
    parsePayload: (raw) => CandidatePayload.parse(raw),
    run: async (payload, context) => evaluateCandidate(requireTools(tools), payload.taskId, payload.candidateId, context, evaluate.maxAttempts),
  };
  return [discover as JobKind<unknown>, evaluate as JobKind<unknown>];
}

function requireTools(tools: () => DiscoveryTools | undefined): DiscoveryTools {
  const found = tools();
  if (!found) throw new AppError('discovery_unavailable', 503, 'this process cannot run discovery jobs (it was started without agents)');
  return found;
}

function iso(tools: DiscoveryTools): string {
  return new Date((tools.now ?? Date.now)()).toISOString();
}

async function loadTask(tools: DiscoveryTools, workspaceId: string, taskId: string): Promise<DiscoveryTask | undefined> {
  return tools.store.findDiscoveryTask(workspaceId, taskId);
}

async function runDiscoverRound(tools: DiscoveryTools, taskId: string, context: JobContext): Promise<void> {
  let task = await loadTask(tools, context.workspaceId, taskId);
  if (!task || task.status === 'failed') return;
  if (tools.problem) {
    await tools.store.updateDiscoveryTask(task.id, { status: 'failed', failureReason: tools.problem }, iso(tools));
    return;
  }
  if (task.status === 'created') await tools.store.updateDiscoveryTask(task.id, { status: 'in_progress' }, iso(tools));
  if (task.criteriaPending) {
    await settleCriteria(tools, task, context);
    task = (await loadTask(tools, context.workspaceId, taskId)) ?? task;
  }
  if (task.isPaused) {
    await finishIfDrained(tools, task.id, context);
    return;
  }
  if (await stopIfOverBudget(tools, task)) {
    await finishIfDrained(tools, task.id, context);
    return;
  }
  // Candidates found by earlier rounds come first: a resume queues them before searching again.
  let counters = await tools.store.countDiscoveryCandidates(task.id);
  let needed = remainingToEvaluate(task, counters);
  needed -= await queueForEvaluation(tools, task, needed, context);
  let isExhausted = task.isExhausted;
  if (needed > 0 && !isExhausted) {
    // Every source the task names (all of them with auto_data_sources) runs its round; the
    // company index's candidates come first (no search, already profiled), duplicates of them
    // from the web are dropped by the (task, domain) index.
    const sources = tools.sources.filter((item) => task.autoDataSources || task.dataSources.includes(item.name));
    if (sources.length === 0) {
      await tools.store.updateDiscoveryTask(task.id, { isExhausted: true }, iso(tools));
      isExhausted = true;
    } else {
      const rounds = await Promise.all(sources.map((source) => source.nextRound(task, task.queriesUsed, { signal: context.signal })));
      const round = {
        candidates: rounds.flatMap((item) => item.candidates),
        isExhausted: rounds.every((item) => item.isExhausted),
        usage: {
          modelCalls: rounds.reduce((sum, item) => sum + item.usage.modelCalls, 0),
          searches: rounds.reduce((sum, item) => sum + item.usage.searches, 0),
          pageReads: rounds.reduce((sum, item) => sum + item.usage.pageReads, 0),
          calls: rounds.flatMap((item) => item.usage.calls),
        },
      };
      const excluded = new Set(task.excludeDomains);
      const fresh = round.candidates.filter((candidate) => !excluded.has(candidate.domain));
      await tools.store.insertDiscoveryCandidates(
        task.id,
        fresh.map((candidate) => ({ id: uuidV7(), ...candidate })),
        iso(tools),
      );
      const { modelCalls, searches, pageReads } = round.usage;
      await tools.store.addDiscoveryUsage(task.id, { modelCalls, searches, pageReads, ...roundSpend(tools, round.usage) });
      isExhausted = round.isExhausted;
      await tools.store.updateDiscoveryTask(task.id, { queriesUsed: task.queriesUsed + 1, isExhausted }, iso(tools));
      // The round itself may have spent the rest of the budget: then nothing more is queued.
      const afterRound = await loadTask(tools, context.workspaceId, taskId);
      if (afterRound && (await stopIfOverBudget(tools, afterRound))) {
        await finishIfDrained(tools, task.id, context);
        return;
      }
      needed -= await queueForEvaluation(tools, task, needed, context);
    }
  }
  counters = await tools.store.countDiscoveryCandidates(task.id);
  if (remainingToEvaluate(task, counters) > 0 && !isExhausted) await context.enqueue(DISCOVER_JOB, { taskId: task.id }, { dedupeKey: task.id });
  else await finishIfDrained(tools, task.id, context);
}

async function queueForEvaluation(tools: DiscoveryTools, task: DiscoveryTask, needed: number, context: JobContext): Promise<number> {
  if (needed <= 0) return 0;
  const queued = await tools.store.queueDiscoveredCandidates(task.id, needed, iso(tools));
  for (const candidate of queued)
    await context.enqueue(EVALUATE_JOB, { taskId: task.id, candidateId: candidate.id }, { dedupeKey: `${task.id}:${candidate.id}` });
  return queued.length;
}

async function evaluateCandidate(tools: DiscoveryTools, taskId: string, candidateId: string, context: JobContext, maxAttempts: number): Promise<void> {
  const task = await loadTask(tools, context.workspaceId, taskId);
  let candidate = await tools.store.findDiscoveryCandidate(taskId, candidateId);
  if (!task || !candidate || task.status === 'failed') return;
  try {
    if (candidate.status === 'queued' && (await stopIfOverBudget(tools, task))) {
      // Not started: back to the waiting pool (never counted as enriched), so the task can end.
      await tools.store.advanceDiscoveryCandidate(candidate.id, ['queued'], { status: 'discovered' }, iso(tools));
      return finishIfDrained(tools, task.id, context);
    }
    if (candidate.status === 'queued') {
      const { profile, modelCalls, responses } = await enrichCandidate(tools.profiles, task, candidate, context.signal);
      await tools.store.addDiscoveryUsage(task.id, { modelCalls, ...spendOfCalls(responses, tools.pricing.prices) });
      const description = typeof profile.fields.short_description === 'string' ? profile.fields.short_description : null;
      await tools.store.advanceDiscoveryCandidate(
        candidate.id,
        ['queued'],
        { status: 'enriched', name: profile.name ?? candidate.name, companyProfileId: profile.id, description },
        iso(tools),
      );
      candidate = await tools.store.findDiscoveryCandidate(taskId, candidateId);
    }
    if (candidate?.status === 'enriched') {
      // Grading is a new round of model calls: not started past the budget; the company stays enriched.
      const current = await loadTask(tools, context.workspaceId, taskId);
      if (current && (await stopIfOverBudget(tools, current))) return finishIfDrained(tools, task.id, context);
    }
    if (candidate?.status === 'enriched' && candidate.companyProfileId) {
      const profile = await tools.store.findCompanyProfile(task.workspaceId, candidate.companyProfileId);
      if (!profile) throw new CandidateRejection('its company profile disappeared');
      const { scores, modelCalls, cellValues } = await gradeCandidate(tools.executors, task, candidate, profile, {
        signal: context.signal,
        attempt: context.attempt,
      });
      const spend = cellValues
        .map((value) => spendOfCellValueForTask(value, tools.pricing.prices, tools.pricing.searchProvider))
        .reduce(addTaskSpend, NO_TASK_SPEND);
      await tools.store.addDiscoveryUsage(task.id, { modelCalls, ...spend });
      await tools.store.advanceDiscoveryCandidate(
        candidate.id,
        ['enriched'],
        { status: 'evaluated', scores, relevance: relevanceOf(scores, task.criteria), isHighFit: isHighFit(scores, task.criteria) },
        iso(tools),
      );
    }
    // Imported after evaluation (and again by a retry if the import failed): never twice, see importResult.
    const evaluated = await tools.store.findDiscoveryCandidate(taskId, candidateId);
    if (evaluated?.status === 'evaluated' && task.table?.autoImport && !evaluated.importedRowId) await tools.importResult(task, evaluated);
  } catch (thrown) {
    if (context.signal.aborted) throw thrown;
    const error = thrown instanceof Error ? thrown : new Error(String(thrown));
    const isRetryable = !(error instanceof CandidateRejection) && ((error as { isRetryable?: boolean }).isRetryable ?? true);
    // A candidate that cannot be read (dead site, not a company) leaves the pool, so the task
    // still ends: retrying is for failures that may pass, and only while attempts remain.
    if (isRetryable && context.attempt < maxAttempts) throw error;
    const rejected = await tools.store.advanceDiscoveryCandidate(
      candidateId,
      ['queued', 'enriched'],
      { status: 'rejected', rejectedBecause: error.message },
      iso(tools),
    );
    if (rejected) tools.logger.info({ taskId, candidateId, domain: candidate?.domain, reason: error.message }, 'discovery-candidate-rejected');
    else if (task.table?.autoImport) {
      // Evaluated, but adding it to the table failed for good: give the import up ('' row id),
      // so the task can still end, and say so on the task.
      await tools.store.markCandidateImported(candidateId, '');
      const current = await loadTask(tools, context.workspaceId, taskId);
      const reason = `${candidate?.domain ?? candidateId} could not be added to table ${task.table.id}: ${error.message}`;
      if (current && !current.degradationReasons.includes(reason))
        await tools.store.updateDiscoveryTask(taskId, { degradationReasons: [...current.degradationReasons, reason] }, iso(tools));
      tools.logger.warn({ taskId, candidateId, reason: error.message }, 'discovery-import-given-up');
    }
  }
  // A rejection leaves the target short: ask discover for more; otherwise end the task once drained.
  const counters = await tools.store.countDiscoveryCandidates(task.id);
  const fresh = await loadTask(tools, context.workspaceId, taskId);
  if (fresh && remainingToEvaluate(fresh, counters) > 0 && !fresh.isExhausted && !fresh.isPaused)
    await context.enqueue(DISCOVER_JOB, { taskId: task.id }, { dedupeKey: task.id });
  else await finishIfDrained(tools, task.id, context);
}

/**
 * Criteria drafted by the model from the query, before any candidate is queued (so every company
 * is graded on the same criteria); here rather than at creation, which must not wait on a model.
 * A draft that fails or is unusable keeps the criterion restating the query. Settled once: the
 * update clears `criteriaPending`, so a job run twice does not draft again.
 */
async function settleCriteria(tools: DiscoveryTools, task: DiscoveryTask, context: JobContext): Promise<void> {
  let drafted: DiscoveryCriterion[] | null = null;
  if (tools.draftCriteria && !budgetReached(task.budget, task.usage)) {
    try {
      const outcome = await tools.draftCriteria(task.query, { signal: context.signal, cacheScope: task.workspaceId });
      await tools.store.addDiscoveryUsage(task.id, { modelCalls: outcome.modelCalls, ...spendOfCalls(outcome.calls, tools.pricing.prices) });
      drafted = outcome.criteria;
    } catch (thrown) {
      if (context.signal.aborted) throw thrown;
      const isRetryable = (thrown as { isRetryable?: boolean }).isRetryable ?? true;
      if (isRetryable && context.attempt < 3) throw thrown;
      tools.logger.warn({ taskId: task.id, err: thrown }, 'discovery-criteria-draft-failed');
    }
  }
  await tools.store.updateDiscoveryTask(task.id, { criteriaPending: false, ...(drafted ? { criteria: drafted } : {}) }, iso(tools));
}

/**
 * True when the task's budget is used up; the reason is then recorded once on the task. Read
 * from the task as loaded, so its usage is what the stages recorded so far.
 */
async function stopIfOverBudget(tools: DiscoveryTools, task: DiscoveryTask): Promise<boolean> {
  const reason = budgetReached(task.budget, task.usage);
  if (!reason) return false;
  if (!task.degradationReasons.includes(reason))
    await tools.store.updateDiscoveryTask(task.id, { degradationReasons: [...task.degradationReasons, reason] }, iso(tools));
  return true;
}

/**
 * `status: done` only when evaluation has drained (§5.1): nothing queued or enriched is left.
 * Once the budget is reached, done as soon as nothing is queued: companies already enriched stay
 * enriched (grading them would start new model calls), and a grade already running still lands.
 */
async function finishIfDrained(tools: DiscoveryTools, taskId: string, context: JobContext): Promise<void> {
  const task = await loadTask(tools, context.workspaceId, taskId);
  if (!task || task.status === 'done' || task.status === 'failed') return;
  const counters = await tools.store.countDiscoveryCandidates(taskId);
  // An evaluated company is added to the linked table after its evaluation is stored: the job
  // adding it ends the task, so a reader never sees a done task whose table lacks a result.
  if (task.table?.autoImport && counters.awaitingImport > 0) return;
  if (budgetReached(task.budget, task.usage)) {
    if (counters.queued > 0) return;
    await tools.store.updateDiscoveryTask(taskId, { status: 'done' }, iso(tools));
    tools.logger.info({ taskId, evaluated: counters.evaluated, results: counters.results, usage: task.usage }, 'discovery-task-stopped-by-budget');
    return;
  }
  if (counters.inFlight > 0) return;
  if (remainingToEvaluate(task, counters) > 0 && !task.isExhausted && !task.isPaused) return;
  await tools.store.updateDiscoveryTask(taskId, { status: 'done' }, iso(tools));
  tools.logger.info({ taskId, evaluated: counters.evaluated, results: counters.results }, 'discovery-task-done');
}
