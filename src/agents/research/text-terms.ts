/**
 * Words as the research agents compare them: lower case, without stopwords, with plural and
 * verb endings trimmed, so "prices" meets "price" and "hiring" meets "hire".
 */

const STOPWORDS = new Set(
  (
    'a an and are as at be been but by can could did do does for from had has have how i if in into is it its of on or our ' +
    'should so than that the their them then there these they this those to was we were what when where which who whom why ' +
    'will with would you your about any all also more most much not only other over per such up very company companys ' +
    'answer find give list tell please'
  ).split(' '),
);

/** The distinct terms of a text, in first-appearance order. */
export function termsOf(text: string): string[] {
  const terms = new Set<string>();
  for (const word of text
    .toLowerCase()
    .normalize('NFKD')
    .match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (STOPWORDS.has(word) || (word.length < 2 && !/\d/.test(word))) continue;
    terms.add(stem(word));
  }
  return [...terms];
}

/** The distinct content words of a text as written (lower case, unstemmed): for search queries. */
export function keywordsOf(text: string): string[] {
  const words = new Set<string>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}$€£.,-]+/gu) ?? []) {
    const cleaned = word.replace(/^[.,-]+|[.,-]+$/g, '');
    if (cleaned === '' || STOPWORDS.has(cleaned)) continue;
    words.add(cleaned);
  }
  return [...words];
}

/** A light suffix trim; it only has to map a word and its common variants to one key. */
export function stem(word: string): string {
  const trimmed = trimSuffix(word);
  // "hire", "hiring" and "hired" all end up as "hir".
  return trimmed.length > 3 && trimmed.endsWith('e') ? trimmed.slice(0, -1) : trimmed;
}

function trimSuffix(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ing') && word.length > 5) return word.slice(0, -3).replace(/(.)\1$/, '$1');
  if (word.endsWith('ed') && word.length > 4) return word.slice(0, -2).replace(/(.)\1$/, '$1');
  if (word.endsWith('es') && /(ss|sh|ch|x|z)es$/.test(word)) return word.slice(0, -2);
  // "employee(s)" meets "employs", "trainee" meets "trains".
  if (word.endsWith('ees') && word.length > 6) return word.slice(0, -3);
  if (word.endsWith('ee') && word.length > 5) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** How many of `wanted` occur among `terms`, each counted once. */
export function overlap(wanted: readonly string[], terms: ReadonlySet<string>): number {
  let count = 0;
  for (const term of wanted) if (terms.has(term)) count += 1;
  return count;
}
