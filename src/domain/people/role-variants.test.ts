import { describe, expect, it } from 'vitest';
import { expandRoles, matchRole, roleListKey } from './role-variants.ts';

describe('role variants', () => {
  const sales = expandRoles(['sales leadership']);

  it('expands a family into its titles', () => {
    expect(sales[0]!.variants).toEqual(expect.arrayContaining(['vp sales', 'chief revenue officer', 'cro', 'head of sales']));
    expect(matchRole('Chief Revenue Officer', sales)).toEqual({ role: 'sales leadership', isCurrent: true });
    expect(matchRole('VP of Sales, EMEA', sales)).toEqual({ role: 'sales leadership', isCurrent: true });
  });

  it('keeps an exact title exact and matches whole words only', () => {
    const cfo = expandRoles(['CFO']);
    expect(matchRole('CFO', cfo)?.isCurrent).toBe(true);
    expect(matchRole('Chief Financial Officer', cfo)?.isCurrent).toBe(true);
    expect(matchRole('Microfinance analyst', cfo)).toBeNull();
    expect(matchRole('Engineer', expandRoles(['VP Sales']))).toBeNull();
  });

  it('reads a past role as past, and a current role beside it as current', () => {
    expect(matchRole('Advisor, previously VP Sales at Northwind', sales)).toEqual({ role: 'sales leadership', isCurrent: false });
    expect(matchRole('Former CRO', sales)).toEqual({ role: 'sales leadership', isCurrent: false });
    expect(matchRole('CEO, previously VP Sales', expandRoles(['CEO']))).toEqual({ role: 'CEO', isCurrent: true });
  });

  it('keys a role list independently of order and case', () => {
    expect(roleListKey(['VP Sales', 'CFO'])).toBe(roleListKey(['cfo', 'vp sales']));
  });
});
