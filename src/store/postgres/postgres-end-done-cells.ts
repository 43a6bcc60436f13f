import { type Kysely, type RawBuilder, sql } from 'kysely';
import { usageOfCellValue } from '../../domain/run-summary.ts';
import type { Database } from '../database-schema.ts';
import { isComputedColumn } from '../kysely/absent-cells.ts';
import { COUNTER_SHARDS } from '../kysely/cell-counters.ts';
import type { CellOutcome, ChangedCell } from '../queue-store.ts';

export interface EndedDoneCells {
  ended: ChangedCell[];
  /** Queued cells these endings made ready. */
  newlyReady: number;
}

/**
 * End a batch of done cells in one statement (one round trip, atomic without a transaction):
 * store the values, fenced by lease token and status; link company profiles; wake the queued
 * cells of the same rows whose dependencies are now all done; add model usage and cost to the runs; move
 * the table counters. Every CTE sees the snapshot from before the statement, so the wake-up
 * counts a cell ended here as done even though its own row still reads in_progress. The
 * outcomes travel as parallel arrays (unnest), not one bind parameter per field per cell.
 * Failed outcomes take the transactional path (they fail their dependents, transitively, with
 * a message naming the column); runs are ended after this commits (see endRunsWithNothingLeft).
 * Cells are keyed by integers (0022): outcomes carry the row keys their claim returned, and
 * `outcome` looks up by id only those that do not (a primary-key probe of `rows` by a 36-character
 * id for every cell); the column keys and tables come from `columns`, a handful of rows.
 */
export async function endDoneCellsPostgres(db: Kysely<Database>, outcomes: CellOutcome[], now: string): Promise<EndedDoneCells> {
  return toEndedDoneCells((await endingStatement(outcomes, now).execute(db)).rows);
}

type EndingRow = { kind: 'cell' | 'woken'; row_id: string; column_id: string | null; table_id: string | null; run_id: string | null };

/**
 * The ending statement for these outcomes. Built apart from the async function that runs it (and
 * its answer read apart too): V8 optimizes an async function's body as one state machine, and
 * with the statement's building inside, the ending was among a worker's costliest functions to compile.
 */
function endingStatement(outcomes: CellOutcome[], now: string): RawBuilder<EndingRow> {
  const usages = outcomes.map((outcome) => usageOfCellValue(outcome.value));
  const rowIds = outcomes.map((outcome) => outcome.rowId);
  // The profile links and the run usage are written only by batches that carry some: planning
  // their CTEs (and binding their five usage arrays) was a third of an ending's database time
  // for batches that have none, which is every batch of a run of plain columns.
  const hasProfiles = outcomes.some((outcome) => outcome.companyProfileId);
  const hasUsage = usages.some((usage) => usage && usage.modelCalls + usage.inputTokens + usage.outputTokens + usage.cost + usage.unpricedCells > 0);
  const usageArrays = hasUsage
    ? sql`, ${usages.map((usage) => usage?.modelCalls ?? 0)}::bigint[], ${usages.map((usage) => usage?.inputTokens ?? 0)}::bigint[],
        ${usages.map((usage) => usage?.outputTokens ?? 0)}::bigint[], ${usages.map((usage) => usage?.cost ?? 0)}::double precision[],
        ${usages.map((usage) => usage?.unpricedCells ?? 0)}::bigint[]`
    : sql``;
  const profileArray = hasProfiles ? sql`, ${outcomes.map((outcome) => outcome.companyProfileId ?? null)}::text[]` : sql``;
  const profileColumn = hasProfiles ? sql`, company_profile_id` : sql``;
  const usageColumns = hasUsage ? sql`, model_calls, input_tokens, output_tokens, cost, unpriced_cells` : sql``;
  const linked = hasProfiles
    ? sql`, linked as (
      update rows set company_profile_id = outcome.company_profile_id
      from ended join outcome on outcome.row_id = ended.row_id and outcome.column_id = ended.column_id
      where rows.id = ended.row_id and outcome.company_profile_id is not null
      returning rows.id
    )`
    : sql``;
  const used = hasUsage
    ? sql`, used as (
      update runs
      set model_calls = runs.model_calls + usage.model_calls, input_tokens = runs.input_tokens + usage.input_tokens,
          output_tokens = runs.output_tokens + usage.output_tokens, cost = runs.cost + usage.cost,
          unpriced_cells = runs.unpriced_cells + usage.unpriced_cells
      from (
        select ended.run_id, sum(outcome.model_calls) as model_calls, sum(outcome.input_tokens) as input_tokens, sum(outcome.output_tokens) as output_tokens,
          sum(outcome.cost) as cost, sum(outcome.unpriced_cells) as unpriced_cells
        from ended join outcome on outcome.row_id = ended.row_id and outcome.column_id = ended.column_id
        where ended.run_id is not null and outcome.model_calls + outcome.input_tokens + outcome.output_tokens + outcome.cost + outcome.unpriced_cells > 0
        group by ended.run_id
      ) as usage
      where runs.id = usage.run_id
      returning runs.id
    )`
    : sql``;
  // `outcome` is materialized: it used to be read by three CTEs, which made PostgreSQL materialize
  // it; read by `ended` alone it was inlined into the UPDATE's join, and PostgreSQL drove that
  // join badly (107 ms an ending instead of 13).
  // `ended` compares the status with `outcome.held_status` ('in_progress', from inside the
  // materialized CTE) rather than with the literal on purpose: with the literal, PostgreSQL
  // could prove the predicate of the in-progress partial indexes and, with statistics from
  // before the run (no cell in progress), read every in-progress cell of every worker through
  // `cells_lease_token` into a hash for each ending (~1,000 cells; 2.5 ms an ending on average,
  // a quarter of its time). Unprovable, the only cheap path left is the primary key, probed once
  // per outcome by (row_key, column_key) (0.8 ms). The fence is the same comparison.
  // The columns that depend on this batch's columns are looked up once (`dependents`), not once
  // per ended cell: joined per cell, the lookup was a bitmap scan of column_dependencies for each
  // of the 128 cells of a batch, even in a run of columns nothing depends on (the ending's logged
  // time fell from 16.4 to 9.1 ms a batch, 4 workers, when it went).
  const endedColumnIds = [...new Set(outcomes.map((outcome) => outcome.columnId))];
  return sql<EndingRow>`
    with sent as (
      select * from unnest(
        ${rowIds}::text[], ${outcomes.map((outcome) => outcome.columnId)}::text[], ${outcomes.map((outcome) => outcome.leaseToken)}::text[],
        ${outcomes.map((outcome) => (outcome.value === null || outcome.value === undefined ? null : JSON.stringify(outcome.value)))}::text[],
        ${outcomes.map((outcome) => outcome.storedRowKey ?? null)}::bigint[]${profileArray}${usageArrays}
      ) as sent(row_id, column_id, lease_token, value, known_row_key${profileColumn}${usageColumns})
    ), outcome as materialized (
      select sent.*, outcome_column.column_key, outcome_column.table_id, 'in_progress'::text as held_status,
        coalesce(sent.known_row_key, (select outcome_row.key from rows outcome_row where outcome_row.id = sent.row_id)) as row_key
      from sent
      join columns outcome_column on outcome_column.id = sent.column_id
    ), ended as (
      update cells
      set status = 'done', value = outcome.value, error = null,
          lease_token = null, lease_expires_at = null, previous_status = null, run_after = null, stale = null, updated_at = ${now}
      from outcome
      where cells.row_key = outcome.row_key and cells.column_key = outcome.column_key
        and cells.lease_token = outcome.lease_token and cells.status = outcome.held_status
      returning outcome.row_id, outcome.column_id, outcome.table_id, cells.run_id, cells.row_key, cells.column_key
    )${linked}, dependents as materialized (
      select edge.depends_on_column_id as upstream_id, dependent_column.column_key
      from column_dependencies edge
      join columns dependent_column on dependent_column.id = edge.column_id
      where edge.depends_on_column_id = any(${endedColumnIds}::text[])
    ), woken as (
      update cells set is_ready = 1
      from dependents, ended
      where dependents.upstream_id = ended.column_id
        and cells.row_key = ended.row_key and cells.column_key = dependents.column_key
        and cells.status = 'requested' and cells.is_ready = 0
        and not exists (
          select 1 from columns own_column
          join column_dependencies dependency on dependency.column_id = own_column.id
          join columns upstream_column on upstream_column.id = dependency.depends_on_column_id
          where own_column.column_key = cells.column_key and ${isComputedColumn('upstream_column')}
            and not exists (
              select 1 from cells upstream
              where upstream.row_key = cells.row_key and upstream.column_key = upstream_column.column_key and upstream.status = 'done'
            )
            and not exists (select 1 from ended just where just.row_key = cells.row_key and just.column_key = upstream_column.column_key)
        )
      returning cells.row_key
    )${used}, counted as (
      insert into table_cell_counts as counts (table_id, shard, cells_created, cells_requested, cells_in_progress, cells_done, cells_failed)
      select table_id, ${Math.floor(Math.random() * COUNTER_SHARDS)}, 0, 0, -count(*), count(*), 0 from ended group by table_id
      on conflict (table_id, shard) do update
      set cells_in_progress = counts.cells_in_progress + excluded.cells_in_progress, cells_done = counts.cells_done + excluded.cells_done
      returning counts.table_id
    )
    select 'cell' as kind, row_id, column_id, table_id, run_id from ended
    union all
    select 'woken', count(*)::text, null, null, null from woken`;
}

function toEndedDoneCells(rows: EndingRow[]): EndedDoneCells {
  const ended: ChangedCell[] = [];
  let newlyReady = 0;
  for (const row of rows) {
    if (row.kind === 'woken') newlyReady = Number(row.row_id);
    else ended.push({ tableId: row.table_id!, rowId: row.row_id, columnId: row.column_id!, runId: row.run_id });
  }
  return { ended, newlyReady };
}
