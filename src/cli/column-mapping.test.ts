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
    expect(() => createColumnMapper(companyColumns, []).keyFor('Revenue')).toThrow(
      /"Revenue" matches no input column .*\n.*--create-columns.*\n.*--ignore-unmapped.*\n.*--map 'Revenue=<key>'/,
    );
    expect(() => createColumnMapper(companyColumns, ['Name=company_name'])).toThrow(/"company_name" is not an input column/);
    expect(() => createColumnMapper(companyColumns, ['Website'])).toThrow(/--map expects header=key/);
    expect(() => createColumnMapper(companyColumns, []).checkHeaders(['input', 'Company'])).toThrow(/two columns of the file map to the input column "input"/);
  });

  it('lists every header nothing matches in one message', () => {
    const check = () => createColumnMapper(companyColumns, []).checkHeaders(['Company', 'Owner', 'Revenue', 'notes', 'Stage']);
    expect(check).toThrow(
      '3 columns of the file match no input column of the table: "Owner", "Revenue", "Stage" (input columns: input (Company), notes (Notes))',
    );
  });

  it('--create-columns plans an input column per unmatched header, with keys no column holds', () => {
    const mapper = createColumnMapper([...companyColumns, column('owner', 'Owner (old)')], [], 'create');
    mapper.checkHeaders(['Company', 'Owner', 'Deal stage', 'Owner ']);
    expect(mapper.newColumns).toEqual([
      { header: 'Owner', name: 'Owner', key: 'owner_2' },
      { header: 'Deal stage', name: 'Deal stage', key: 'deal_stage' },
      { header: 'Owner ', name: 'Owner', key: 'owner_3' },
    ]);
    expect(['Company', 'Owner', 'Deal stage'].map(mapper.keyFor)).toEqual(['input', 'owner_2', 'deal_stage']);
  });

  it('--ignore-unmapped leaves unmatched headers out and says why', () => {
    const mapper = createColumnMapper(companyColumns, [], 'ignore');
    mapper.checkHeaders(['Company', 'Owner']);
    expect(mapper.keyFor('Owner')).toBeNull();
    expect(Object.fromEntries(mapper.skipped)).toEqual({ Owner: 'matches no input column (--ignore-unmapped)' });
  });

  it('fills the only input column from a one-column file, whatever its header', () => {
    const mapper = createColumnMapper([column('input', 'Company'), column('company_name', 'Company Name', 'company_name')], []);
    mapper.checkHeaders(['domain']);
    expect(mapper.keyFor('domain')).toBe('input');
  });
});
