import { describe, expect, it } from 'vitest';
import { budgetFromWire, budgetReached } from './task-budget.ts';

describe('budgetReached', () => {
  it('has room while every limit is above what was spent, and no budget never stops', () => {
    expect(budgetReached({ modelCalls: 10, searches: 3 }, { modelCalls: 9, searches: 2 })).toBeNull();
    expect(budgetReached(null, { modelCalls: 1e9, searches: 1e9 })).toBeNull();
    expect(budgetReached({ modelCalls: null, searches: null }, { modelCalls: 1e9, searches: 1e9 })).toBeNull();
  });

  it('stops at the limit of either counter and says which', () => {
    expect(budgetReached({ modelCalls: 10, searches: null }, { modelCalls: 10, searches: 0 })).toContain('limit of 10 model calls');
    expect(budgetReached({ modelCalls: null, searches: 2 }, { modelCalls: 0, searches: 3 })).toContain('limit of 2 web searches');
  });

  it('reads the wire shape with absent limits as null', () => {
    expect(budgetFromWire({ model_calls: 5 })).toEqual({ modelCalls: 5, searches: null });
    expect(budgetFromWire(undefined)).toBeNull();
  });
});
