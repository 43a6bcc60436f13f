import type { OutputFormat, ParseOptions } from '../../domain/output-formats/index.ts';
import { PermanentCellError, type CellContext, type CellExecutor, type CellResult } from '../../engine/cell-executor.ts';
import type { LlmProvider } from '../../providers/spec/llm.ts';
import type { CompanyProfileStore } from '../../store/company-profile-store.ts';
import { rowDataBlock } from '../row-context.ts';
import { companySiteOfRow } from './company-site-of-row.ts';
import { researchCellValue } from './research-cell-value.ts';
import { runResearch, type ResearchTools } from './research-run.ts';
import { reasoningBudget, type ResearchSettings } from './research-settings.ts';

/** What the research agents are built from; one set per process, shared by every cell. */
export interface ResearchAgentDependencies {
  /** The everyday model (`research_pro`, `research`, `criterion_grade`). */
  provider: LlmProvider;
  /** The reasoning model (`research_reasoning`). */
  reasoningProvider: LlmProvider;
  /** Why no model can be called, when none is configured; research cells then fail at once. */
  llmProblem: string | null;
  tools: Omit<ResearchTools, 'provider'>;
  settings: ResearchSettings;
  store: Pick<CompanyProfileStore, 'findCompanyProfile'>;
}

/** A research question as the shared runner takes it. */
export interface ResearchQuestion {
  task: string;
  /** What to look for, when it is shorter than the task (a criterion); defaults to the task. */
  focus?: string;
  format: OutputFormat;
  options: ParseOptions;
  isReasoning: boolean;
}

/**
 * `agent_type` `research_pro` (and the legacy `research`) and `research_reasoning`: web research
 * on the row's company or input, answered in the column's format with checked sources
 * (contract §3.3). `research_reasoning` uses the reasoning model, several rounds and a larger budget.
 */
export function createResearchAgent(dependencies: ResearchAgentDependencies): CellExecutor {
  return {
    async execute(context: CellContext): Promise<CellResult> {
      const config = context.column.config;
      if (config.kind !== 'agent') throw new PermanentCellError(`the research agent cannot compute '${config.kind}' columns`);
      return researchCell(dependencies, context, {
        // As written: {key} references point into <row_data>, so row values never become instructions.
        task: config.value.prompt,
        format: config.value.output_format as OutputFormat,
        options: {
          ...(config.value.labels ? { labels: config.value.labels } : {}),
          ...(config.value.output_schema ? { outputSchema: config.value.output_schema } : {}),
        },
        isReasoning: config.value.agent_type === 'research_reasoning',
      });
    },
  };
}

/** Runs one research cell: checks a model exists, finds the row's site, researches, builds the value. */
export async function researchCell(dependencies: ResearchAgentDependencies, context: CellContext, question: ResearchQuestion): Promise<CellResult> {
  // Without a model nothing can be answered; fail before spending any fetches.
  if (dependencies.llmProblem) throw new PermanentCellError(dependencies.llmProblem, { code: 'llm_not_configured' });
  const startedAt = performance.now();
  const site = await companySiteOfRow(context, dependencies.store);
  const outcome = await runResearch(
    {
      task: question.task,
      focus: question.focus ?? question.task,
      rowData: rowDataBlock(context),
      format: question.format,
      options: question.options,
      site,
      steps: question.isReasoning ? dependencies.settings.reasoningSteps : 1,
      budget: question.isReasoning ? reasoningBudget(dependencies.settings.budget) : dependencies.settings.budget,
      purpose: `research:${context.column.key}`,
    },
    { ...dependencies.tools, provider: question.isReasoning ? dependencies.reasoningProvider : dependencies.provider },
    { signal: context.signal, runId: context.runId, bypassCache: context.bypassCache, cacheScope: context.table.workspaceId },
  );
  return { value: researchCellValue(outcome, startedAt) };
}
