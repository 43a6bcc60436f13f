/**
 * Words of a search. Queries are natural language ("B2B payroll software in Germany, 50–200
 * people"), so the index is asked for any of the query's content words and ranks documents that
 * hold more, and rarer, of them first; words that say nothing about a company are dropped.
 */
const STOP_WORDS = new Set(
  (
    'a an and are as at be by for from has have in into is it its of on or that the their them they this to was were will with ' +
    'about after all also any based best but can companies company do does find firms firm give he her him his how i like list ' +
    'look looking me more most my need new not our out over people she similar so some such than then there these those through ' +
    'under up us use using want we what when where which who whose why would you your employees staff team teams business businesses ' +
    'inc ltd llc gmbh corp'
  ).split(' '),
);

/** Content words of a text, lower case, accents dropped, in order of first appearance, without repeats. */
export function searchTerms(text: string, limit = 32): string[] {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 1 && !STOP_WORDS.has(word) && !/^\d+$/.test(word));
  return [...new Set(words)].slice(0, limit);
}

/**
 * The words a lookalike search asks for: what the seed does (products, use cases, description)
 * and whom it sells to. Its name is left out: other companies do not share it.
 */
export function lookalikeTerms(fields: Record<string, unknown>, limit = 12): string[] {
  const text = ['products_services', 'target_audience', 'short_description', 'use_cases', 'industry_tags', 'business_types']
    .map((key) => textOf(fields[key]))
    .join(' ');
  return searchTerms(text, limit);
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.filter((item) => typeof item === 'string').join(' ');
  return '';
}
