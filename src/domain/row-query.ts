import { z } from 'zod';

/**
 * Find: which rows of a table a page shows, and in which order (an extension of the data read,
 * contract §2.2.8). Conditions name columns by key on the wire; the service resolves keys to
 * ids before the store sees them. All conditions must hold (AND).
 */

/** Cell statuses as a person reads them: `not_run` is `created`, `running` queued or running, `done` a current answer. */
export const CELL_STATUS_FILTERS = ['failed', 'not_run', 'out_of_date', 'done', 'running'] as const;
export type CellStatusFilter = (typeof CELL_STATUS_FILTERS)[number];

const scalar = z.union([z.string().max(1_000), z.number()]);

/** One condition as sent: exactly one operator, optionally on one column (status only may omit it). */
export const RowConditionWireSchema = z
  .object({
    column: z.string().min(1).optional().describe('Column key. Required except for `status`, which then matches any computed cell of the row.'),
    status: z.enum(CELL_STATUS_FILTERS).optional(),
    contains: z.string().min(1).max(1_000).optional().describe('Answer contains this text (letter case ignored).'),
    equals: scalar.optional().describe('Answer equals this text or number (letter case ignored).'),
    one_of: z.array(z.string().max(1_000)).min(1).max(100).optional().describe('Answer is one of these labels (for multiselect: includes one of them).'),
    min: scalar.optional().describe('Numeric answers at least this number; with a string, text/date answers from this value on.'),
    max: scalar
      .optional()
      .describe('Numeric answers at most this number; with a string, text/date answers up to this value (a date prefix includes the whole day/month/year).'),
    not_found: z.literal(true).optional().describe('The answer is "Not found".'),
    empty: z.literal(true).optional().describe('No value.'),
  })
  .strict()
  .superRefine((condition, context) => {
    const operators = ['status', 'contains', 'equals', 'one_of', 'not_found', 'empty'].filter(
      (name) => condition[name as keyof typeof condition] !== undefined,
    );
    const isRange = condition.min !== undefined || condition.max !== undefined;
    const count = operators.length + (isRange ? 1 : 0);
    if (count !== 1) {
      context.addIssue({ code: 'custom', message: 'each condition needs exactly one of status, contains, equals, one_of, min/max, not_found, empty' });
    }
    if (condition.column === undefined && condition.status === undefined) {
      context.addIssue({ code: 'custom', path: ['column'], message: 'column is required (only a status condition may leave it out)' });
    }
    if (condition.min !== undefined && condition.max !== undefined && typeof condition.min !== typeof condition.max) {
      context.addIssue({ code: 'custom', path: ['max'], message: 'min and max must both be numbers or both strings' });
    }
  });
export type RowConditionWire = z.infer<typeof RowConditionWireSchema>;

export const RowFilterWireSchema = z.array(RowConditionWireSchema).max(20);

export type RangeBound = number | string | null;

/** A condition with its column resolved (`columnId` null: any computed cell of the row). */
export type RowCondition =
  | { kind: 'status'; columnId: string | null; status: CellStatusFilter }
  | { kind: 'contains'; columnId: string; text: string }
  | { kind: 'equals'; columnId: string; value: string }
  | { kind: 'one_of'; columnId: string; labels: string[] }
  | { kind: 'range'; columnId: string; min: RangeBound; max: RangeBound }
  | { kind: 'not_found'; columnId: string }
  | { kind: 'empty'; columnId: string };

export interface RowSort {
  columnId: string;
  descending: boolean;
}

/**
 * A row's place in a sorted order, with no NULLs so that it compares the same way on both
 * engines: `group` 0 for numbers (ordered by `number`), 1 for text (by `text`), 2 for no value.
 */
export interface SortKey {
  group: number;
  number: number;
  text: string;
}

/** Where a page starts: after this row (keyset), so its cost does not grow with its depth. */
export interface RowPosition {
  seq: number;
  sortKey: SortKey | null;
}

export interface RowPageRequest {
  tableId: string;
  conditions: RowCondition[];
  /** Rows with any cell containing this text (letter case ignored), or null. */
  search: string | null;
  sort: RowSort | null;
  after: RowPosition | null;
  offset: number;
  limit: number;
}

export interface RowPageEntry<RowType> {
  row: RowType;
  position: RowPosition;
}

/** Whether a request needs more than the plain table order. */
export function isPlainOrder(request: Pick<RowPageRequest, 'conditions' | 'search' | 'sort'>): boolean {
  return request.conditions.length === 0 && request.search === null && request.sort === null;
}

/** `key` ascending or `-key` descending. */
export function parseSortParameter(value: string): { key: string; descending: boolean } {
  const trimmed = value.trim();
  return trimmed.startsWith('-') ? { key: trimmed.slice(1), descending: true } : { key: trimmed, descending: false };
}
