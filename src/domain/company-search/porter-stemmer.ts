/**
 * The Porter stemmer exactly as SQLite's FTS5 `porter` tokenizer applies it (fts5_porter.c), so a
 * word stemmed here is the term FTS5 stores: the in-memory company index must find what FTS5 finds.
 * Tokens shorter than 3 or longer than 64 characters pass through unchanged, as they do there.
 */
export function porterStem(token: string): string {
  if (token.length < 3 || token.length > 64) return token;
  let word = step1a(token);
  const step1b = stepOneB(word);
  word = step1b.word;
  if (step1b.removed) {
    const restored = stepOneB2(word);
    if (restored !== null) word = restored;
    else {
      const last = word[word.length - 1]!;
      if (!isVowel(last, false) && last !== 'l' && last !== 's' && last !== 'z' && last === word[word.length - 2]) word = word.slice(0, -1);
      else if (measureEqualsOne(word, word.length) && endsCvc(word, word.length)) word += 'e';
    }
  }
  if (word.endsWith('y') && hasVowel(word, word.length - 1)) word = `${word.slice(0, -1)}i`;
  word = replaceSuffix(word, STEP_2, (length) => measureAboveZero(word, length));
  word = replaceSuffix(word, STEP_3, (length) => measureAboveZero(word, length));
  word = replaceSuffix(word, STEP_4, (length, suffix) =>
    suffix === 'ion' ? (word[length - 1] === 's' || word[length - 1] === 't') && measureAboveOne(word, length) : measureAboveOne(word, length),
  );
  if (word.endsWith('e')) {
    const length = word.length - 1;
    if (measureAboveOne(word, length) || (measureEqualsOne(word, length) && !endsCvc(word, length))) word = word.slice(0, length);
  }
  if (word.length > 1 && word.endsWith('ll') && measureAboveOne(word, word.length - 1)) word = word.slice(0, -1);
  return word;
}

type SuffixRule = readonly [suffix: string, replacement: string];

// Ordered as fts5_porter.c tries them: the first suffix that matches is the only one considered.
const STEP_2: SuffixRule[] = [
  ['ational', 'ate'],
  ['tional', 'tion'],
  ['enci', 'ence'],
  ['anci', 'ance'],
  ['izer', 'ize'],
  ['logi', 'log'],
  ['bli', 'ble'],
  ['alli', 'al'],
  ['entli', 'ent'],
  ['eli', 'e'],
  ['ousli', 'ous'],
  ['ization', 'ize'],
  ['ation', 'ate'],
  ['ator', 'ate'],
  ['alism', 'al'],
  ['iveness', 'ive'],
  ['fulness', 'ful'],
  ['ousness', 'ous'],
  ['aliti', 'al'],
  ['iviti', 'ive'],
  ['biliti', 'ble'],
];
const STEP_3: SuffixRule[] = [
  ['ical', 'ic'],
  ['ness', ''],
  ['icate', 'ic'],
  ['iciti', 'ic'],
  ['ful', ''],
  ['ative', ''],
  ['alize', 'al'],
];
const STEP_4: SuffixRule[] = [
  'al',
  'ance',
  'ence',
  'er',
  'ic',
  'able',
  'ible',
  'ant',
  'ement',
  'ment',
  'ent',
  'ion',
  'ou',
  'ism',
  'ate',
  'iti',
  'ous',
  'ive',
  'ize',
].map((suffix): SuffixRule => [suffix, '']);

/** The first rule whose suffix ends `word` (leaving at least one letter), applied when `applies` holds for the stem. */
function replaceSuffix(word: string, rules: SuffixRule[], applies: (stemLength: number, suffix: string) => boolean): string {
  for (const [suffix, replacement] of rules) {
    // fts5_porter.c picks the rule by the word's second-to-last letter, then by suffix: only
    // suffixes sharing that letter compete, and the listed order above keeps theirs.
    if (word.length > suffix.length && word.endsWith(suffix)) {
      const stemLength = word.length - suffix.length;
      return applies(stemLength, suffix) ? word.slice(0, stemLength) + replacement : word;
    }
  }
  return word;
}

function step1a(word: string): string {
  const length = word.length;
  if (word[length - 1] !== 's') return word;
  if (word[length - 2] === 'e') {
    if ((length > 4 && word[length - 4] === 's' && word[length - 3] === 's') || (length > 3 && word[length - 3] === 'i')) return word.slice(0, -2);
    return word.slice(0, -1);
  }
  return word[length - 2] !== 's' ? word.slice(0, -1) : word;
}

function stepOneB(word: string): { word: string; removed: boolean } {
  const length = word.length;
  if (length > 3 && word.endsWith('eed')) return { word: measureAboveZero(word, length - 3) ? word.slice(0, -1) : word, removed: false };
  if (length > 2 && word.endsWith('ed')) return hasVowel(word, length - 2) ? { word: word.slice(0, -2), removed: true } : { word, removed: false };
  if (length > 3 && word.endsWith('ing')) return hasVowel(word, length - 3) ? { word: word.slice(0, -3), removed: true } : { word, removed: false };
  return { word, removed: false };
}

function stepOneB2(word: string): string | null {
  if (word.length > 2 && (word.endsWith('at') || word.endsWith('bl') || word.endsWith('iz'))) return `${word}e`;
  return null;
}

function isVowel(letter: string, yIsVowel: boolean): boolean {
  return letter === 'a' || letter === 'e' || letter === 'i' || letter === 'o' || letter === 'u' || (yIsVowel && letter === 'y');
}

/** After a vowel then a consonant from `start` (one "VC" of the measure), the index past it; 0 when there is none. */
function gobbleVowelConsonant(word: string, start: number, end: number, previousConsonant: boolean): number {
  let consonant = previousConsonant;
  let index = start;
  for (; index < end; index += 1) {
    consonant = !isVowel(word[index]!, consonant);
    if (!consonant) break;
  }
  for (index += 1; index < end; index += 1) {
    consonant = !isVowel(word[index]!, consonant);
    if (consonant) return index + 1;
  }
  return 0;
}

function measureAboveZero(word: string, length: number): boolean {
  return gobbleVowelConsonant(word, 0, length, false) !== 0;
}

function measureAboveOne(word: string, length: number): boolean {
  const next = gobbleVowelConsonant(word, 0, length, false);
  return next !== 0 && gobbleVowelConsonant(word, next, length, true) !== 0;
}

function measureEqualsOne(word: string, length: number): boolean {
  const next = gobbleVowelConsonant(word, 0, length, false);
  return next !== 0 && gobbleVowelConsonant(word, next, length, true) === 0;
}

/** Consonant, vowel, consonant at the end of the first `length` letters, the last not w, x or y. */
function endsCvc(word: string, length: number): boolean {
  const last = word[length - 1];
  if (last === 'w' || last === 'x' || last === 'y') return false;
  let mask = 0;
  let consonant = false;
  for (let index = 0; index < length; index += 1) {
    consonant = !isVowel(word[index]!, consonant);
    mask = (mask << 1) + (consonant ? 1 : 0);
  }
  return (mask & 0b111) === 0b101;
}

/** A vowel among the first `length` letters (y counts after the first letter). */
function hasVowel(word: string, length: number): boolean {
  for (let index = 0; index < length; index += 1) if (isVowel(word[index]!, index > 0)) return true;
  return false;
}
