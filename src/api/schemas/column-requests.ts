import { z } from 'zod';
import { ColumnConfigSchema } from '../../domain/column-config-schema.ts';
import { named } from './registry.ts';

export const CreateTableColumnsInputSchema = named(
  'CreateTableColumnsInput',
  z.object({
    column_configs: z.array(ColumnConfigSchema).min(1).max(100),
    insert_after: z.union([z.boolean(), z.string()]).default(true).describe('true appends, false puts first, a column id inserts after it.'),
  }),
);

export const ReplaceColumnInputSchema = ColumnConfigSchema;

export const ColumnChangePreviewSchema = named(
  'ColumnChangePreview',
  z.object({
    num_cells_out_of_date: z.number().int().describe('Answers (done or failed cells) the change would mark out of date.'),
    column_keys: z.array(z.string()).describe('The columns whose answers would go out of date: the column and those that read it.'),
  }),
);
