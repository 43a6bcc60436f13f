import type { ColumnConfig } from '../domain/column-config-schema.ts';
import { validateColumnSet } from '../domain/column-rules.ts';
import { columnModelIssues } from '../domain/cost/column-model.ts';
import { assertColumnLimit } from '../domain/request-limits.ts';
import { ValidationError } from '../domain/errors.ts';
import type { Column, Principal, Table } from '../domain/records.ts';
import { builtInColumns, type TableKind } from '../domain/table-kinds.ts';
import type { Store, TableListQuery, TablePatch } from '../store/store.ts';
import { syncColumnDependencies } from './column-dependency-sync.ts';
import { checkColumnsOrder } from './column-positions.ts';
import { addEmptyRows } from './row-service.ts';
import type { ServiceContext } from './service-context.ts';
import { ensurePeopleChildTable } from './people-child-table.ts';
import { requireTable, tableHierarchy } from './table-lookup.ts';

export interface CreateTableInput {
  name?: string;
  description?: string | null;
  tags?: string[] | null;
  kind?: TableKind;
  notify?: boolean;
  settings?: Record<string, unknown> | null;
  column_configs?: ColumnConfig[] | null;
  template_id?: string | null;
  num_rows?: number | null;
}

export interface TableDetails {
  table: Table;
  columns: Column[];
  children: Table[];
}

export const DEFAULT_SETTINGS = { exclude_from_search: false };

export async function createTable(context: ServiceContext, principal: Principal, input: CreateTableInput): Promise<TableDetails> {
  const kind = input.kind ?? 'company';
  if (input.template_id && input.column_configs) {
    throw ValidationError.single(['body', 'template_id'], 'send either template_id or column_configs, not both');
  }
  return context.store.transaction(async (store) => {
    let requested = input.column_configs ?? [];
    let locations = requested.map((_, index): (string | number)[] => ['body', 'column_configs', index]);
    if (input.template_id) {
      const template = await store.findTable(principal.workspace.id, input.template_id);
      if (!template) throw ValidationError.single(['body', 'template_id'], `template table ${input.template_id} not found in this workspace`);
      requested = (await store.listColumns(template.id)).map((column) => column.config);
      locations = requested.map(() => ['body', 'template_id']);
    }
    const configs = mergeBuiltIns(kind, requested, locations);
    assertColumnLimit(configs.builtIns.length, configs.incoming.length, ['body', input.template_id ? 'template_id' : 'column_configs']);
    const issues = [
      ...validateColumnSet({ tableKind: kind, hasParentTable: false, existing: configs.builtIns, incoming: configs.incoming }),
      ...columnModelIssues(configs.incoming, context.cost.models.allowed),
    ];
    if (issues.length > 0) throw new ValidationError(issues);
    const now = context.now();
    const tableId = context.newId();
    await store.insertTable({
      id: tableId,
      workspaceId: principal.workspace.id,
      ownerId: principal.user.id,
      name: input.name ?? 'Untitled Table',
      description: input.description ?? null,
      kind,
      tags: input.tags ?? null,
      notify: input.notify ?? false,
      settings: { ...DEFAULT_SETTINGS, ...(input.settings ?? {}) },
      parentTableId: null,
      relationshipType: null,
      createdAt: now,
    });
    const all = [...configs.builtIns, ...configs.incoming.map(({ config }) => config)];
    await store.insertColumns(
      tableId,
      all.map((config, position) => ({ id: context.newId(), tableId, key: config.key, position, config, createdAt: now })),
      now,
    );
    await syncColumnDependencies(store, tableId, kind);
    if (all.some((config) => config.kind === 'company_people_finder')) await ensurePeopleChildTable(store, (await store.findTableById(tableId))!, context);
    if (input.num_rows) await addEmptyRows(context, store, tableId, input.num_rows);
    return loadDetails(store, principal, tableId);
  });
}

/**
 * Built-ins come first; a client config with a built-in's key and kind (the docs' own examples
 * send `{"kind":"input","key":"input"}`) is the built-in itself, keeping the client's name.
 */
function mergeBuiltIns(kind: TableKind, requested: ColumnConfig[], locations: (string | number)[][]) {
  const builtIns = builtInColumns(kind);
  const incoming: { config: ColumnConfig; loc: (string | number)[] }[] = [];
  requested.forEach((config, index) => {
    const builtInIndex = builtIns.findIndex((candidate) => candidate.key === config.key && candidate.kind === config.kind);
    if (builtInIndex === -1) incoming.push({ config, loc: locations[index]! });
    else builtIns[builtInIndex] = { ...builtIns[builtInIndex]!, name: config.name };
  });
  return { builtIns, incoming };
}

export async function loadDetails(store: Store, principal: Principal, tableId: string): Promise<TableDetails> {
  const table = await requireTable(store, principal, tableId);
  const [columns, children] = await Promise.all([store.listColumns(table.id), store.listChildTables(table.id)]);
  return { table, columns, children };
}

export async function listTables(
  context: ServiceContext,
  principal: Principal,
  query: Omit<TableListQuery, 'ownerId'> & { scope?: 'personal' | 'organization' },
) {
  const { scope, ...rest } = query;
  return context.store.listTables(principal.workspace.id, { ...rest, ownerId: scope === 'personal' ? principal.user.id : undefined });
}

export interface UpdateTableInput extends TablePatch {
  columns_order?: string[];
}

export async function updateTable(context: ServiceContext, principal: Principal, tableId: string, input: UpdateTableInput): Promise<TableDetails> {
  return context.store.transaction(async (store) => {
    const table = await requireTable(store, principal, tableId);
    const { columns_order: columnsOrder, ...patch } = input;
    if (columnsOrder) {
      checkColumnsOrder(await store.listColumns(table.id), columnsOrder);
      await store.setColumnPositions(table.id, columnsOrder);
    }
    if (patch.settings) patch.settings = { ...table.settings, ...patch.settings };
    await store.updateTable(table.id, patch, context.now());
    return loadDetails(store, principal, table.id);
  });
}

/** Delete a table and every child table below it; answers with the deleted table as it was. */
export async function deleteTable(context: ServiceContext, principal: Principal, tableId: string): Promise<TableDetails> {
  return context.store.transaction(async (store) => {
    const details = await loadDetails(store, principal, tableId);
    const hierarchy = await tableHierarchy(store, details.table);
    for (const table of hierarchy.reverse()) await store.deleteTable(table.id);
    return details;
  });
}
