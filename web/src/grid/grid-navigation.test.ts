import { describe, expect, it } from 'vitest';
import { moveCell } from './grid-navigation.ts';

const bounds = { rows: 100_000, columns: 6, page: 20, isJump: false };

describe('moveCell', () => {
  it('moves one cell with the arrows and stays inside the grid', () => {
    expect(moveCell({ row: 5, column: 2 }, 'ArrowDown', bounds)).toEqual({ row: 6, column: 2 });
    expect(moveCell({ row: 0, column: 0 }, 'ArrowUp', bounds)).toEqual({ row: 0, column: 0 });
    expect(moveCell({ row: 0, column: 5 }, 'ArrowRight', bounds)).toEqual({ row: 0, column: 5 });
  });

  it('pages and jumps to the edges', () => {
    expect(moveCell({ row: 5, column: 2 }, 'PageDown', bounds)).toEqual({ row: 25, column: 2 });
    expect(moveCell({ row: 5, column: 2 }, 'End', bounds)).toEqual({ row: 5, column: 5 });
    expect(moveCell({ row: 5, column: 2 }, 'End', { ...bounds, isJump: true })).toEqual({ row: 99_999, column: 5 });
    expect(moveCell({ row: 5, column: 2 }, 'ArrowUp', { ...bounds, isJump: true })).toEqual({ row: 0, column: 2 });
  });

  it('ignores keys that do not move', () => {
    expect(moveCell({ row: 5, column: 2 }, 'a', bounds)).toBeNull();
  });
});
