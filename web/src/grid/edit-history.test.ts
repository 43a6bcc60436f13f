import { describe, expect, it } from 'vitest';
import { EditHistory } from './edit-history.ts';

function counter() {
  const state = { value: 0, log: [] as string[] };
  const entry = (label: string, amount: number) => ({
    label,
    undo: async () => {
      state.value -= amount;
      state.log.push(`undo ${label}`);
    },
    redo: async () => {
      state.value += amount;
      state.log.push(`redo ${label}`);
    },
  });
  return { state, entry };
}

describe('EditHistory', () => {
  it('undoes and redoes in order, and a new change forgets what was undone', async () => {
    const history = new EditHistory();
    const { state, entry } = counter();
    state.value = 3;
    history.record(entry('one', 1));
    history.record(entry('two', 2));
    expect(history.nextUndo).toBe('two');
    // Pressed twice quickly: both run, one after the other.
    await Promise.all([history.undo(), history.undo()]);
    expect(state).toEqual({ value: 0, log: ['undo two', 'undo one'] });
    expect(await history.undo()).toBeNull();
    expect(await history.redo()).toBe('one');
    expect(history.nextRedo).toBe('two');
    history.record(entry('three', 3));
    expect(history.nextRedo).toBeNull();
    expect(history.nextUndo).toBe('three');
  });

  it('drops a change the server refused to take back, and carries on', async () => {
    const history = new EditHistory();
    history.record({ label: 'broken', undo: () => Promise.reject(new Error('gone')), redo: async () => {} });
    await expect(history.undo()).rejects.toThrow('gone');
    expect(history.nextUndo).toBeNull();
    expect(history.nextRedo).toBeNull();
    expect(await history.undo()).toBeNull();
  });
});
