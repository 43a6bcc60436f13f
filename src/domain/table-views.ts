import { z } from 'zod';
import { RowFilterWireSchema } from './row-query.ts';

/** What a saved view of a table remembers: the find parameters and the columns shown, all by column key. */
export const TableViewQuerySchema = z
  .object({
    filter: RowFilterWireSchema.default([]),
    sort: z.string().max(200).nullish().describe('`key` or `-key`.'),
    q: z.string().max(1_000).nullish(),
    columns: z.array(z.string()).max(500).nullish().describe('Column keys shown, in order; null: all.'),
  })
  .strict();
export type TableViewQuery = z.infer<typeof TableViewQuerySchema>;

export interface TableView {
  id: string;
  tableId: string;
  name: string;
  query: TableViewQuery;
  createdAt: string;
  updatedAt: string;
}
