import { describe, expect, it } from 'vitest';
import { keyFromName, uniqueKeyFromName } from './column-key-from-name.ts';

describe('keyFromName', () => {
  it('turns a name into a key usable in {references}', () => {
    expect(keyFromName('Funding stage (latest)')).toBe('funding_stage_latest');
    expect(keyFromName('2024 revenue')).toBe('_2024_revenue');
    expect(keyFromName('Café owner')).toBe('cafe_owner');
    expect(keyFromName('  ')).toBe('column');
    expect(keyFromName('x'.repeat(100))).toHaveLength(60);
  });

  it('finds a key no other column holds', () => {
    expect(uniqueKeyFromName('Notes', new Set(['input']))).toBe('notes');
    expect(uniqueKeyFromName('Notes', new Set(['notes', 'notes_2']))).toBe('notes_3');
  });
});
