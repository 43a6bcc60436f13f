import { z } from 'zod';
import { TableViewQuerySchema } from '../../domain/table-views.ts';
import { named } from './registry.ts';

export const SaveTableViewInputSchema = named(
  'SaveTableViewInput',
  z.object({
    name: z.string().trim().min(1).max(200),
    query: TableViewQuerySchema,
  }),
);

export const TableViewOutputSchema = named(
  'TableView',
  z.object({
    id: z.string(),
    name: z.string(),
    query: TableViewQuerySchema,
    created_at: z.string(),
    updated_at: z.string(),
  }),
);
