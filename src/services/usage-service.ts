import { spendOfCellValue, type CellSpend } from '../domain/cost/cell-usage.ts';
import type { Principal } from '../domain/records.ts';
import type { ServiceContext } from './service-context.ts';
import { requireTable } from './table-lookup.ts';

import type { UsageGrouping } from '../domain/cost/usage-groupings.ts';

/** What a set of answered cells spent, and what the response cache and shared profiles saved. */
export interface UsageFigures {
  cells: number;
  modelCalls: number;
  inputTokens: number;
  outputTokens: number;
  searches: number;
  pageFetches: number;
  /** Dollars of the cells whose cost is known. */
  cost: number;
  /** Cells that spent something with no known price (left out of `cost`). */
  unpricedCells: number;
  /** Model calls answered from the response cache, and the dollars they did not cost. */
  cachedCalls: number;
  cacheSavedCost: number;
  /** Company profile cells that reused the workspace's profile, and what building them would have cost. */
  profilesReused: number;
  profileSavedCost: number;
}

export interface UsageGroup {
  /** Run id, column id, model id (or "none"), or UTC day (YYYY-MM-DD). */
  key: string;
  figures: UsageFigures;
}

export interface TableUsage {
  groupBy: UsageGrouping;
  total: UsageFigures;
  groups: UsageGroup[];
}

const PAGE = 2_000;

function emptyFigures(): UsageFigures {
  return {
    cells: 0,
    modelCalls: 0,
    inputTokens: 0,
    outputTokens: 0,
    searches: 0,
    pageFetches: 0,
    cost: 0,
    unpricedCells: 0,
    cachedCalls: 0,
    cacheSavedCost: 0,
    profilesReused: 0,
    profileSavedCost: 0,
  };
}

function add(figures: UsageFigures, spend: CellSpend): void {
  figures.cells += 1;
  figures.modelCalls += spend.modelCalls;
  figures.inputTokens += spend.inputTokens;
  figures.outputTokens += spend.outputTokens;
  figures.searches += spend.searches;
  figures.pageFetches += spend.pageFetches;
  if (spend.cost === null) figures.unpricedCells += 1;
  else figures.cost += spend.cost;
  figures.cachedCalls += spend.cachedCalls;
  figures.cacheSavedCost += spend.cachedCost ?? 0;
  if (spend.isReusedProfile) figures.profilesReused += 1;
}

/**
 * A table's spend from its answered cells' recorded usage, in total and grouped. A cell counts
 * under the run that last computed it (a later run that recomputes it takes it over) and the day
 * it was answered. A reused company profile is credited with the mean cost of the profiles this
 * table did build (none built: nothing credited).
 */
export async function tableUsage(context: ServiceContext, principal: Principal, tableId: string, groupBy: UsageGrouping): Promise<TableUsage> {
  const table = await requireTable(context.store, principal, tableId);
  const { prices, searchProvider } = context.cost;
  const total = emptyFigures();
  const groups = new Map<string, UsageFigures>();
  const reusedByGroup = new Map<string, number>();
  let builtProfiles = 0;
  let builtProfileCost = 0;
  let after: string | null = null;
  for (;;) {
    const records = await context.store.listCellSpendRecords(table.id, { after, limit: PAGE });
    for (const record of records) {
      let value: unknown;
      try {
        value = JSON.parse(record.value);
      } catch {
        continue;
      }
      const spend = spendOfCellValue(value, prices, searchProvider);
      const key = groupKey(groupBy, record, spend);
      const figures = groups.get(key) ?? emptyFigures();
      groups.set(key, figures);
      add(figures, spend);
      add(total, spend);
      if (spend.isReusedProfile) reusedByGroup.set(key, (reusedByGroup.get(key) ?? 0) + 1);
      else if ((value as { is_reused?: unknown }).is_reused === false && spend.cost !== null) {
        builtProfiles += 1;
        builtProfileCost += spend.cost;
      }
    }
    if (records.length < PAGE) break;
    after = records.at(-1)!.position;
  }
  const profileCost = builtProfiles === 0 ? 0 : builtProfileCost / builtProfiles;
  for (const [key, reused] of reusedByGroup) groups.get(key)!.profileSavedCost = reused * profileCost;
  total.profileSavedCost = total.profilesReused * profileCost;
  const sorted = [...groups.entries()].sort(([left], [right]) => left.localeCompare(right)).map(([key, figures]) => ({ key, figures }));
  return { groupBy, total, groups: sorted };
}

function groupKey(groupBy: UsageGrouping, record: { runId: string | null; columnId: string; updatedAt: string }, spend: CellSpend): string {
  switch (groupBy) {
    case 'run':
      return record.runId ?? 'none';
    case 'column':
      return record.columnId;
    case 'model':
      return spend.model ?? 'none';
    case 'day':
      return record.updatedAt.slice(0, 10);
  }
}
