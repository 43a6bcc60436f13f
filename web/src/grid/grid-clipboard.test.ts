import { describe, expect, it } from 'vitest';
import type { Column, TableDataRow } from '../api/api-types.ts';
import { copyRange, planPaste } from './grid-clipboard.ts';
import { buildGridColumns } from './grid-columns.ts';

const column = (key: string, kind: string, extra: object = {}) =>
  ({ id: key, created_at: '', config: { kind, name: key, key, ...extra } }) as unknown as Column;
const columns = [
  column('input', 'input'),
  column('segment', 'agent', { value: { agent_type: 'llm', prompt: 'x', output_format: 'text' } }),
  column('notes', 'input'),
  column('owner', 'input'),
];
const grid = buildGridColumns(columns, columns[0], { widths: {}, expandedFields: {} });

const row = (id: string, input: string, segment: unknown, notes: string | null): TableDataRow =>
  ({
    id,
    data: {
      input: { value: input, status: 'done' },
      segment: segment === null ? { value: null, status: 'created' } : { value: { answer: segment }, status: 'done' },
      notes: { value: notes, status: notes === null ? 'created' : 'done' },
      owner: { value: null, status: 'created' },
    },
  }) as unknown as TableDataRow;

describe('copyRange', () => {
  it('copies inputs as typed and answers as text; cells not done and rows not in memory are empty', () => {
    const rows = [row('a', 'acme.test', 'B2B', 'hi'), row('b', 'globex.test', null, null)];
    expect(copyRange({ top: 0, bottom: 2, left: 0, right: 2 }, grid, (index) => rows[index])).toEqual({
      rows: [
        ['acme.test', 'B2B', 'hi'],
        ['globex.test', '', ''],
        ['', '', ''],
      ],
      missingRows: 1,
    });
  });
});

describe('planPaste', () => {
  it('fills every input cell of the selection with one value', () => {
    expect(planPaste({ top: 1, bottom: 2, left: 1, right: 2 }, [['x']], grid, 5).targets).toEqual([
      { rowIndex: 1, key: 'notes', value: 'x' },
      { rowIndex: 2, key: 'notes', value: 'x' },
    ]);
  });

  it('lays a block from the top-left cell over the input columns to the right, and adds rows past the end', () => {
    const plan = planPaste(
      { top: 1, bottom: 1, left: 0, right: 0 },
      [
        ['a.test', 'note a'],
        ['b.test', ''],
        ['c.test', 'note c'],
      ],
      grid,
      3,
    );
    expect(plan.targets).toEqual([
      { rowIndex: 1, key: 'input', value: 'a.test' },
      { rowIndex: 1, key: 'notes', value: 'note a' },
      { rowIndex: 2, key: 'input', value: 'b.test' },
      { rowIndex: 2, key: 'notes', value: null },
    ]);
    expect(plan.newRows).toEqual([{ input: 'c.test', notes: 'note c' }]);
    expect(plan.droppedColumns).toBe(0);
  });

  it('drops the columns that have no input column to go into', () => {
    expect(planPaste({ top: 0, bottom: 0, left: 3, right: 3 }, [['x', 'y', 'z']], grid, 1)).toMatchObject({
      targets: [{ rowIndex: 0, key: 'owner', value: 'x' }],
      droppedColumns: 2,
    });
  });
});
