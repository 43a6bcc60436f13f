/**
 * The API's shapes, taken from the zod schemas the server validates with, so the app and the
 * server cannot drift apart. Only types are imported: no server code reaches the bundle.
 */
import type { z } from 'zod';
import type { ColumnConfig } from '../../../src/domain/column-config-schema.ts';
import type { RunMode, RunStatus } from '../../../src/domain/run-modes.ts';
import type { TableKind } from '../../../src/domain/table-kinds.ts';
import type { CreateTableRowsInputSchema, UpdateTableRowsInputSchema } from '../../../src/api/schemas/row-requests.ts';
import type {
  ColumnOutputSchema,
  TableCellDataSchema,
  TableDataRowSchema,
  TableHeaderSchema,
  TableHeaderWithStatusSchema,
  TableStatusSchema,
  ValidationErrorSchema,
} from '../../../src/api/schemas/shared-schemas.ts';
import type { TableSummarySchema, UpdateTableInputSchema } from '../../../src/api/schemas/table-requests.ts';
import type { RunOutputSchema, RunTableInputSchema } from '../../../src/api/schemas/run-schemas.ts';
import type { DiscoveryTask } from '../../../src/sdk/api-types.ts';
import type { SearchResponse } from '../../../src/sdk/company-endpoints.ts';

export type { ColumnConfig, RunMode, RunStatus, TableKind };

export type Column = z.output<typeof ColumnOutputSchema>;
export type TableHeader = z.output<typeof TableHeaderSchema>;
export type TableWithStatus = z.output<typeof TableHeaderWithStatusSchema>;
export type TableStatus = z.output<typeof TableStatusSchema>;
export type TableSummary = z.output<typeof TableSummarySchema>;
export type CellData = z.output<typeof TableCellDataSchema>;
export type TableDataRow = z.output<typeof TableDataRowSchema>;
export type ValidationIssue = z.output<typeof ValidationErrorSchema>;

/** `GET /v1/tables/{id}/data`: the table with its status and one page of rows. */
export type TableData = TableWithStatus & { rows: TableDataRow[]; num_matching_rows?: number; next_cursor?: string | null };

export type { CreateTableInput, RowCondition, TableView, TableViewQuery } from '../../../src/sdk/api-types.ts';
export type UpdateTableInput = z.input<typeof UpdateTableInputSchema>;
export type CreateRowsInput = z.input<typeof CreateTableRowsInputSchema>;
export type UpdateRowsInput = z.input<typeof UpdateTableRowsInputSchema>;
export type { CreateTableColumnsInput as CreateColumnsInput } from '../../../src/sdk/api-types.ts';

/** RunOutput (contract §1.5 plus Fathom's extensions). */
export type Run = z.output<typeof RunOutputSchema>;

/** `POST /v1/tables/{id}/run` body. */
export type RunInput = z.input<typeof RunTableInputSchema>;

/** A dry run's answer, and a table's usage report (cost extensions). */
export type { ConfiguredModels, RunEstimate, TableUsage } from '../../../src/sdk/api-types.ts';

/** Company search and lookalikes over the workspace's index (contract §6). */
export type { SearchFilters, SearchResponse, LookalikeResponse } from '../../../src/sdk/company-endpoints.ts';
export type CompanySearchResult = SearchResponse['results'][number];

/** Deep Search (contract §5). */
export type { CreateDiscoveryTaskInput, DiscoveryResult, DiscoveryTask, DiscoveryTaskResults } from '../../../src/sdk/api-types.ts';
export type DiscoveryCriterion = DiscoveryTask['criteria'][number];

/** `GET /v1/user`. */
export interface CurrentUser {
  user_id: string;
  email: string;
  organization_name: string | null;
  organization_slug: string | null;
}

/** One changed cell in an `event: cells` message of `GET /v1/tables/{id}/events`. */
export interface CellChange {
  row_id: string;
  column_id: string;
  column_key: string;
  value: unknown;
  status: CellData['status'];
  updated_at: string | null;
  error?: string | null;
}
