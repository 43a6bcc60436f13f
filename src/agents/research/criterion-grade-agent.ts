import { PermanentCellError, type CellContext, type CellExecutor, type CellResult } from '../../engine/cell-executor.ts';
import { researchCell, type ResearchAgentDependencies } from './research-agent.ts';

/**
 * `criterion_grade` columns (contract §3.4): research the row against `value.criterion` and grade
 * it 1–5 with an explanation and checked sources, or "Not found" when the pages say nothing.
 */
export function createCriterionGradeAgent(dependencies: ResearchAgentDependencies): CellExecutor {
  return {
    async execute(context: CellContext): Promise<CellResult> {
      const config = context.column.config;
      if (config.kind !== 'criterion_grade') throw new PermanentCellError(`the criterion grader cannot compute '${config.kind}' columns`);
      // As written: {key} references point into <row_data>, so row values never become instructions.
      const criterion = config.value.criterion;
      const task = [
        `Grade how well the company meets this criterion: "${criterion}".`,
        '5 means the evidence shows it clearly meets the criterion, 3 partly or with doubts, 1 that it clearly does not.',
        'Answer "Not found" when the pages say nothing either way.',
      ].join(' ');
      return researchCell(dependencies, context, { task, focus: criterion, format: 'grade', options: {}, isReasoning: false });
    },
  };
}
