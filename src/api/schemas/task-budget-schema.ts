import { z } from 'zod';
import { named } from './registry.ts';

/**
 * `budget` on discovery and deep research tasks (extension, issue 15 item 4): the task stops
 * cleanly once it has made this many model calls and/or web searches. Checked before each stage
 * starts spending, so the overshoot is bounded by the work running at once.
 */
export const TaskBudgetSchema = named(
  'TaskBudget',
  z
    .object({
      model_calls: z.number().int().min(1).max(1_000_000).optional().describe('Most model calls (cached replies are not counted).'),
      searches: z.number().int().min(1).max(100_000).optional().describe('Most web searches (cached results are not counted).'),
    })
    .strict()
    .refine((budget) => budget.model_calls !== undefined || budget.searches !== undefined, 'give model_calls, searches or both')
    .describe(
      'Extension: a spending limit. When it is reached no new model call or search is started (calls already running end); a discovery task ends done with what it evaluated, a deep research task writes its report from what its agents found; `degradation_reasons` says so.',
    ),
);

export const TaskBudgetResponseSchema = named(
  'TaskBudgetLimits',
  z
    .object({ model_calls: z.number().int().nullable(), searches: z.number().int().nullable() })
    .nullable()
    .describe('Extension: the budget asked for, or null.'),
);
