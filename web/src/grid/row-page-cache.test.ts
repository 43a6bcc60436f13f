import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TableData, TableDataRow } from '../api/api-types.ts';
import { ROWS_PER_PAGE, RowPageCache, type LoadPage } from './row-page-cache.ts';

const TOTAL = 10_000;

function row(index: number, status: 'created' | 'done' = 'created', updatedAt = '2026-01-01T00:00:00.000Z'): TableDataRow {
  return {
    id: `row-${index}`,
    created_at: updatedAt,
    parent_row_id: null,
    company_profile_id: null,
    metadata: null,
    parent_data: null,
    is_missing_inputs: false,
    data: { input: { value: `item ${index}`, status: 'done', updated_at: updatedAt }, answer: { value: null, status, updated_at: updatedAt } },
  };
}

function fakeTable(loadRow: (index: number) => TableDataRow = (index) => row(index)): { load: LoadPage; requests: [number, number][] } {
  const requests: [number, number][] = [];
  const load: LoadPage = async (offset, limit) => {
    requests.push([offset, limit]);
    const rows = Array.from({ length: Math.max(0, Math.min(limit, TOTAL - offset)) }, (_, index) => loadRow(offset + index));
    return { rows, status: { num_rows: TOTAL } } as unknown as TableData;
  };
  return { load, requests };
}

describe('RowPageCache', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('fetches only the pages on screen, at once for the first screen', async () => {
    const table = fakeTable();
    const cache = new RowPageCache(
      table.load,
      () => {},
      (error) => {
        throw error;
      },
    );
    cache.show(0, 30);
    await vi.advanceTimersByTimeAsync(0);
    expect(table.requests).toEqual([[0, ROWS_PER_PAGE]]);
    expect(cache.row(30)?.id).toBe('row-30');
    expect(cache.row(ROWS_PER_PAGE)).toBeUndefined();
  });

  it('waits for scrolling to settle and never fetches pages scrolled past', async () => {
    const table = fakeTable();
    const cache = new RowPageCache(
      table.load,
      () => {},
      () => {},
    );
    cache.show(0, 30);
    await vi.advanceTimersByTimeAsync(0);
    for (let first = 500; first < 5_000; first += 500) {
      cache.show(first, first + 30);
      await vi.advanceTimersByTimeAsync(10);
    }
    await vi.advanceTimersByTimeAsync(100);
    expect(table.requests).toEqual([
      [0, ROWS_PER_PAGE],
      [4_500, ROWS_PER_PAGE],
    ]);
  });

  it('keeps a bounded number of rows however far the user scrolls', async () => {
    const table = fakeTable();
    const cache = new RowPageCache(
      table.load,
      () => {},
      () => {},
    );
    for (let first = 0; first < TOTAL; first += ROWS_PER_PAGE) {
      cache.show(first, first + 20);
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(table.requests).toHaveLength(TOTAL / ROWS_PER_PAGE);
    expect(cache.heldRowCount).toBeLessThanOrEqual(24 * ROWS_PER_PAGE);
    expect(cache.row(TOTAL - 1)?.id).toBe(`row-${TOTAL - 1}`);
    expect(cache.row(0)).toBeUndefined();
  });

  it('applies pushed cell changes to rows in memory and ignores rows that are not', async () => {
    const table = fakeTable();
    const cache = new RowPageCache(
      table.load,
      () => {},
      () => {},
    );
    cache.show(0, 10);
    await vi.advanceTimersByTimeAsync(0);
    const before = cache.row(3);
    const untouched = cache.row(4);
    const version = cache.version;
    cache.applyCellChanges([
      { row_id: 'row-3', column_id: 'c', column_key: 'answer', value: { answer: 'yes' }, status: 'done', updated_at: '2026-01-02T00:00:00.000Z' },
      { row_id: 'row-9999', column_id: 'c', column_key: 'answer', value: null, status: 'requested', updated_at: '2026-01-02T00:00:00.000Z' },
    ]);
    expect(cache.row(3)?.data.answer).toEqual({ value: { answer: 'yes' }, status: 'done', updated_at: '2026-01-02T00:00:00.000Z', error: null });
    expect(cache.row(3)).not.toBe(before);
    // Other rows keep their identity, so their memoised grid rows do not redraw.
    expect(cache.row(4)).toBe(untouched);
    expect(cache.version).toBe(version + 1);
  });

  it('keeps a pushed change when a refresh answers with an older copy of the cell', async () => {
    let stale = false;
    const table = fakeTable((index) => (stale ? row(index, 'created', '2026-01-01T00:00:00.000Z') : row(index)));
    const cache = new RowPageCache(
      table.load,
      () => {},
      () => {},
    );
    cache.show(0, 10);
    await vi.advanceTimersByTimeAsync(0);
    cache.applyCellChanges([
      { row_id: 'row-1', column_id: 'c', column_key: 'answer', value: { answer: 'yes' }, status: 'done', updated_at: '2026-01-03T00:00:00.000Z' },
    ]);
    stale = true;
    await cache.refreshShown();
    expect(cache.row(1)?.data.answer?.status).toBe('done');
  });

  it('drops the short last page when the table grows, so the new rows are fetched', async () => {
    const requests: number[] = [];
    let total = 150;
    const cache = new RowPageCache(
      async (offset, limit) => {
        requests.push(offset);
        return {
          rows: Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, index) => row(offset + index)),
          status: { num_rows: total },
        } as unknown as TableData;
      },
      () => {},
      () => {},
    );
    cache.show(100, 149);
    await vi.advanceTimersByTimeAsync(0);
    total = 160;
    cache.noteRowCount(160);
    cache.show(100, 159);
    await vi.advanceTimersByTimeAsync(100);
    expect(requests).toEqual([100, 100]);
    expect(cache.row(159)?.id).toBe('row-159');
  });
});
