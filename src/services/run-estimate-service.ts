import { spendOfCellValue } from '../domain/cost/cell-usage.ts';
import { namedModelOf } from '../domain/cost/column-model.ts';
import {
  estimateColumn,
  MIN_HISTORY_SAMPLES,
  profileFromPrompt,
  profileFromSamples,
  type CellFigures,
  type ColumnEstimate,
  type CostRange,
  type PerCellProfile,
} from '../domain/cost/cost-estimate.ts';
import type { Column, Principal, Table } from '../domain/records.ts';
import type { RunMode } from '../domain/run-modes.ts';
import type { Store } from '../store/store.ts';
import type { CostSettings } from './cost-settings.ts';
import { planRun, type StartRunInput } from './run-service.ts';
import type { ServiceContext } from './service-context.ts';
import { requireTable } from './table-lookup.ts';

/** Finished cells read per column for its history: enough for stable percentiles, bounded for big tables. */
const HISTORY_SAMPLE = 1_000;
/** Similar columns read, and cells of each. */
const SIMILAR_COLUMNS = 5;
const SIMILAR_SAMPLE = 200;

export interface ColumnRunEstimate extends ColumnEstimate {
  column: Column;
  /** The model its cells call (null: none configured). */
  model: string | null;
  profile: PerCellProfile;
}

/** What a run would queue and spend, without queuing anything (`dry_run: true`). */
export interface RunEstimate {
  mode: RunMode;
  /** Cells the run would queue: the sum over `columns`. */
  numRequestedCells: number;
  columns: ColumnRunEstimate[];
  totals: CellFigures;
  /** Null when some column's model or search has no price. */
  cost: CostRange | null;
  requiresConfirmation: boolean;
}

/**
 * Estimate a run: the cells it would queue per column (the run's own selection, counted), and
 * per cell what the column's history says, else similar columns of the workspace, else the
 * prompt's size and format (docs/decisions/2026-12-06-cost-estimate-method.md).
 */
export async function estimateRun(context: ServiceContext, principal: Principal, tableId: string, input: StartRunInput): Promise<RunEstimate> {
  const store = context.store;
  const table = await requireTable(store, principal, tableId);
  const plan = await planRun(context, store, table, input);
  const cellsByColumn = new Map<string, number>();
  for (const selection of plan.selections) {
    for (const [columnId, count] of await store.countRequestableCells(selection)) cellsByColumn.set(columnId, (cellsByColumn.get(columnId) ?? 0) + count);
  }
  const settings = context.cost;
  const workspace = new SimilarColumns(store, table, settings);
  const columns: ColumnRunEstimate[] = [];
  for (const column of plan.columns) {
    const cells = cellsByColumn.get(column.id) ?? 0;
    if (cells === 0) continue;
    const model = modelOfColumn(column, settings);
    const history = await workspace.samplesOf(table.id, column.id, HISTORY_SAMPLE);
    const profile =
      history.length >= MIN_HISTORY_SAMPLES
        ? profileFromSamples(history, 'column_history')
        : ((await workspace.profile(column)) ?? promptProfile(column, settings));
    columns.push({ column, model, profile, ...estimateColumn(cells, profile, { prices: settings.prices, model, searchProvider: settings.searchProvider }) });
  }
  const totals: CellFigures = { modelCalls: 0, inputTokens: 0, outputTokens: 0, searches: 0, pageFetches: 0 };
  let cost: CostRange | null = { low: 0, expected: 0, high: 0 };
  for (const estimate of columns) {
    for (const name of Object.keys(totals) as (keyof CellFigures)[]) totals[name] += estimate.totals[name];
    cost =
      cost && estimate.cost
        ? { low: cost.low + estimate.cost.low, expected: cost.expected + estimate.cost.expected, high: cost.high + estimate.cost.high }
        : null;
  }
  const numRequestedCells = columns.reduce((sum, estimate) => sum + estimate.cells, 0);
  // An unknown cost is shown as unknown but does not ask: unpriced models are mostly the
  // operator's own (Ollama, vLLM), and pricing them (FATHOM_PRICES) turns the check on.
  const requiresConfirmation = numRequestedCells > 0 && cost !== null && cost.high > settings.confirmRunAbove;
  return { mode: plan.mode, numRequestedCells, columns, totals, cost, requiresConfirmation };
}

/** The model a column's cells call: its own `value.model`, else the reasoning or everyday model. */
export function modelOfColumn(column: Column, settings: CostSettings): string | null {
  const named = namedModelOf(column.config);
  if (named) return named;
  if (column.config.kind === 'agent' && column.config.value.agent_type === 'research_reasoning') return settings.models.reasoning ?? settings.models.default;
  return settings.models.default;
}

/** A finished cell's figures; an answer served from the cache counts what it would have cost fresh. */
function figuresOfValue(value: string, settings: CostSettings): CellFigures | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || !('usage' in parsed)) return null;
  const spend = spendOfCellValue(parsed, settings.prices, settings.searchProvider);
  return {
    modelCalls: spend.modelCalls + spend.cachedCalls,
    inputTokens: spend.inputTokens + spend.cachedInputTokens,
    outputTokens: spend.outputTokens + spend.cachedOutputTokens,
    searches: spend.searches,
    pageFetches: spend.pageFetches,
  };
}

function samplesOf(values: string[], settings: CostSettings): CellFigures[] {
  return values.map((value) => figuresOfValue(value, settings)).filter((figures): figures is CellFigures => figures !== null);
}

/**
 * Agent columns of the workspace (this table's other columns included) with the same agent type
 * and output format. The columns and each one's samples are read once per estimate.
 */
class SimilarColumns {
  private columns: Awaited<ReturnType<Store['listWorkspaceAgentColumns']>> | undefined;
  private readonly samples = new Map<string, CellFigures[]>();

  constructor(
    private readonly store: Store,
    private readonly table: Table,
    private readonly settings: CostSettings,
  ) {}

  /** A column's own finished cells (up to `limit`), read once. */
  async samplesOf(tableId: string, columnId: string, limit: number): Promise<CellFigures[]> {
    let samples = this.samples.get(columnId);
    if (!samples) {
      samples = samplesOf(await this.store.listFinishedCellValues(tableId, columnId, limit), this.settings);
      this.samples.set(columnId, samples);
    }
    return samples;
  }

  async profile(column: Column): Promise<PerCellProfile | null> {
    const config = column.config;
    if (config.kind !== 'agent') return null;
    this.columns ??= await this.store.listWorkspaceAgentColumns(this.table.workspaceId);
    const similar = this.columns.filter(
      (other) =>
        other.id !== column.id &&
        other.config.kind === 'agent' &&
        other.config.value.agent_type === config.value.agent_type &&
        other.config.value.output_format === config.value.output_format,
    );
    const samples: CellFigures[] = [];
    for (const other of similar.slice(0, SIMILAR_COLUMNS)) {
      samples.push(...(await this.samplesOf(other.tableId, other.id, HISTORY_SAMPLE)).slice(0, SIMILAR_SAMPLE));
    }
    return samples.length >= MIN_HISTORY_SAMPLES ? profileFromSamples(samples, 'similar_columns') : null;
  }
}

function promptProfile(column: Column, settings: CostSettings): PerCellProfile {
  const config = column.config;
  const isAgent = config.kind === 'agent';
  return profileFromPrompt({
    executorId: isAgent ? config.value.agent_type : config.kind,
    outputFormat: isAgent ? config.value.output_format : null,
    promptCharacters: isAgent ? config.value.prompt.length : 0,
    researchBudget: settings.researchBudget,
  });
}
