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
