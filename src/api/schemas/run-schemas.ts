import { z } from 'zod';
import { RUN_MODES, RUN_STATUS_REASONS, RUN_STATUSES } from '../../domain/run-modes.ts';
import { queryInteger } from './query-values.ts';
import { named } from './registry.ts';

export const RunTableInputSchema = named(
  'RunTableInput',
  z.object({
    mode: z
      .enum(RUN_MODES)
      .default('new')
      .describe(
        '`new` (cells never computed, and those whose inputs changed), `all`, `failed`, `stuck_failed_new`; extension: `stale` recomputes only answers that are out of date (their inputs or their column changed).',
      ),
    rows: z.array(z.string()).max(100_000).nullish().describe('Restrict to these row ids.'),
    columns: z.array(z.string()).max(1_000).nullish().describe('Restrict to these column ids.'),
    dry_run: z
      .boolean()
      .default(false)
      .describe('Extension: queue nothing; answer a RunEstimate (cells per column, expected calls, tokens, searches, page fetches, cost range).'),
    max_cost: z
      .number()
      .positive()
      .nullish()
      .describe("Extension: stop claiming the run's cells once it has spent this many dollars; the run ends canceled with status_reason max_cost."),
    max_cells: z
      .number()
      .int()
      .min(1)
      .nullish()
      .describe("Extension: stop claiming the run's cells once this many have ended; the run ends canceled with status_reason max_cells."),
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
    num_cells_done: z.number().int().describe("Extension: the run's cells answered so far (recorded when it ended)."),
    num_cells_failed: z.number().int().describe("Extension: the run's cells that failed so far (recorded when it ended)."),
    num_cells_remaining: z
      .number()
      .int()
      .describe("Extension: the run's cells still queued or running; 0 once it ended. Progress is (done + failed) / (done + failed + remaining)."),
    duration_seconds: z.number().describe('Extension: from created_at to ended_at, or to now while the run goes.'),
    usage: named(
      'RunUsage',
      z
        .object({
          model_calls: z.number().int().describe('Model calls made (answers from the cache are not counted).'),
          input_tokens: z.number().int(),
          output_tokens: z.number().int(),
          cost: z.number().describe('Dollars of the cells whose cost is known (priced as each ended).'),
          unpriced_cells: z.number().int().describe('Cells whose model or search has no price: not in cost.'),
        })
        .describe("Extension: what the run's answered cells spent, added up as they end."),
    ),
    max_cost: z.number().nullable().describe('Extension: the cap on dollars the run was started with.'),
    max_cells: z.number().int().nullable().describe('Extension: the cap on ended cells the run was started with.'),
    status_reason: z
      .enum(RUN_STATUS_REASONS)
      .nullable()
      .describe('Extension: which cap stopped the run (status canceled); its untouched cells keep their status for a later run.'),
    status_message: z.string().nullable().describe('Extension: status_reason in words.'),
  }),
);

export const RunFailedCellSchema = named(
  'RunFailedCell',
  z.object({
    row_id: z.string(),
    column_id: z.string(),
    error: z.string().nullable(),
    updated_at: z.string(),
  }),
);

export const RunFailedCellsOutputSchema = named(
  'RunFailedCells',
  z.object({
    cells: z.array(RunFailedCellSchema).describe('In table order: by row, then by column position.'),
    total: z.number().int().describe("How many of the run's cells failed."),
  }),
);

export const ListRunFailedCellsQuerySchema = z.object({
  offset: queryInteger.pipe(z.number().min(0)).default(0),
  limit: queryInteger.pipe(z.number().min(1).max(1000)).default(100),
});

export const ListRunsQuerySchema = z.object({
  offset: queryInteger.pipe(z.number().min(0)).default(0),
  limit: queryInteger.pipe(z.number().min(1).max(100)).default(20),
});
