/**
 * How well a candidate company matches a name someone typed: pure scoring, no I/O. Words that
 * name many companies ("software", "group", "health") count for little, the distinctive words
 * ("borealis", "acme") for everything; a one-letter typo in a distinctive word still matches.
 */

// Legal forms and words that say nothing about which company is meant.
const LEGAL_FORMS = new Set([
  'inc',
  'incorporated',
  'llc',
  'ltd',
  'limited',
  'corp',
  'corporation',
  'co',
  'company',
  'gmbh',
  'ag',
  'sa',
  'sas',
  'bv',
  'nv',
  'plc',
  'oy',
  'ab',
  'as',
  'srl',
  'spa',
  'pty',
  'kk',
]);
const STOPWORDS = new Set([
  'a',
  'an',
  'the',
  'and',
  'of',
  'for',
  'at',
  'in',
  'on',
  'to',
  'by',
  'with',
  'not',
  'all',
  'is',
  'it',
  'this',
  'that',
  'my',
  'our',
  'your',
  'de',
  'la',
  'le',
  'und',
  'et',
]);
// Words in many company names (and in garbage input): present, they add a little; alone, they identify nobody.
const GENERIC_WORDS = new Set([
  'agency',
  'ai',
  'analytics',
  'app',
  'apps',
  'associates',
  'bank',
  'best',
  'business',
  'capital',
  'center',
  'centre',
  'cloud',
  'companies',
  'consulting',
  'data',
  'design',
  'digital',
  'energy',
  'enterprises',
  'firm',
  'foods',
  'freight',
  'global',
  'group',
  'health',
  'healthcare',
  'holding',
  'holdings',
  'home',
  'industries',
  'info',
  'international',
  'labs',
  'logistics',
  'management',
  'marketing',
  'media',
  'network',
  'networks',
  'new',
  'official',
  'online',
  'page',
  'partners',
  'services',
  'shop',
  'site',
  'software',
  'solutions',
  'store',
  'studio',
  'systems',
  'tech',
  'technologies',
  'technology',
  'top',
  'ventures',
  'web',
  'website',
  'www',
]);

const GENERIC_WEIGHT = 0.25;

/** The words of a name, lower case without accents, legal forms and stopwords dropped. */
export function nameWords(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '' && !STOPWORDS.has(word) && !LEGAL_FORMS.has(word));
}

/** The words of a name that could tell one company from another (not generic, at least two characters). */
export function distinctiveWords(name: string): string[] {
  return nameWords(name).filter((word) => !GENERIC_WORDS.has(word) && word.length >= 2 && !/^\d+$/.test(word));
}

/**
 * Why a text cannot name one company, or null when it can: no letters at all, nothing but
 * generic words ("software company", "not a website at all!!"), or far too long for a name.
 */
export function unidentifiableNameReason(text: string): string | null {
  if (!/\p{L}/u.test(text)) return 'it has no letters';
  if (text.length > 120) return 'it is too long to be a company name';
  if (distinctiveWords(text).length === 0) return 'it has no word that tells one company from another (only generic words such as "software" or "group")';
  return null;
}

/**
 * Similarity (0–1) of a typed name and a company's own name: distinctive words weigh four times
 * generic ones; each word counts by its best match in the other name (`typoSimilarity`). Recall of
 * the typed words weighs more than precision, so "Acme" matches "Acme Robotics" at 0.85 while
 * "Robotics" alone does not match "Acme Robotics" well. Identical names, or the same letters
 * without spaces ("AcmeRobotics"), score 1.
 */
export function nameSimilarity(typed: string, candidate: string): number {
  const typedWords = nameWords(typed);
  const candidateWords = nameWords(candidate);
  if (typedWords.length === 0 || candidateWords.length === 0) return 0;
  if (typedWords.join('') === candidateWords.join('')) return 1;
  const recall = coverage(typedWords, candidateWords);
  const precision = coverage(candidateWords, typedWords);
  return round(0.7 * recall + 0.3 * precision);
}

/**
 * How much of the typed name's distinctive words the domain's label spells (0–1):
 * `cobalt-health.com` and `cobalthealth.com` both spell "Cobalt Health", `cobalt.io` spells
 * its distinctive word. Typos are allowed as in `typoSimilarity`.
 */
export function domainSimilarity(typed: string, domainLabel: string): number {
  const words = distinctiveWords(typed);
  if (words.length === 0) return 0;
  const label = domainLabel.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (label === '') return 0;
  const labelWords = domainLabel.toLowerCase().split(/[^a-z0-9]+/);
  const found = words.filter(
    (word) => label.includes(word) || labelWords.some((labelWord) => typoSimilarity(word, labelWord) > 0) || typoSimilarity(word, label) > 0,
  );
  return round(found.length / words.length);
}

/**
 * How many of the row's context values (other input cells: a city, an industry, a country) a
 * candidate's own text bears out, as a fraction; null when the row gives no usable context.
 * A value counts when most of its distinctive words occur in the text (word stems of six letters
 * match longer forms: "logistic" finds "logistics").
 */
export function contextAgreement(contextValues: readonly string[], candidateText: string): number | null {
  const text = ` ${nameWords(candidateText).join(' ')} `;
  const usable = contextValues.map((value) => nameWords(value)).filter((words) => words.length > 0 && words.length <= 12);
  if (usable.length === 0) return null;
  const agreeing = usable.filter((words) => {
    const found = words.filter((word) => text.includes(` ${word.length > 6 ? word.slice(0, 6) : word}`));
    return found.length / words.length >= 0.5;
  });
  return round(agreeing.length / usable.length);
}

function coverage(words: string[], against: string[]): number {
  let total = 0;
  let matched = 0;
  for (const word of words) {
    const weight = GENERIC_WORDS.has(word) ? GENERIC_WEIGHT : 1;
    total += weight;
    matched += weight * Math.max(0, ...against.map((other) => typoSimilarity(word, other)));
  }
  return total === 0 ? 0 : matched / total;
}

/**
 * 1 − Damerau–Levenshtein distance / longer length when the two words are one word with typos
 * (one edit from four letters, two from eight; none below four), else 0.
 */
export function typoSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const longer = Math.max(a.length, b.length);
  const allowed = longer >= 8 ? 2 : longer >= 4 ? 1 : 0;
  if (allowed === 0 || Math.abs(a.length - b.length) > allowed) return 0;
  const distance = editDistance(a, b);
  return distance <= allowed ? 1 - distance / longer : 0;
}

function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const distance: number[][] = Array.from({ length: rows }, (_, row) =>
    Array.from({ length: columns }, (_, column) => (row === 0 ? column : column === 0 ? row : 0)),
  );
  for (let row = 1; row < rows; row += 1) {
    for (let column = 1; column < columns; column += 1) {
      const cost = a[row - 1] === b[column - 1] ? 0 : 1;
      let best = Math.min(distance[row - 1]![column]! + 1, distance[row]![column - 1]! + 1, distance[row - 1]![column - 1]! + cost);
      // A swap of two neighbouring letters ("acem") is one typo, not two.
      if (row > 1 && column > 1 && a[row - 1] === b[column - 2] && a[row - 2] === b[column - 1]) best = Math.min(best, distance[row - 2]![column - 2]! + 1);
      distance[row]![column] = best;
    }
  }
  return distance[rows - 1]![columns - 1]!;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
