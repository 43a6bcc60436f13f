import type { NormalizedSearchFilters } from '../../domain/company-search/search-filters.ts';
import type { SlotFilter, WorkspaceTextIndex } from './workspace-text-index.ts';

/**
 * The filters of §6.4 and the excluded profiles as one test of a slot, with the SQL filters'
 * meaning: an include list keeps only profiles with one of its keys (an unknown key is none of
 * them); an exclude list drops only profiles with one of its keys (an unknown one is kept); a
 * founding range drops unknown years. `excludedProfileIds` holds the excluded profiles by id
 * (a lookalike's seed, and profiles an excluded domain leads to through a recorded alias); profiles
 * whose own domain is excluded are found here. Null when nothing is filtered.
 */
export function compileSlotFilter(index: WorkspaceTextIndex, filters: NormalizedSearchFilters, excludedProfileIds: Iterable<string>): SlotFilter | null {
  const tests: SlotFilter[] = [];
  const keep = (codeOf: (slot: number) => number, keys: string[]) => {
    if (keys.length === 0) return;
    const codes = index.codesOf(keys);
    tests.push((slot) => codes.has(codeOf(slot)));
  };
  const drop = (codeOf: (slot: number) => number, keys: string[]) => {
    if (keys.length === 0) return;
    const codes = index.codesOf(keys);
    if (codes.size > 0) tests.push((slot) => !codes.has(codeOf(slot)));
  };
  keep((slot) => index.sizeCode(slot), filters.includeSizes);
  drop((slot) => index.sizeCode(slot), filters.excludeSizes);
  keep((slot) => index.countryCode(slot), filters.includeCountries);
  drop((slot) => index.countryCode(slot), filters.excludeCountries);
  keep((slot) => index.cityCode(slot), filters.includeCities);
  drop((slot) => index.cityCode(slot), filters.excludeCities);
  const { foundedMin, foundedMax } = filters;
  if (foundedMin !== null || foundedMax !== null) {
    tests.push((slot) => {
      const year = index.yearOf(slot);
      return year !== null && (foundedMin === null || year >= foundedMin) && (foundedMax === null || year <= foundedMax);
    });
  }
  const excluded = new Set<number>();
  for (const domain of filters.excludeDomains) {
    const slot = index.slotOfDomainName(domain);
    if (slot !== undefined) excluded.add(slot);
  }
  for (const profileId of excludedProfileIds) {
    const slot = index.slotOfProfile(profileId);
    if (slot !== undefined) excluded.add(slot);
  }
  if (excluded.size > 0) tests.push((slot) => !excluded.has(slot));
  if (tests.length === 0) return null;
  if (tests.length === 1) return tests[0]!;
  return (slot) => {
    for (const test of tests) if (!test(slot)) return false;
    return true;
  };
}
