import { describe, expect, it } from 'vitest';
import type { Column } from '../sdk/index.ts';
import { createColumnMapper } from './column-mapping.ts';

const column = (key: string, name: string, kind = 'input') => ({ id: key, created_at: '', config: { kind, name, key } }) as Column;
const companyColumns = [column('input', 'Company'), column('company_name', 'Company Name', 'company_name'), column('notes', 'Notes')];

describe('createColumnMapper', () => {
  it('maps by --map, then by key, then by name ignoring case; leaves out computed columns and `header=`', () => {
    const mapper = createColumnMapper(companyColumns, ['Website=input', 'Owner=']);
    expect(['Website', 'notes', 'company', 'company_name', 'Owner'].map(mapper.keyFor)).toEqual(['input', 'notes', 'input', null, null]);
    expect(Object.fromEntries(mapper.skipped)).toEqual({ company_name: 'computed column (company_name)', Owner: 'left out by --map' });
  });

  it('refuses an unknown header, a --map to a column that is not an input, and two headers for one column', () => {
    expect(() => createColumnMapper(companyColumns, []).keyFor('Revenue')).toThrow(/"Revenue" matches no input column .* --map 'Revenue=<key>'/);
    expect(() => createColumnMapper(companyColumns, ['Name=company_name'])).toThrow(/"company_name" is not an input column/);
    expect(() => createColumnMapper(companyColumns, ['Website'])).toThrow(/--map expects header=key/);
    expect(() => createColumnMapper(companyColumns, []).checkHeaders(['input', 'Company'])).toThrow(/two columns of the file map to the input column "input"/);
  });

  it('fills the only input column from a one-column file, whatever its header', () => {
    const mapper = createColumnMapper([column('input', 'Company'), column('company_name', 'Company Name', 'company_name')], []);
    mapper.checkHeaders(['domain']);
    expect(mapper.keyFor('domain')).toBe('input');
  });
});
