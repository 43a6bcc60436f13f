import { isComputedKind, type ColumnConfig } from '../domain/column-config-schema.ts';
import { columnsOutOfDateAfterChange, configChangesAnswers } from '../domain/answer-staleness.ts';
import { dependencyGraph, directDependents, listNames } from '../domain/column-dependencies.ts';
import { validateColumnSet } from '../domain/column-rules.ts';
import { columnModelIssues } from '../domain/cost/column-model.ts';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import { assertColumnLimit } from '../domain/request-limits.ts';
import type { Column, Principal, Table } from '../domain/records.ts';
import { builtInKeys } from '../domain/table-kinds.ts';
import type { Store } from '../store/store.ts';
import { syncColumnDependencies } from './column-dependency-sync.ts';
import { orderWithInsertedColumns } from './column-positions.ts';
import { ensurePeopleChildTable } from './people-child-table.ts';
import type { ServiceContext } from './service-context.ts';
import { requireTable } from './table-lookup.ts';

/** Add columns (contract §2.4.1); every existing row gets a cell in each. */
export async function addColumns(
  context: ServiceContext,
  principal: Principal,
  tableId: string,
  configs: ColumnConfig[],
  insertAfter: boolean | string,
): Promise<Column[]> {
  return context.store.transaction(async (store) => {
    const table = await requireTable(store, principal, tableId);
    const existing = await store.listColumns(table.id);
    assertColumnLimit(existing.length, configs.length, ['body', 'column_configs']);
    const incoming = configs.map((config, index) => ({ config, loc: ['body', 'column_configs', index] }));
    const issues = [
      ...validateColumnSet({
        tableKind: table.kind,
        hasParentTable: table.parentTableId !== null,
        existing: existing.map((column) => column.config),
        incoming,
      }),
      ...columnModelIssues(incoming, context.cost.models.allowed),
    ];
    if (issues.length > 0) throw new ValidationError(issues);
    const now = context.now();
    const added = configs.map((config): Column => ({ id: context.newId(), tableId: table.id, key: config.key, position: 0, config, createdAt: now }));
    const order = orderWithInsertedColumns(
      existing,
      added.map((column) => column.id),
      insertAfter,
    );
    for (const column of added) column.position = order.indexOf(column.id);
    await store.insertColumns(table.id, added, now);
    await store.setColumnPositions(table.id, order);
    await syncColumnDependencies(store, table.id, table.kind);
    // A people finder lists its people in the linked child table (contract §1.7), made now so
    // clients see the relationship as soon as the column exists.
    if (configs.some((config) => config.kind === 'company_people_finder')) await ensurePeopleChildTable(store, table, context);
    await store.updateTable(table.id, {}, now);
    return added;
  });
}

/**
 * Replace a column's config (contract §2.4.2: a complete config, not a merge). Existing cell
 * values are kept and, when the change alters what the column would answer, marked out of date
 * with their dependents; run mode "stale" (or "all") recomputes them.
 */
export async function replaceColumn(context: ServiceContext, principal: Principal, tableId: string, columnId: string, config: ColumnConfig): Promise<Column> {
  return context.store.transaction(async (store) => {
    const table = await requireTable(store, principal, tableId);
    const columns = await store.listColumns(table.id);
    const column = requireColumn(columns, columnId, table);
    const isBuiltIn = builtInKeys(table.kind).includes(column.key);
    if (isBuiltIn && (config.key !== column.key || config.kind !== column.config.kind)) {
      throw ValidationError.single(['body', 'key'], `'${column.key}' is a built-in column of ${table.kind} tables; its key and kind cannot change`);
    }
    if (isComputedKind(config.kind) !== isComputedKind(column.config.kind)) {
      throw ValidationError.single(
        ['body', 'kind'],
        `a column cannot change between input and computed kinds (${column.config.kind} -> ${config.kind}); add a new column instead`,
      );
    }
    const others = columns.filter((candidate) => candidate.id !== column.id);
    if (config.key !== column.key) {
      const dependents = directDependents(
        others.map((other) => other.config),
        table.kind,
        column.key,
      );
      if (dependents.length > 0) {
        throw ValidationError.single(
          ['body', 'key'],
          `cannot change the key '${column.key}': ${listNames(dependents.map((dependent) => dependent.name))} ${dependents.length === 1 ? 'uses' : 'use'} it`,
        );
      }
    }
    const issues = [
      ...validateColumnSet({
        tableKind: table.kind,
        hasParentTable: table.parentTableId !== null,
        existing: others.map((other) => other.config),
        incoming: [{ config, loc: ['body'] }],
      }),
      ...columnModelIssues([{ config, loc: ['body'] }], context.cost.models.allowed),
    ];
    if (issues.length > 0) throw new ValidationError(issues);
    const now = context.now();
    await store.replaceColumnConfig(column.id, config);
    await syncColumnDependencies(store, table.id, table.kind);
    // Answers are kept, marked out of date with everything computed from them (run mode `stale`).
    const outOfDate = columnsMadeOutOfDate(table, columns, column, config);
    if (outOfDate.length > 0) await store.markCellsStale(table.id, null, outOfDate, now, 'config');
    await store.updateTable(table.id, {}, now);
    return { ...column, key: config.key, config };
  });
}

/**
 * How many answers replacing a column's config would make out of date (for the edit dialog's
 * warning), without changing anything. The config is not validated here; the replace does that.
 */
export async function previewColumnChange(
  context: ServiceContext,
  principal: Principal,
  tableId: string,
  columnId: string,
  config: ColumnConfig,
): Promise<{ numCellsOutOfDate: number; columnKeys: string[] }> {
  const store = context.store;
  const table = await requireTable(store, principal, tableId);
  const columns = await store.listColumns(table.id);
  const column = requireColumn(columns, columnId, table);
  const outOfDate = columnsMadeOutOfDate(table, columns, column, config);
  const keys = columns.filter((candidate) => outOfDate.includes(candidate.id)).map((candidate) => candidate.key);
  return { numCellsOutOfDate: await store.countAnsweredCells(table.id, outOfDate), columnKeys: keys };
}

/** Ids of the computed columns whose answers a new config for `column` makes out of date. */
function columnsMadeOutOfDate(table: Table, columns: Column[], column: Column, config: ColumnConfig): string[] {
  if (!isComputedKind(config.kind) || !configChangesAnswers(column.config, config)) return [];
  const configs = columns.map((candidate) => (candidate.id === column.id ? config : candidate.config));
  const keys = columnsOutOfDateAfterChange(dependencyGraph(configs, table.kind), config.key);
  return columns
    .filter((candidate) => isComputedKind(candidate.config.kind) && keys.has(candidate.id === column.id ? config.key : candidate.key))
    .map((candidate) => candidate.id);
}

/** Delete a column and its cells; built-ins and columns others depend on stay (422 naming them). */
export async function deleteColumn(context: ServiceContext, principal: Principal, tableId: string, columnId: string): Promise<Column> {
  return context.store.transaction(async (store) => {
    const table = await requireTable(store, principal, tableId);
    const columns = await store.listColumns(table.id);
    const column = requireColumn(columns, columnId, table);
    if (builtInKeys(table.kind).includes(column.key)) {
      throw ValidationError.single(['path', 'column_id'], `'${column.key}' is a built-in column of ${table.kind} tables and cannot be deleted`);
    }
    const dependents = directDependents(
      columns.map((candidate) => candidate.config),
      table.kind,
      column.key,
    );
    if (dependents.length > 0) {
      const names = listNames(dependents.map((dependent) => dependent.name));
      throw ValidationError.single(
        ['path', 'column_id'],
        `${column.config.name} is used by ${names}; change or delete ${dependents.length === 1 ? 'that column' : 'those columns'} first`,
      );
    }
    await store.deleteColumn(table.id, column.id);
    await store.setColumnPositions(
      table.id,
      columns.filter((candidate) => candidate.id !== column.id).map((candidate) => candidate.id),
    );
    await syncColumnDependencies(store, table.id, table.kind);
    await store.updateTable(table.id, {}, context.now());
    return column;
  });
}

function requireColumn(columns: Column[], columnId: string, table: Table): Column {
  const column = columns.find((candidate) => candidate.id === columnId);
  if (!column) throw new NotFoundError(`Column ${columnId} not found in table ${table.id}`);
  return column;
}

export async function listColumns(store: Store, principal: Principal, tableId: string): Promise<Column[]> {
  const table = await requireTable(store, principal, tableId);
  return store.listColumns(table.id);
}
