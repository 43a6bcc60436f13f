/** Names of people as the finders read and compare them. Pure. */

const HONORIFICS = /^(dr|mr|mrs|ms|prof|sir|dame)\.?\s+/i;
// A name word: capitalised, letters with inner apostrophes or hyphens ("O'Neil", "Jean-Luc").
const NAME_WORD = /^\p{Lu}[\p{L}'’-]*\.?$/u;
// Capitalised words that start lines of team pages but are not names.
const NOT_NAME_WORDS = new Set([
  'the',
  'our',
  'team',
  'about',
  'contact',
  'leadership',
  'management',
  'board',
  'meet',
  'press',
  'news',
  'head',
  'chief',
  'vice',
  'director',
  'senior',
  'and',
  'with',
  'for',
  'by',
  'we',
  'us',
  'inc',
  'ltd',
  'llc',
  'gmbh',
]);

/** The name without honorifics, whitespace collapsed; the form stored and shown. */
export function cleanName(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim().replace(HONORIFICS, '').trim();
}

/** Two to four capitalised words, none of them a common page word: what a person's name looks like. */
export function looksLikePersonName(raw: string): boolean {
  const words = cleanName(raw).split(' ');
  if (words.length < 2 || words.length > 4) return false;
  return words.every((word) => NAME_WORD.test(word) && !NOT_NAME_WORDS.has(word.toLowerCase().replace(/\.$/, '')));
}

/** Lower-case, accents removed, punctuation dropped: two spellings of one name compare equal. */
export function normalisePersonName(name: string): string {
  return cleanName(name)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z\s-]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** First and last name parts for address patterns (middle names dropped), lower-case ASCII. */
export function nameParts(name: string): { first: string; last: string } | null {
  const words = normalisePersonName(name)
    .split(' ')
    .map((word) => word.replace(/-/g, ''))
    .filter((word) => word.length > 0);
  if (words.length < 2) return null;
  return { first: words[0]!, last: words[words.length - 1]! };
}
