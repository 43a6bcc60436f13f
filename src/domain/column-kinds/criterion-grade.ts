import { z } from 'zod';
import { promptReferences } from '../prompt-references.ts';
import { commonFields } from './config-fields.ts';
import { defineColumnKind, unknownKeyIssue } from './column-kind-definition.ts';

/** A 1–5 grade of the row against a natural-language criterion (contract §3.4). */
export const criterionGradeKind = defineColumnKind({
  kind: 'criterion_grade',
  schema: z.object({ kind: z.literal('criterion_grade'), ...commonFields, value: z.object({ criterion: z.string().trim().min(1).max(5_000) }) }),
  tableKinds: ['company', 'people', 'generic'],
  availability: 'available',
  isOffered: true,
  executorKey: 'kind',
  display: { label: 'Grade against a criterion', description: 'A 1–5 grade of how well each row meets a test you write.', group: 'ai' },
  waitsForBaselineContext: true,
  implicitDependencies: [],
  dependencies: (config) => promptReferences(config.value.criterion),
  referenceIssues: (config, table, loc) =>
    promptReferences(config.value.criterion)
      .filter((key) => !table.keys.has(key))
      .map((key) => unknownKeyIssue([...loc, 'value', 'criterion'], `{${key}}`, 'criterion reference', table.keys)),
});
