import { describe, expect, it } from 'vitest';
import type { Column } from '../api/api-types.ts';
import { guessMapping, mappingProblems, newColumnsOf, rowsFromRecords } from './column-mapping.ts';

const input = (key: string, name: string) => ({ id: key, created_at: '', config: { kind: 'input', name, key } }) as Column;
const company = [input('input', 'Company'), input('notes', 'Notes')];
const keys = ['input', 'company_profile', 'company_name', 'company_website', 'notes'];

describe('guessMapping', () => {
  it('matches headers by key or name, gives the main input the first unmatched column, and makes the rest new columns', () => {
    expect(guessMapping(['Domain', 'notes', 'Deal stage', 'Company name'], company, true, keys)).toEqual([
      { kind: 'existing', key: 'input' },
      { kind: 'existing', key: 'notes' },
      { kind: 'new', name: 'Deal stage', key: 'deal_stage' },
      { kind: 'new', name: 'Company name', key: 'company_name_2' },
    ]);
  });

  it('without a header line fills the input columns left to right, then adds "Column 3"…', () => {
    expect(guessMapping(['Column 1', 'Column 2', 'Column 3'], company, false, keys)).toEqual([
      { kind: 'existing', key: 'input' },
      { kind: 'existing', key: 'notes' },
      { kind: 'new', name: 'Column 3', key: 'column_3' },
    ]);
  });

  it('a single column fills the main input whatever its header', () => {
    expect(guessMapping(['website'], company, true, keys)).toEqual([{ kind: 'existing', key: 'input' }]);
  });
});

describe('the rows a mapping makes', () => {
  it('takes values by target, trimmed, and drops records with nothing mapped', () => {
    const targets = [{ kind: 'existing', key: 'input' }, { kind: 'skip' }, { kind: 'new', name: 'Owner', key: 'owner' }] as const;
    expect(rowsFromRecords([[' acme.test ', 'x', 'Ana'], ['', 'only skipped', ''], ['globex.test']], targets)).toEqual([
      { input: 'acme.test', owner: 'Ana' },
      { input: 'globex.test' },
    ]);
    expect(newColumnsOf(targets)).toEqual([{ name: 'Owner', key: 'owner' }]);
  });

  it('refuses two sources into one column, and a mapping that imports nothing', () => {
    const names = new Map([['input', 'Company']]);
    expect(
      mappingProblems(
        [
          { kind: 'existing', key: 'input' },
          { kind: 'existing', key: 'input' },
        ],
        names,
      ),
    ).toEqual(['Two columns go into Company: leave one out.']);
    expect(mappingProblems([{ kind: 'skip' }], names)).toEqual(['Every column is left out: choose where at least one goes.']);
  });
});
