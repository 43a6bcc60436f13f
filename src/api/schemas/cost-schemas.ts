import { z } from 'zod';
import { RUN_MODES } from '../../domain/run-modes.ts';
import { USAGE_GROUPINGS } from '../../domain/cost/usage-groupings.ts';
import { named } from './registry.ts';

const CostRangeSchema = named(
  'CostRange',
  z
    .object({ low: z.number(), expected: z.number(), high: z.number() })
    .describe('Dollars: low from the median cell, expected from the mean, high from the 90th percentile.'),
);

const CellFiguresSchema = named(
  'CellFigures',
  z.object({
    model_calls: z.number(),
    input_tokens: z.number(),
    output_tokens: z.number(),
    searches: z.number(),
    page_fetches: z.number(),
  }),
);

export const ColumnEstimateSchema = named(
  'ColumnRunEstimate',
  z.object({
    column_id: z.string(),
    key: z.string(),
    name: z.string(),
    model: z.string().nullable().describe("The model the column's cells call."),
    cells: z.number().int().describe('Cells of this column the run would queue.'),
    basis: z
      .enum(['column_history', 'similar_columns', 'prompt_size'])
      .describe(
        "Where the per-cell figures came from: this column's finished cells, same agent type and format elsewhere in the workspace, or the prompt's size and format.",
      ),
    sample_size: z.number().int().describe('Finished cells the figures were read from.'),
    per_cell: z.object({ median: CellFiguresSchema, p90: CellFiguresSchema }),
    expected: CellFiguresSchema.describe('Totals for the column at the mean per cell.'),
    cost: CostRangeSchema.nullable().describe("Null: the column's model or search provider has no price (unknown, not zero)."),
  }),
);

export const RunEstimateSchema = named(
  'RunEstimate',
  z
    .object({
      dry_run: z.literal(true),
      mode: z.enum(RUN_MODES),
      num_requested_cells: z.number().int().describe('Cells the run would queue; nothing was queued.'),
      columns: z.array(ColumnEstimateSchema),
      expected: CellFiguresSchema,
      cost: CostRangeSchema.nullable().describe('Null when some column has no price.'),
      currency: z.string(),
      prices_as_of: z.string().describe('When the built-in list prices were checked (docs/cost.md).'),
      confirm_above: z.number().describe('Estimates whose high end is above this (dollars) ask for confirmation.'),
      requires_confirmation: z.boolean(),
    })
    .describe('Extension: the answer to a run with dry_run: true.'),
);

export const UsageFiguresSchema = named(
  'UsageFigures',
  z.object({
    cells: z.number().int(),
    model_calls: z.number().int(),
    input_tokens: z.number().int(),
    output_tokens: z.number().int(),
    searches: z.number().int(),
    page_fetches: z.number().int(),
    cost: z.number().describe('Dollars of the cells whose cost is known.'),
    unpriced_cells: z.number().int().describe('Cells whose model or search provider has no price: not in cost.'),
    cached_calls: z.number().int().describe('Model calls answered from the response cache.'),
    cache_saved_cost: z.number().describe('Dollars those cached calls did not cost.'),
    profiles_reused: z.number().int().describe("Company profile cells that reused the workspace's stored profile."),
    profile_saved_cost: z.number().describe('Dollars not spent rebuilding them (mean cost of the profiles this table built).'),
  }),
);

export const TableUsageSchema = named(
  'TableUsage',
  z
    .object({
      group_by: z.enum(USAGE_GROUPINGS),
      currency: z.string(),
      total: UsageFiguresSchema,
      groups: z.array(z.object({ key: z.string().describe('Run id, column id, model, or UTC day (YYYY-MM-DD).'), usage: UsageFiguresSchema })),
    })
    .describe("Extension: what the table's answered cells spent."),
);

export const TableUsageQuerySchema = z.object({ group_by: z.enum(USAGE_GROUPINGS).default('column') });

/** Extension: the spend fields a Deep Search or Deep Research task's `usage` carries, in the runs' terms. */
export const TaskSpendFields = {
  input_tokens: z.number().int().describe('Input tokens of the calls the model answered (cached answers are not billed again).'),
  output_tokens: z.number().int(),
  cost: z
    .number()
    .nullable()
    .describe(
      "Dollars spent, priced at the price table and each call's model as the task's stages ended; null (unknown, never zero) when a model or search provider it used has no price.",
    ),
  unpriced_calls: z.number().int().describe('Model calls and searches without a price: while above zero, cost and cache_saved_cost are null.'),
  cached_calls: z.number().int().describe('Model calls answered from the response cache.'),
  cache_saved_cost: z.number().nullable().describe('Dollars those cached calls did not cost; null when unknown.'),
};

export const ConfiguredModelsSchema = named(
  'ConfiguredModels',
  z
    .object({
      default_model: z.string().nullable().describe('The model agent columns use when they name none (FATHOM_LLM_MODEL); null when no model is configured.'),
      reasoning_model: z.string().nullable().describe('The model of research_reasoning columns (FATHOM_LLM_REASONING_MODEL).'),
      models: z
        .array(
          z.object({
            id: z.string(),
            input_per_million: z.number().nullable().describe('Dollars per million input tokens; null when the model has no price.'),
            output_per_million: z.number().nullable(),
          }),
        )
        .describe('Every model an agent column may name in value.model, with its price.'),
    })
    .describe("Extension: the models this server is configured to call, for a column's value.model."),
);
