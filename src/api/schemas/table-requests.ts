import { z } from 'zod';
import { ColumnConfigSchema } from '../../domain/column-config-schema.ts';
import { queryBoolean, queryInteger, queryList } from './query-values.ts';
import { named } from './registry.ts';
import { TableDataRowSchema, TableHeaderWithStatusSchema, TableKindSchema } from './shared-schemas.ts';

const tagsSchema = z.array(z.string().trim().min(1).max(100)).max(50);
const settingsSchema = z.object({ exclude_from_search: z.boolean().optional() }).catchall(z.unknown());

export const CreateTableInputSchema = named(
  'CreateTableInput',
  z.object({
    name: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(10_000).nullish(),
    tags: tagsSchema.nullish(),
    kind: TableKindSchema.optional().describe('Defaults to company.'),
    notify: z.boolean().optional(),
    settings: settingsSchema.nullish(),
    column_configs: z.array(ColumnConfigSchema).max(200).nullish(),
    template_id: z.string().nullish().describe('Legacy: copy the columns of this table.'),
    num_rows: z.number().int().min(0).max(1_000).nullish().describe('Legacy: create this many empty rows.'),
  }),
);

export const UpdateTableInputSchema = named(
  'UpdateTableInput',
  z.object({
    name: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(10_000).nullable().optional(),
    tags: tagsSchema.nullable().optional(),
    columns_order: z.array(z.string()).optional().describe('Every column id of the table, in display order.'),
    notify: z.boolean().optional(),
    settings: settingsSchema.optional(),
  }),
);

export const TABLE_SORTS = ['-created_at', 'created_at', 'name', '-name', 'num_rows', '-num_rows'] as const;

export const ListTablesQuerySchema = z.object({
  kind: TableKindSchema.optional(),
  scope: z.enum(['personal', 'organization']).optional(),
  search: z.string().max(200).optional(),
  tags: queryList.optional(),
  sort: z.enum(TABLE_SORTS).default('-created_at'),
  offset: queryInteger.pipe(z.number().min(0)).default(0),
  limit: queryInteger.pipe(z.number().min(1)).default(50).describe('1…100; more than 100 answers 400.'),
  view: z.enum(['full', 'minimal']).optional().describe('Legacy; accepted and ignored.'),
});

export const TableSummarySchema = named(
  'TableSummary',
  z.object({
    id: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    tags: z.array(z.string()).nullable(),
    kind: TableKindSchema,
    settings: z.record(z.string(), z.unknown()),
    scope: z.enum(['personal', 'organization']),
    owner: z.object({ id: z.string(), email: z.string() }),
    num_rows: z.number().int(),
    user_id: z.string().describe('Legacy: the owner id.'),
  }),
);

export const CloneTableQuerySchema = z.object({ schema_only: queryBoolean.default(false) });

export const TableDataQuerySchema = z.object({
  offset: queryInteger.pipe(z.number().min(0)).optional(),
  limit: queryInteger.pipe(z.number().min(1).max(1_000)).optional(),
  columns: z.string().optional().describe('Extension: comma-separated column keys to return.'),
  filter: z
    .string()
    .optional()
    .describe(
      'Extension: JSON array of conditions, all of which must hold. Each has `column` (a key) and one of: `status` (failed, not_run, out_of_date, done, running; without `column`: any computed cell), ' +
        '`contains` (text), `equals` (text or number), `one_of` (labels), `min`/`max` (numbers, or ISO dates as strings), `not_found: true`, `empty: true`. ' +
        'Example: `[{"column":"industry","one_of":["Fintech"]},{"status":"failed"}]`. Unknown fields are 422s. ' +
        '`equals` on a text (up to 500 characters; ASCII on SQLite) that fewer than 2,000 rows hold is looked up in the sort index, at any table size; other values and conditions test rows in table order until the page is full.',
    ),
  sort: z
    .string()
    .optional()
    .describe(
      'Extension: a column key to order rows by its answers (`-key` descending); numbers first, then text (case-insensitive, by its first 500 characters), then empty cells; ties in table order.',
    ),
  q: z.string().max(1_000).optional().describe('Extension: rows with any cell whose answer contains this text (letter case ignored).'),
  count: queryBoolean.optional().describe('Extension: with true, the answer carries `num_matching_rows` (rows meeting filter and q; a scan of the table).'),
  cursor: z.string().max(2_000).optional().describe('Extension: `next_cursor` of the previous page, to read the next one (with the same filter, sort and q).'),
});

export const TableDataOutputSchema = named(
  'TableDataOutput',
  TableHeaderWithStatusSchema.extend({
    discovery_tasks: z.array(z.unknown()).nullable(),
    num_matching_rows: z.number().int().optional().describe('Extension (with `count=true`): rows meeting `filter` and `q`.'),
    next_cursor: z
      .string()
      .nullable()
      .optional()
      .describe('Extension: pass as `cursor` to read the page after this one (with `limit`); null on the last page and for unpaged reads.'),
    rows: z.array(TableDataRowSchema),
  }),
);
