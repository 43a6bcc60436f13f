import { z } from 'zod';
import { queryBoolean } from './query-values.ts';
import { named } from './registry.ts';

const metadataSchema = z.record(z.string(), z.unknown()).nullish().describe('Additional metadata');

export const RowDataSchema = named(
  'RowDataSchema',
  z.object({ data: z.record(z.string(), z.unknown()).describe('column_key -> value'), metadata: metadataSchema }),
);

export const CreateTableRowsInputSchema = named(
  'CreateTableRowsInput',
  z.object({ rows: z.array(RowDataSchema).describe('At most 1,000 rows per request.'), run: z.boolean().default(false) }),
);

export const UpdateRowDataSchema = named(
  'UpdateRowDataSchema',
  z.object({
    id: z.string().nullish().describe('Row to update; rows without id are created.'),
    data: z.record(z.string(), z.unknown()),
    metadata: metadataSchema,
  }),
);

export const UpdateTableRowsInputSchema = named('UpdateTableRowsInput', z.object({ rows: z.array(UpdateRowDataSchema), run: z.boolean().default(false) }));

export const DeleteTableRowsInputSchema = named('DeleteTableRowsInput', z.object({ rows: z.array(z.uuid()).min(1).max(10_000) }));

export const GetRowQuerySchema = z.object({ include_parent_data: queryBoolean.default(true) });
