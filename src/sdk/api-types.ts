import type { z } from 'zod';
import type { CreateDeepResearchTaskSchema, DeepResearchTaskSchema } from '../api/schemas/deep-research-schemas.ts';
import type { CreateDiscoveryTaskSchema, DiscoveryResultSchema, DiscoveryResultsSchema, DiscoveryTaskSchema } from '../api/schemas/discovery-schemas.ts';
import type { CreateTableColumnsInputSchema } from '../api/schemas/column-requests.ts';
import type {
  CreateTableRowsInputSchema,
  DeleteTableRowsInputSchema,
  GetRowQuerySchema,
  RowDataSchema,
  UpdateTableRowsInputSchema,
} from '../api/schemas/row-requests.ts';
import type {
  ColumnOutputSchema,
  RowOutputSchema,
  RowWithColumnsSchema,
  TableCellDataSchema,
  TableDataRowSchema,
  TableHeaderSchema,
  TableHeaderWithStatusSchema,
  TableKindSchema,
  TableStatusSchema,
  ValidationErrorSchema,
} from '../api/schemas/shared-schemas.ts';
import type {
  CloneTableQuerySchema,
  CreateTableInputSchema,
  ListTablesQuerySchema,
  TableDataQuerySchema,
  TableSummarySchema,
  UpdateTableInputSchema,
} from '../api/schemas/table-requests.ts';
import type { ColumnConfigUnionSchema, InputColumnConfigSchema } from '../domain/column-config-schema.ts';
import type { RowConditionWireSchema } from '../domain/row-query.ts';
import type { TableViewQuerySchema } from '../domain/table-views.ts';
import type { TableViewOutputSchema } from '../api/schemas/table-view-schemas.ts';
import type { BillingOutputSchema, HealthcheckOutputSchema, UserOutputSchema } from '../api/schemas/account-schemas.ts';
import type {
  ListRunFailedCellsQuerySchema,
  ListRunsQuerySchema,
  RunFailedCellsOutputSchema,
  RunOutputSchema,
  RunTableInputSchema,
} from '../api/schemas/run-schemas.ts';
import type { TableDataOutputSchema } from '../api/schemas/table-requests.ts';
import type { ConfiguredModelsSchema, RunEstimateSchema, TableUsageQuerySchema, TableUsageSchema } from '../api/schemas/cost-schemas.ts';

/*
 * Every type here is derived from a schema the server validates or answers with, so the SDK
 * cannot disagree with the server: request bodies use `z.input` (defaults may be omitted),
 * responses and query parameters use `z.output` (what is on the wire after parsing).
 */

/**
 * A column config as a request may send it. The server's `ColumnConfigSchema` is a preprocess
 * step (it fills `kind: "input"` when missing) whose input type is `unknown`, so the union it
 * feeds is used instead, plus the kind-less input column it accepts.
 */
export type ColumnConfigInput = z.input<typeof ColumnConfigUnionSchema> | Omit<z.input<typeof InputColumnConfigSchema>, 'kind'>;
/** A column config as the server answers it (defaults filled). */
export type ColumnConfig = z.output<typeof ColumnConfigUnionSchema>;

type WithColumnConfigs<T, Key extends keyof T> = Omit<T, Key> & { [K in Key]?: ColumnConfigInput[] | null };

/** POST /v1/tables body. */
export type CreateTableInput = WithColumnConfigs<z.input<typeof CreateTableInputSchema>, 'column_configs'>;
/** PATCH /v1/tables/{table_id} body. */
export type UpdateTableInput = z.input<typeof UpdateTableInputSchema>;
/** POST /v1/tables/{table_id}/columns body. */
export type CreateTableColumnsInput = Omit<z.input<typeof CreateTableColumnsInputSchema>, 'column_configs'> & { column_configs: ColumnConfigInput[] };
/** One row to create: input values by column key, optional metadata. */
export type RowInput = z.input<typeof RowDataSchema>;
/** POST /v1/tables/{table_id}/rows body. */
export type CreateTableRowsInput = z.input<typeof CreateTableRowsInputSchema>;
/** PATCH /v1/tables/{table_id}/rows body. */
export type UpdateTableRowsInput = z.input<typeof UpdateTableRowsInputSchema>;
/** DELETE /v1/tables/{table_id}/rows body. */
export type DeleteTableRowsInput = z.input<typeof DeleteTableRowsInputSchema>;
/** POST /v1/tables/{table_id}/run body. */
export type RunTableInput = z.input<typeof RunTableInputSchema>;

/** GET /v1/tables query. */
export type ListTablesQuery = Partial<z.output<typeof ListTablesQuerySchema>>;
/** GET /v1/tables/{table_id}/data query; `columns` is sent comma-separated. */
export type TableDataQuery = Omit<Partial<z.output<typeof TableDataQuerySchema>>, 'columns' | 'filter'> & {
  columns?: string[];
  /** Extension: conditions that must all hold (sent as JSON). */
  filter?: RowCondition[] | string;
};
/** One find condition of a data read (extension): a column key and one operator. */
export type RowCondition = z.input<typeof RowConditionWireSchema>;
/** A saved view of a table (extension). */
export type TableView = z.output<typeof TableViewOutputSchema>;
export type TableViewQuery = z.input<typeof TableViewQuerySchema>;
/** POST /v1/tables/{table_id}/clone query. */
export type CloneTableQuery = Partial<z.output<typeof CloneTableQuerySchema>>;
/** GET /v1/tables/{table_id}/rows/{row_id} query. */
export type GetRowQuery = Partial<z.output<typeof GetRowQuerySchema>>;
/** GET /v1/tables/{table_id}/runs query. */
export type ListRunsQuery = Partial<z.output<typeof ListRunsQuerySchema>>;
export type ListRunFailedCellsQuery = Partial<z.output<typeof ListRunFailedCellsQuerySchema>>;

export type TableKind = z.output<typeof TableKindSchema>;
export type TableSummary = z.output<typeof TableSummarySchema>;
export type TableHeader = z.output<typeof TableHeaderSchema>;
export type TableWithStatus = z.output<typeof TableHeaderWithStatusSchema>;
export type TableStatus = z.output<typeof TableStatusSchema>;
export type TableData = z.output<typeof TableDataOutputSchema>;
export type TableDataRow = z.output<typeof TableDataRowSchema>;
export type TableCell = z.output<typeof TableCellDataSchema>;
export type Row = z.output<typeof RowOutputSchema>;
export type RowWithColumns = z.output<typeof RowWithColumnsSchema>;
export type Column = z.output<typeof ColumnOutputSchema>;
export type Run = z.output<typeof RunOutputSchema>;
/** POST /v1/tables/{table_id}/run with dry_run: true (extension): what the run would queue and cost. */
export type RunEstimate = z.output<typeof RunEstimateSchema>;
/** GET /v1/tables/{table_id}/usage (extension). */
export type TableUsage = z.output<typeof TableUsageSchema>;
export type TableUsageQuery = Partial<z.output<typeof TableUsageQuerySchema>>;
/** GET /v1/models (extension). */
export type ConfiguredModels = z.output<typeof ConfiguredModelsSchema>;
/** GET /v1/tables/{table_id}/runs/{run_id}/failed-cells (extension). */
export type RunFailedCells = z.output<typeof RunFailedCellsOutputSchema>;
export type User = z.output<typeof UserOutputSchema>;
export type Billing = z.output<typeof BillingOutputSchema>;
export type Healthcheck = z.output<typeof HealthcheckOutputSchema>;
/** One entry of a 422 body: where (`loc`), what (`msg`) and a pydantic-style `type`. */
export type ValidationIssue = z.output<typeof ValidationErrorSchema>;

/** GET /v1/tables answer with the x-extruct-pagination-* headers read. */
export interface TableList {
  /** The tables of this page. */
  tables: TableSummary[];
  /** Tables matching the filters, over all pages. */
  total: number;
  /** The offset the server used. */
  offset: number;
  /** The limit the server used. */
  limit: number;
}

export type DiscoveryTask = z.output<typeof DiscoveryTaskSchema>;
export type DiscoveryResult = z.output<typeof DiscoveryResultSchema>;
export type DiscoveryTaskResults = z.output<typeof DiscoveryResultsSchema>;
export type CreateDiscoveryTaskInput = z.input<typeof CreateDiscoveryTaskSchema>;
export type DeepResearchTask = z.output<typeof DeepResearchTaskSchema>;
export type CreateDeepResearchTaskInput = z.input<typeof CreateDeepResearchTaskSchema>;
