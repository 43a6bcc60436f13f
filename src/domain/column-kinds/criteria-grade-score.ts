import { z } from 'zod';
import type { ValidationIssue } from '../errors.ts';
import { commonFields, keySchema } from './config-fields.ts';
import { defineColumnKind, unknownKeyIssue } from './column-kind-definition.ts';

/**
 * Legacy weighted score over criterion_grade columns (one old crawl only, contract §3.4). Not yet
 * available: no agent computes it.
 */
export const criteriaGradeScoreKind = defineColumnKind({
  kind: 'criteria_grade_score',
  schema: z.object({ kind: z.literal('criteria_grade_score'), ...commonFields, value: z.object({ column_weights: z.record(keySchema, z.number().min(0)) }) }),
  tableKinds: ['company', 'people', 'generic'],
  availability: 'not_yet_available',
  isOffered: false,
  executorKey: 'kind',
  display: { label: 'Weighted score', description: 'A weighted score over criterion grade columns.', group: 'ai' },
  waitsForBaselineContext: false,
  implicitDependencies: [],
  dependencies: (config) => Object.keys(config.value.column_weights),
  referenceIssues: (config, table, loc) => {
    const issues: ValidationIssue[] = [];
    for (const key of Object.keys(config.value.column_weights)) {
      const at = [...loc, 'value', 'column_weights', key];
      const target = table.columns.find((column) => column.key === key);
      if (!target) issues.push(unknownKeyIssue(at, key, 'weighted column', table.keys));
      else if (target.kind !== 'criterion_grade') issues.push({ loc: at, msg: `column '${key}' is not a criterion_grade column`, type: 'value_error' });
    }
    return issues;
  },
});
