import type { Logger } from 'pino';
import { z } from 'zod';
import { AGENT_BUDGET, type DeepResearchTask, numberSources } from '../../domain/deep-research/deep-research-task.ts';
import { addTaskSpend, spendOfCalls, spendOfSearches, type TaskPricing } from '../../domain/cost/task-spend.ts';
import { AppError } from '../../domain/errors.ts';
import { budgetReached } from '../../domain/task-budget.ts';
import { uuidV7 } from '../../domain/uuid-v7.ts';
import { PermanentCellError } from '../../engine/cell-executor.ts';
import type { JobContext, JobKind } from '../../engine/jobs/job-kind.ts';
import type { LlmResponse } from '../../providers/spec/llm.ts';
import { PLAN_RESEARCH_JOB } from '../../services/deep-research-service.ts';
import type { DeepResearchStore } from '../../store/deep-research-store.ts';
import { type ResearchTools, runResearch } from '../research/research-run.ts';
import type { ResearchBudget } from '../research/research-settings.ts';
import { planResearch } from './research-planner.ts';
import { SchemaReportError, writeMarkdownReport, writeSchemaReport } from './report-writer.ts';

export const RESEARCH_AGENT_JOB = 'deep_research.agent';
export const WRITE_REPORT_JOB = 'deep_research.write';

/** The error of a finding whose agent never ran because the task's budget was used up. */
const NOT_RESEARCHED = 'not researched: ';

/** What the Deep Research stages run on. */
export interface DeepResearchTools {
  store: DeepResearchStore;
  /** Null when no model is configured (`problem` says why). */
  research: ResearchTools | null;
  /** The budget of one research agent (the research columns' budget). */
  agentBudget: ResearchBudget;
  /** Why deep research cannot run here (no model), or null. */
  problem: string | null;
  /** Prices the task's calls and searches as they end (the run cells' price table). */
  pricing: TaskPricing;
  logger: Logger;
  now?: () => number;
}

const TaskPayload = z.object({ taskId: z.string().min(1) });
const FindingPayload = z.object({ taskId: z.string().min(1), findingId: z.string().min(1) });

/** What these calls (and searches) cost the task, priced at the model that answered each. */
function usageOf(tools: DeepResearchTools, responses: readonly LlmResponse[], searches = 0) {
  const billed = responses.filter((response) => !response.cached);
  const spend = addTaskSpend(spendOfCalls(responses, tools.pricing.prices), spendOfSearches(searches, tools.pricing.prices, tools.pricing.searchProvider));
  return { modelCalls: billed.length, tokens: billed.reduce((sum, response) => sum + response.usage.totalTokens, 0), searches, ...spend };
}

/**
 * Deep Research as engine jobs: `plan` (one model call: target and sub-questions, or a failure
 * with suggestions), one `agent` job per sub-question (the research columns' loop, its own
 * budget), and `write` once every agent has ended. Each is idempotent: findings end once, the
 * report is written only while the task is in progress.
 */
export function createDeepResearchJobKinds(tools: () => DeepResearchTools | undefined): JobKind<unknown>[] {
  const plan: JobKind<z.infer<typeof TaskPayload>> = {
    name: PLAN_RESEARCH_JOB,
    maxAttempts: 3,
    parsePayload: (raw) => TaskPayload.parse(raw),
    run: async (payload, context) => runPlan(requireTools(tools), payload.taskId, context, plan.maxAttempts),
  };
  const agent: JobKind<z.infer<typeof FindingPayload>> = {
    name: RESEARCH_AGENT_JOB,
    maxAttempts: 3,
    parsePayload: (raw) => FindingPayload.parse(raw),
    run: async (payload, context) => runAgent(requireTools(tools), payload, context, agent.maxAttempts),
  };
  const write: JobKind<z.infer<typeof TaskPayload>> = {
    name: WRITE_REPORT_JOB,
    maxAttempts: 3,
    parsePayload: (raw) => TaskPayload.parse(raw),
    run: async (payload, context) => runWrite(requireTools(tools), payload.taskId, context, write.maxAttempts),
  };
  return [plan as JobKind<unknown>, agent as JobKind<unknown>, write as JobKind<unknown>];
}

type ReadyTools = DeepResearchTools & { research: ResearchTools };

function requireTools(tools: () => DeepResearchTools | undefined): DeepResearchTools {
  const found = tools();
  if (!found) throw new AppError('deep_research_unavailable', 503, 'this process cannot run deep research jobs (it was started without agents)');
  return found;
}

/** The tools with a model, or the task failed with the reason there is none. */
async function readyTools(tools: DeepResearchTools, task: DeepResearchTask): Promise<ReadyTools | undefined> {
  if (tools.research && !tools.problem) return tools as ReadyTools;
  await fail(tools, task, tools.problem ?? 'Deep Research needs a model: set FATHOM_LLM_PROVIDER');
  return undefined;
}

function iso(tools: DeepResearchTools): string {
  return new Date((tools.now ?? Date.now)()).toISOString();
}

async function fail(tools: DeepResearchTools, task: DeepResearchTask, reason: string): Promise<void> {
  await tools.store.updateDeepResearchTask(task.id, { status: 'failed', failureReason: reason }, iso(tools));
  tools.logger.info({ taskId: task.id, reason }, 'deep-research-failed');
}

async function runPlan(tools: DeepResearchTools, taskId: string, context: JobContext, maxAttempts: number): Promise<void> {
  const task = await tools.store.findDeepResearchTask(context.workspaceId, taskId);
  if (task?.status !== 'created') return;
  const ready = await readyTools(tools, task);
  if (!ready) return;
  const budget = AGENT_BUDGET[task.depth];
  let plan: Awaited<ReturnType<typeof planResearch>>;
  try {
    plan = await planResearch(ready.research.provider, task.brief, budget, { signal: context.signal, cacheScope: context.workspaceId });
  } catch (thrown) {
    // A task must end: a model failure that will not pass (or the last attempt) fails it with the reason.
    const isRetryable = (thrown as { isRetryable?: boolean }).isRetryable ?? true;
    if (context.signal.aborted || (isRetryable && context.attempt < maxAttempts)) throw thrown;
    return fail(tools, task, `planning the research failed: ${thrown instanceof Error ? thrown.message : String(thrown)}`);
  }
  await tools.store.noteDeepResearchProgress(task.id, {
    usage: usageOf(tools, [plan.response]),
    iterations: 1,
    degradationReasons: plan.proposed > budget ? [`the plan had ${plan.proposed} sub-questions; the ${task.depth} depth allows ${budget} research agents`] : [],
  });
  if (!plan.ok) {
    const suggestions = plan.suggestions.length > 0 ? ` Try instead: ${plan.suggestions.map((item) => `"${item}"`).join('; ')}.` : '';
    return fail(tools, task, `The brief cannot be researched: ${plan.problem}.${suggestions}`.replace('..', '.'));
  }
  const now = iso(tools);
  await tools.store.insertDeepResearchFindings(
    plan.subQuestions.map((question, position) => ({
      id: uuidV7(),
      taskId: task.id,
      position,
      question,
      status: 'queued' as const,
      answer: null,
      excerpts: [],
      error: null,
    })),
  );
  await tools.store.updateDeepResearchTask(task.id, { status: 'in_progress', target: plan.target }, now);
  // Re-read: a planning job run twice keeps the first run's findings (unique by position).
  for (const finding of await tools.store.listDeepResearchFindings(task.id))
    if (finding.status === 'queued')
      await context.enqueue(RESEARCH_AGENT_JOB, { taskId: task.id, findingId: finding.id }, { dedupeKey: `${task.id}:${finding.id}` });
}

async function runAgent(tools: DeepResearchTools, payload: z.infer<typeof FindingPayload>, context: JobContext, maxAttempts: number): Promise<void> {
  const task = await tools.store.findDeepResearchTask(context.workspaceId, payload.taskId);
  if (task?.status !== 'in_progress') return;
  const ready = await readyTools(tools, task);
  if (!ready) return;
  const finding = (await tools.store.listDeepResearchFindings(task.id)).find((item) => item.id === payload.findingId);
  if (finding?.status !== 'queued') return queueWriterWhenDone(tools, task, context);
  // The budget is checked before each agent starts (agents already running end): usage is
  // recorded when an agent ends, so the overshoot is bounded by the agents running at once.
  const current = (await tools.store.findDeepResearchTask(context.workspaceId, task.id)) ?? task;
  const overBudget = budgetReached(current.budget, current.usage);
  if (overBudget) {
    await tools.store.noteDeepResearchProgress(task.id, { degradationReasons: [overBudget] });
    await tools.store.finishDeepResearchFinding(
      finding.id,
      { status: 'failed', answer: null, excerpts: [], error: `${NOT_RESEARCHED}${overBudget}` },
      iso(tools),
    );
    return queueWriterWhenDone(tools, task, context);
  }
  const searchesLeft = current.budget?.searches == null ? Number.POSITIVE_INFINITY : current.budget.searches - current.usage.searches;
  const target = await tools.store.findDeepResearchTarget(task.id);
  let site = null;
  if (target?.website) {
    try {
      const url = new URL(target.website);
      site = { url: url.href, domain: url.hostname.replace(/^www\./, ''), name: target.name };
    } catch {
      site = null;
    }
  }
  try {
    const outcome = await runResearch(
      {
        task: finding.question,
        focus: finding.question,
        rowData: `target: ${target?.name ?? ''}${target?.website ? `\nwebsite: ${target.website}` : ''}`,
        format: 'text',
        options: {},
        site,
        steps: 2,
        // An agent never plans more searches than the task's budget has left.
        budget: { ...tools.agentBudget, maxSearches: Math.max(0, Math.min(tools.agentBudget.maxSearches, searchesLeft)) },
        purpose: 'deep_research',
      },
      ready.research,
      { signal: context.signal, runId: null, bypassCache: false, cacheScope: context.workspaceId },
    );
    await tools.store.noteDeepResearchProgress(task.id, {
      usage: { ...usageOf(tools, outcome.responses, outcome.searchCalls), pageFetches: outcome.pageFetches },
    });
    const found = !outcome.answer.isNotFound && outcome.answer.excerpts.length > 0;
    await tools.store.finishDeepResearchFinding(
      finding.id,
      {
        status: 'done',
        answer: found ? String(outcome.answer.answer) : null,
        excerpts: found ? outcome.answer.excerpts : [],
        error: found ? null : outcome.answer.explanation,
      },
      iso(tools),
    );
  } catch (thrown) {
    if (context.signal.aborted) throw thrown;
    const error = thrown instanceof Error ? thrown : new Error(String(thrown));
    if (!(error instanceof PermanentCellError) && ((error as { isRetryable?: boolean }).isRetryable ?? true) && context.attempt < maxAttempts) throw error;
    // A failed agent is a degradation, not the task's end: the report is written from the others.
    await tools.store.finishDeepResearchFinding(finding.id, { status: 'failed', answer: null, excerpts: [], error: error.message }, iso(tools));
  }
  await queueWriterWhenDone(tools, task, context);
}

async function queueWriterWhenDone(tools: DeepResearchTools, task: DeepResearchTask, context: JobContext): Promise<void> {
  const findings = await tools.store.listDeepResearchFindings(task.id);
  if (findings.some((finding) => finding.status === 'queued')) return;
  await context.enqueue(WRITE_REPORT_JOB, { taskId: task.id }, { dedupeKey: task.id });
}

async function runWrite(tools: DeepResearchTools, taskId: string, context: JobContext, maxAttempts: number): Promise<void> {
  const task = await tools.store.findDeepResearchTask(context.workspaceId, taskId);
  if (task?.status !== 'in_progress') return;
  const findings = await tools.store.listDeepResearchFindings(task.id);
  if (findings.some((finding) => finding.status === 'queued')) return;
  const answered = findings.filter((finding) => finding.status === 'done' && finding.answer !== null);
  const reasons = [
    ...task.degradationReasons,
    ...findings
      .filter((finding) => finding.status === 'failed' && !finding.error?.startsWith(NOT_RESEARCHED))
      .map((finding) => `the research agent for "${finding.question}" failed: ${finding.error ?? 'unknown error'}`),
    ...findings
      .filter((finding) => finding.status === 'failed' && finding.error?.startsWith(NOT_RESEARCHED))
      .map((finding) => `"${finding.question}" was not researched (${finding.error!.slice(NOT_RESEARCHED.length)})`),
    ...findings.filter((finding) => finding.status === 'done' && finding.answer === null).map((finding) => `no source answered "${finding.question}"`),
  ];
  if (answered.length === 0)
    return fail(
      tools,
      task,
      `No research agent found a source for the brief (${reasons.join('; ')}). Name the target's website in the brief, or ask narrower questions.`,
    );
  const ready = await readyTools(tools, task);
  if (!ready) return;
  const sources = numberSources(answered);
  const call = { signal: context.signal, cacheScope: context.workspaceId };
  try {
    const written = task.outputSchema
      ? await writeSchemaReport(
          ready.research.provider,
          { brief: task.brief, outputSchema: task.outputSchema, findings: answered, sources, degradationReasons: reasons },
          call,
        )
      : await writeMarkdownReport(ready.research.provider, { brief: task.brief, findings: answered, sources, degradationReasons: reasons }, call);
    await tools.store.noteDeepResearchProgress(task.id, { usage: usageOf(tools, written.responses), iterations: 1 });
    await tools.store.updateDeepResearchTask(task.id, { status: 'done', report: written.report }, iso(tools));
    tools.logger.info({ taskId, sources: sources.length }, 'deep-research-done');
  } catch (thrown) {
    if (context.signal.aborted) throw thrown;
    if (thrown instanceof SchemaReportError) return fail(tools, task, thrown.message);
    if (((thrown as { isRetryable?: boolean }).isRetryable ?? true) && context.attempt < maxAttempts) throw thrown;
    return fail(tools, task, `writing the report failed: ${thrown instanceof Error ? thrown.message : String(thrown)}`);
  }
}
