/**
 * The table kinds (contract §1.2). Apart from table-kinds.ts so the column-kind definitions can
 * name them without importing the column configs they are themselves the source of.
 */
export const TABLE_KINDS = ['generic', 'company', 'people'] as const;
export type TableKind = (typeof TABLE_KINDS)[number];
