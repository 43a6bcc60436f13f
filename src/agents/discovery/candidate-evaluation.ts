import type { ColumnConfig } from '../../domain/column-config-schema.ts';
import { isNotFoundAnswer } from '../../domain/output-formats/index.ts';
import type { CriterionScore, DiscoveryCandidate, DiscoveryCriterion, DiscoveryTask } from '../../domain/discovery/discovery-task.ts';
import type { CellContext, ExecutorRegistry } from '../../engine/cell-executor.ts';
import type { CompanyProfileRecord } from '../../store/company-profile-store.ts';
import type { LlmResponse } from '../../providers/spec/llm.ts';
import type { CompanyProfileResolver } from '../company/company-profile-resolver.ts';

/** Why a candidate left the pool before evaluation: not a company Fathom can read. */
export class CandidateRejection extends Error {}

/**
 * Enrich: the workspace's shared company profile of the candidate's domain, reused when it
 * exists, built from the company's own site otherwise (and then findable by every table).
 */
export async function enrichCandidate(
  profiles: CompanyProfileResolver,
  task: DiscoveryTask,
  candidate: DiscoveryCandidate,
  signal: AbortSignal,
): Promise<{ profile: CompanyProfileRecord; modelCalls: number; responses: LlmResponse[] }> {
  const resolved = await profiles.resolve(task.workspaceId, candidate.website ?? candidate.domain, { signal, runId: task.id, bypassCache: false });
  if ('unresolved' in resolved) throw new CandidateRejection(resolved.reason);
  return { profile: resolved.profile, modelCalls: resolved.responses.filter((response) => !response.cached).length, responses: resolved.responses };
}

/**
 * Evaluate: grade the company on every criterion with the `criterion_grade` agent, exactly as a
 * criterion_grade column of a company table would (same prompts, same checked sources), through
 * a cell context of the candidate's profile. "Not found" grades 1: no evidence it fits.
 */
export async function gradeCandidate(
  executors: ExecutorRegistry,
  task: DiscoveryTask,
  candidate: DiscoveryCandidate,
  profile: CompanyProfileRecord,
  context: { signal: AbortSignal; attempt: number },
): Promise<{ scores: Record<string, CriterionScore>; modelCalls: number; cellValues: unknown[] }> {
  const scores: Record<string, CriterionScore> = {};
  let modelCalls = 0;
  const cellValues: unknown[] = [];
  await Promise.all(
    task.criteria.map(async (criterion) => {
      const cell = criterionCell(task, candidate, profile, criterion, context);
      const executor = executors.executorFor(cell.column, 'company');
      if (!executor) throw new Error('no criterion_grade agent is configured');
      const { value } = await executor.execute(cell);
      const usage = value.usage as { calls?: number } | undefined;
      modelCalls += usage?.calls ?? 0;
      cellValues.push(value);
      const answer = value.answer;
      const grade = typeof answer === 'number' ? answer : isNotFoundAnswer(answer) ? 1 : Number(answer);
      scores[criterion.key] = {
        grade: Number.isInteger(grade) && grade >= 1 && grade <= 5 ? grade : 1,
        explanation: value.explanation,
        sources: value.source,
      };
    }),
  );
  return { scores, modelCalls, cellValues };
}

function criterionCell(
  task: DiscoveryTask,
  candidate: DiscoveryCandidate,
  profile: CompanyProfileRecord,
  criterion: DiscoveryCriterion,
  context: { signal: AbortSignal; attempt: number },
): CellContext {
  const config = { kind: 'criterion_grade', name: criterion.name, key: criterion.key, value: { criterion: criterion.criterion } } as ColumnConfig;
  const inputs = {
    input: profile.website ?? candidate.domain,
    company_name: profile.name ?? candidate.name ?? candidate.domain,
    company_website: profile.website,
  };
  return {
    table: { id: task.id, kind: 'company', workspaceId: task.workspaceId, name: `Deep Search: ${task.query}` },
    row: { id: candidate.id, parentRowId: null, companyProfileId: profile.id },
    column: { id: `${task.id}:${criterion.key}`, tableId: task.id, key: criterion.key, position: 0, config, createdAt: task.createdAt },
    inputs,
    dependencyValues: {},
    parentInputs: null,
    rowInputs: { input: inputs.input },
    attempt: context.attempt,
    bypassCache: false,
    runId: task.id,
    signal: context.signal,
  };
}
