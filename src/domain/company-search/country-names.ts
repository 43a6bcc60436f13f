/**
 * Country names as filters and profiles write them ("USA", "United States of America", "US")
 * reduced to one key, so `include.country: ["United States"]` finds a profile that says "USA".
 * Names not listed here are compared by their reduced spelling.
 */
const COUNTRY_ALIASES: Record<string, string[]> = {
  'united states': ['us', 'usa', 'u s', 'u s a', 'united states of america', 'america'],
  'united kingdom': ['uk', 'u k', 'gb', 'great britain', 'britain', 'england', 'scotland', 'wales', 'northern ireland'],
  germany: ['de', 'deutschland', 'federal republic of germany'],
  france: ['fr', 'french republic'],
  netherlands: ['nl', 'the netherlands', 'holland'],
  spain: ['es', 'espana'],
  italy: ['it', 'italia'],
  sweden: ['se', 'sverige'],
  switzerland: ['ch', 'schweiz', 'suisse'],
  canada: ['ca'],
  australia: ['au'],
  india: ['in'],
  japan: ['jp'],
  brazil: ['br', 'brasil'],
  ireland: ['ie', 'eire'],
  poland: ['pl', 'polska'],
  singapore: ['sg'],
  israel: ['il'],
  mexico: ['mx'],
  'united arab emirates': ['uae', 'ae'],
  'south korea': ['kr', 'korea', 'republic of korea'],
  china: ['cn', 'prc'],
};

const KEY_BY_SPELLING = new Map<string, string>();
for (const [key, aliases] of Object.entries(COUNTRY_ALIASES)) {
  KEY_BY_SPELLING.set(key, key);
  for (const alias of aliases) KEY_BY_SPELLING.set(alias, key);
}

/** Lower case, accents dropped, punctuation to single spaces: "Zürich" and "zurich" compare equal. */
export function placeKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The comparison key of a country name or code; null for an empty text. */
export function countryKey(text: string | null | undefined): string | null {
  if (!text) return null;
  const spelling = placeKey(text);
  if (spelling === '') return null;
  return KEY_BY_SPELLING.get(spelling) ?? spelling;
}

/** The comparison key of a city name; null for an empty text. */
export function cityKey(text: string | null | undefined): string | null {
  if (!text) return null;
  const key = placeKey(text);
  return key === '' ? null : key;
}
