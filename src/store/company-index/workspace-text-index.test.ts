import { describe, expect, it } from 'vitest';
import { normalizeSearchFilters, type SearchFilters } from '../../domain/company-search/search-filters.ts';
import { searchDocument, searchFirmographics } from '../../domain/company-search/search-document.ts';
import { compileSlotFilter } from './slot-filters.ts';
import { WorkspaceTextIndex, type CompanyIndexEntry } from './workspace-text-index.ts';

function entry(id: string, domain: string, name: string, fields: Record<string, unknown>): CompanyIndexEntry {
  return { id, domain, document: searchDocument({ name, domain, fields }), firmographics: searchFirmographics(fields) };
}

function filters(given: SearchFilters | undefined) {
  const result = normalizeSearchFilters(given, []);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.filters;
}

const PAYROLL = { short_description: 'Payroll software for small firms', employee_count: '11-50', hq_country: 'Germany', founding_year: 2012 };
const ROBOTS = { short_description: 'Warehouse robots', employee_count: '201-500', hq_country: 'France', founding_year: 1999 };

describe('WorkspaceTextIndex', () => {
  it('ranks holders of any word by strength, a name match above a description match, ties by id', () => {
    const index = new WorkspaceTextIndex();
    index.upsert(entry('b', 'b.com', 'Beta', PAYROLL));
    index.upsert(entry('a', 'a.com', 'Alpha', PAYROLL));
    index.upsert(entry('c', 'c.com', 'Payroll Hub', PAYROLL));
    index.upsert(entry('d', 'd.com', 'Delta', ROBOTS));
    const ranked = index.rank(['payroll'], null, 10);
    expect(ranked.map((hit) => hit.id)).toEqual(['c', 'a', 'b']);
    expect(ranked[1]!.strength).toBe(ranked[2]!.strength);
    expect(ranked[0]!.strength).toBeGreaterThan(ranked[1]!.strength);
    // "payrolls" stems as "payroll" does.
    expect(index.rank(['payrolls'], null, 10).map((hit) => hit.id)).toEqual(['c', 'a', 'b']);
    expect(index.rank(['payroll'], null, 2).map((hit) => hit.id)).toEqual(['c', 'a']);
  });

  it('forgets a removed profile and replaces a saved-again one (old text no longer matches)', () => {
    const index = new WorkspaceTextIndex();
    index.upsert(entry('a', 'a.com', 'Alpha', PAYROLL));
    index.upsert(entry('b', 'b.com', 'Beta', PAYROLL));
    index.remove('a');
    expect(index.rank(['payroll'], null, 10).map((hit) => hit.id)).toEqual(['b']);
    expect(index.has('a')).toBe(false);
    index.upsert(entry('b', 'b.com', 'Beta', ROBOTS));
    expect(index.rank(['payroll'], null, 10)).toEqual([]);
    expect(index.rank(['robots'], null, 10).map((hit) => hit.id)).toEqual(['b']);
    expect(index.size).toBe(1);
  });

  it('keeps its answers through compaction of many dead slots', () => {
    const index = new WorkspaceTextIndex();
    for (let round = 0; round < 3; round += 1) {
      for (let number = 0; number < 1_500; number += 1) {
        const id = `p${String(number).padStart(5, '0')}`;
        index.upsert(entry(id, `${id}.com`, `Company ${number}`, number % 3 === 0 ? PAYROLL : ROBOTS));
      }
    }
    for (let number = 0; number < 1_500; number += 2) index.remove(`p${String(number).padStart(5, '0')}`);
    const ranked = index.rank(['payroll'], null, 1_000);
    // Odd multiples of 3 below 1,500: 250 of them.
    expect(ranked).toHaveLength(250);
    expect(ranked.every((hit) => Number(hit.id.slice(1)) % 6 === 3)).toBe(true);
    expect(index.size).toBe(750);
  });

  it('filters by firmographics, excluded domains and excluded ids, as the SQL filters do', () => {
    const index = new WorkspaceTextIndex();
    index.upsert(entry('a', 'a.com', 'Alpha', PAYROLL));
    index.upsert(entry('b', 'b.com', 'Beta', { ...PAYROLL, employee_count: undefined, founding_year: undefined }));
    index.upsert(entry('c', 'c.com', 'Gamma', { ...PAYROLL, hq_country: 'France' }));
    const ids = (given: SearchFilters | undefined, excluded: string[] = []) =>
      index
        .rank(['payroll'], compileSlotFilter(index, filters(given), excluded), 10)
        .map((hit) => hit.id)
        .sort();
    expect(ids({ include: { size: ['11-50'] } })).toEqual(['a', 'c']);
    // An unknown size is not an excluded one.
    expect(ids({ exclude: { size: ['11-50'] } })).toEqual(['b']);
    expect(ids({ include: { country: ['Germany'] } })).toEqual(['a', 'b']);
    expect(ids({ exclude: { country: ['Germany'] } })).toEqual(['c']);
    expect(ids({ include: { country: ['Japan'] } })).toEqual([]);
    expect(ids({ range: { founded: { min: 2010 } } })).toEqual(['a', 'c']);
    expect(ids({ range: { founded: { max: 2010 } } })).toEqual([]);
    expect(ids({ exclude: { domains: ['a.com'] } })).toEqual(['b', 'c']);
    expect(ids(undefined, ['c'])).toEqual(['a', 'b']);
  });

  it('with no words, returns every profile the filters keep, by id', () => {
    const index = new WorkspaceTextIndex();
    for (const id of ['e', 'c', 'a', 'd', 'b']) index.upsert(entry(id, `${id}.com`, id, id === 'c' ? ROBOTS : PAYROLL));
    expect(index.rank([], null, 3).map((hit) => hit.id)).toEqual(['a', 'b', 'c']);
    expect(index.rank([], compileSlotFilter(index, filters({ include: { country: ['Germany'] } }), []), 10).map((hit) => hit.id)).toEqual(['a', 'b', 'd', 'e']);
  });
});
