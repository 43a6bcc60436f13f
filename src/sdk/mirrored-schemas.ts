import { z } from 'zod';
import { RUN_MODES, RUN_STATUSES } from '../domain/run-modes.ts';
import { TableDataRowSchema, TableHeaderWithStatusSchema } from '../api/schemas/shared-schemas.ts';

/**
 * Response and request shapes the server declares inside its route files without exporting
 * them (src/api/routes/account-routes.ts, run-routes.ts, table-data-route.ts). They are built
 * from the same domain enums and shared schemas, and `mirrored-schemas.test.ts` compares each
 * one with the server's /openapi.json, so a change on the server fails a test instead of
 * drifting silently. Once the server exports these, import them instead and delete this file.
 */

/** GET /v1/healthcheck (component `HealthcheckOutput`). */
export const HealthcheckOutputSchema = z.object({ status: z.string() });

/** GET /v1/user (component `UserOutput`). */
export const UserOutputSchema = z.object({
  user_id: z.string(),
  email: z.string(),
  available_credits: z.number(),
  organization_id: z.string().nullable(),
  organization_name: z.string().nullable(),
  organization_slug: z.string().nullable(),
  organization_is_active: z.boolean(),
});

/** GET /v1/billing (component `BillingOutput`). */
export const BillingOutputSchema = z.object({
  user: UserOutputSchema,
  subscription: z.object({ requires_subscription: z.boolean(), plan_tier: z.string() }),
});

/** POST /v1/tables/{table_id}/run body (component `RunTableInput`). */
export const RunTableInputSchema = z.object({
  mode: z.enum(RUN_MODES).default('new'),
  rows: z.array(z.string()).max(100_000).nullish(),
  columns: z.array(z.string()).max(1_000).nullish(),
});

/** A run as the run endpoints answer it (component `RunOutput`). */
export const RunOutputSchema = z.object({
  id: z.string(),
  created_at: z.string(),
  status: z.enum(RUN_STATUSES),
  rows: z.array(z.string()).nullable(),
  columns: z.array(z.string()).nullable(),
  num_requested_cells: z.number().int(),
  mode: z.enum(RUN_MODES),
  updated_at: z.string(),
  ended_at: z.string().nullable(),
});

/** GET /v1/tables/{table_id}/runs query. */
export const ListRunsQuerySchema = z.object({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(100).default(20) });

/** GET /v1/tables/{table_id}/data (component `TableDataOutput`). */
export const TableDataOutputSchema = TableHeaderWithStatusSchema.extend({
  discovery_tasks: z.array(z.unknown()).nullable(),
  rows: z.array(TableDataRowSchema),
});
