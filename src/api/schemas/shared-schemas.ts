import { z } from 'zod';
import { ColumnConfigUnionSchema } from '../../domain/column-config-schema.ts';
import { CELL_STATUSES } from '../../domain/records.ts';
import { TABLE_KINDS } from '../../domain/table-kinds.ts';
import { named } from './registry.ts';

export const TableKindSchema = named('TableKind', z.enum(TABLE_KINDS));
export const TableCellStatusSchema = named('TableCellStatus', z.enum(CELL_STATUSES));

export const ValidationErrorSchema = named(
  'ValidationError',
  z.object({ loc: z.array(z.union([z.string(), z.number().int()])), msg: z.string(), type: z.string() }),
);
export const HTTPValidationErrorSchema = named('HTTPValidationError', z.object({ detail: z.array(ValidationErrorSchema) }));
export const ErrorDetailSchema = named(
  'ErrorDetail',
  z.object({ detail: z.string(), code: z.string().optional() }),
  'Every error other than 422: a readable `detail` and a stable `code`.',
);

export const OwnerInfoSchema = named('OwnerInfo', z.object({ id: z.string(), email: z.string() }));
export const RelationshipSchema = named('Relationship', z.object({ table_id: z.string(), relationship_type: z.literal('company_people') }));

export const ColumnConfigDocSchema = named('ColumnConfig', ColumnConfigUnionSchema);
export const ColumnOutputSchema = named('ColumnOutputSchema', z.object({ id: z.string(), created_at: z.string(), config: ColumnConfigDocSchema }));

export const TableCellDataSchema = named(
  'TableCellDataSchema',
  z.object({
    value: z.unknown().nullable(),
    status: TableCellStatusSchema,
    updated_at: z.string().nullable().optional(),
    error: z.string().nullable().optional().describe('Why the cell failed (status failed only).'),
    out_of_date: z
      .enum(['inputs', 'config'])
      .optional()
      .describe(
        "Extension: present when the answer was computed before a cell it reads ('inputs') or its column's prompt or settings ('config') changed. The answer is kept; run mode `stale` recomputes it.",
      ),
  }),
);

export const TableStatusSchema = named(
  'TableStatus',
  z.object({
    num_rows: z.number().int(),
    num_columns: z.number().int(),
    num_input_columns: z.number().int(),
    num_output_columns: z.number().int(),
    num_cells_completed: z.number().int().describe('Computed cells that finished (done or failed).'),
    num_cells_in_progress: z.number().int().describe('Computed cells queued or running.'),
    num_cells_failed: z.number().int().describe('Extension: computed cells that failed.'),
    num_cells_out_of_date: z.number().int().optional().describe('Extension: computed cells whose answer is out of date (see `out_of_date` on cells).'),
    run_status: z.enum(['running', 'idle']),
  }),
);

const tableHeaderShape = {
  id: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  name: z.string(),
  kind: TableKindSchema,
  columns: z.array(ColumnOutputSchema),
  owner: OwnerInfoSchema,
  description: z.string().nullable(),
  tags: z.array(z.string()).nullable(),
  notify: z.boolean(),
  settings: z.record(z.string(), z.unknown()),
  child_relationships: z.array(RelationshipSchema),
  parent_relationships: z.array(RelationshipSchema),
};
export const TableHeaderSchema = named('TableHeader', z.object(tableHeaderShape));
export const TableHeaderWithStatusSchema = named('TableHeaderWithStatus', z.object({ ...tableHeaderShape, status: TableStatusSchema }));

const rowShape = {
  id: z.string(),
  created_at: z.string(),
  parent_row_id: z.string().nullable(),
  company_profile_id: z.string().nullable(),
  data: z.record(z.string(), TableCellDataSchema),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  parent_data: z.record(z.string(), TableCellDataSchema).nullable(),
};
export const RowOutputSchema = named('RowDataOutputSchema-Output', z.object(rowShape));
export const TableDataRowSchema = named('TableDataRow', z.object({ ...rowShape, is_missing_inputs: z.boolean() }));
export const RowWithColumnsSchema = named(
  'RowWithColumns',
  z.object({ ...rowShape, status: z.enum(['running', 'idle']), columns: z.array(ColumnOutputSchema) }),
);
