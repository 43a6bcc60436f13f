import { z } from 'zod';
import { RUN_MODES, RUN_STATUSES } from '../../domain/run-modes.ts';
import { queryInteger } from './query-values.ts';
import { named } from './registry.ts';

export const RunTableInputSchema = named(
  'RunTableInput',
  z.object({
    mode: z.enum(RUN_MODES).default('new'),
    rows: z.array(z.string()).max(100_000).nullish().describe('Restrict to these row ids.'),
    columns: z.array(z.string()).max(1_000).nullish().describe('Restrict to these column ids.'),
  }),
);

export const RunOutputSchema = named(
  'RunOutput',
  z.object({
    id: z.string(),
    created_at: z.string(),
    status: z.enum(RUN_STATUSES).describe('created, in_progress, done or failed; canceled is an extension.'),
    rows: z.array(z.string()).nullable(),
    columns: z.array(z.string()).nullable(),
    num_requested_cells: z.number().int(),
    mode: z.enum(RUN_MODES),
    updated_at: z.string().describe('Extension.'),
    ended_at: z.string().nullable().describe('Extension: when the run ended.'),
  }),
);

export const ListRunsQuerySchema = z.object({
  offset: queryInteger.pipe(z.number().min(0)).default(0),
  limit: queryInteger.pipe(z.number().min(1).max(100)).default(20),
});
