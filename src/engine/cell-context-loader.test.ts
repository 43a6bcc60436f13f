import { describe, expect, it } from 'vitest';
import type { ColumnConfig } from '../domain/column-config-schema.ts';
import type { Column, Row, Table } from '../domain/records.ts';
import type { ClaimedCell } from '../store/queue-store.ts';
import { loadCellContexts } from './cell-context-loader.ts';

const AT = '2026-12-01T00:00:00.000Z';
const column = (id: string, key: string, config: Partial<ColumnConfig>, position: number): Column => ({
  id,
  tableId: 'table',
  key,
  position,
  config: { name: key, key, ...config } as ColumnConfig,
  createdAt: AT,
});
const columns = [
  column('input-a', 'a', { kind: 'input' }, 0),
  column('input-b', 'b', { kind: 'input' }, 1),
  column('answer', 'answer', { kind: 'agent', value: { agent_type: 'llm', prompt: '{a} {b}' } } as never, 2),
];
const row: Row = { id: 'row', tableId: 'table', seq: 1, parentRowId: null, companyProfileId: null, metadata: null, createdAt: AT, updatedAt: AT };
const table = { id: 'table', kind: 'generic', workspaceId: 'workspace', name: 'table', parentTableId: null } as Table;
const claimed: ClaimedCell = { rowId: 'row', columnId: 'answer', tableId: 'table', runId: 'run', attempts: 1, leaseToken: 'lease', bypassCache: false };

/**
 * The loader reads stored cells only (absent cells are not stored); an input cell that is not
 * stored must still read as null, as `listCells` presents it, so prompts and row inputs see
 * the same values as before.
 */
describe('loadCellContexts', () => {
  it('gives an input cell that is not stored a null answer, and a stored one its value', async () => {
    const store = {
      findTableWithColumns: async () => ({ table, columns }),
      listColumns: async () => columns,
      findRowsWithCellValues: async (_tableId: string, rowIds: string[]) =>
        rowIds.includes(row.id) ? [{ ...row, cells: [{ columnId: 'input-a', status: 'done' as const, value: 'acme.example' }] }] : [],
    };
    const [loaded] = await loadCellContexts(store, [claimed]);
    if (!loaded || 'problem' in loaded) throw new Error('expected a context');
    expect(loaded.context.inputs).toEqual({ a: 'acme.example', b: null });
    expect(loaded.context.rowInputs).toEqual({ a: 'acme.example', b: null });
    expect(loaded.context.dependencyValues).toEqual({});
  });
});
