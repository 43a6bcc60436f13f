/**
 * Role expansion for the people finder (contract §3.5: "exact titles or broad role families;
 * Extruct expands them into title variants"). Pure and deterministic: a family word list, not
 * a model, so the same role list always means the same titles and no row pays for expansion.
 */

/** One requested role and the titles that count as holding it. */
export interface ExpandedRole {
  /** The role as the column names it. */
  role: string;
  /** Lower-case title phrases; a title holding any of them (as whole words) matches. */
  variants: string[];
}

// Broad families users write, and the titles they cover. Keys are matched on the words of the
// requested role ("sales leadership", "head of sales" both hit `sales`).
const FAMILIES: Record<string, string[]> = {
  sales: [
    'vp sales',
    'vp of sales',
    'vice president sales',
    'vice president of sales',
    'chief revenue officer',
    'cro',
    'head of sales',
    'sales director',
    'director of sales',
    'chief sales officer',
    'svp sales',
    'evp sales',
  ],
  marketing: [
    'cmo',
    'chief marketing officer',
    'vp marketing',
    'vp of marketing',
    'vice president marketing',
    'vice president of marketing',
    'head of marketing',
    'marketing director',
    'director of marketing',
  ],
  engineering: [
    'cto',
    'chief technology officer',
    'vp engineering',
    'vp of engineering',
    'vice president of engineering',
    'head of engineering',
    'engineering director',
    'director of engineering',
  ],
  technology: ['cto', 'chief technology officer', 'chief information officer', 'cio', 'head of technology'],
  product: ['cpo', 'chief product officer', 'vp product', 'vp of product', 'head of product', 'product director', 'director of product'],
  finance: ['cfo', 'chief financial officer', 'vp finance', 'vp of finance', 'head of finance', 'finance director', 'director of finance', 'controller'],
  operations: ['coo', 'chief operating officer', 'vp operations', 'vp of operations', 'head of operations', 'operations director', 'director of operations'],
  people: ['chro', 'chief people officer', 'head of people', 'vp people', 'head of hr', 'hr director', 'director of human resources'],
  hr: ['chro', 'chief people officer', 'head of people', 'head of hr', 'hr director', 'director of human resources'],
  executive: ['ceo', 'chief executive officer', 'founder', 'co-founder', 'cofounder', 'president', 'managing director'],
  founder: ['founder', 'co-founder', 'cofounder'],
  ceo: ['ceo', 'chief executive officer', 'chief executive'],
  cto: ['cto', 'chief technology officer'],
  cfo: ['cfo', 'chief financial officer'],
  coo: ['coo', 'chief operating officer'],
  cmo: ['cmo', 'chief marketing officer'],
};

// Words that turn a family name into a broad request ("sales leadership", "marketing leaders").
const BROAD_WORDS = new Set(['leadership', 'leader', 'leaders', 'executive', 'executives', 'head', 'heads', 'team', 'decision', 'makers', 'management']);

/** Lower-case, `&`→`and`, punctuation other than `-` turned into spaces, spaces collapsed. */
export function normaliseTitle(text: string): string {
  return text
    .toLowerCase()
    .replaceAll('&', ' and ')
    .replace(/[^\p{L}\p{N}\s-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Each role with its variants: itself, plus a family's titles when it names one. */
export function expandRoles(roles: readonly string[]): ExpandedRole[] {
  return roles.map((role) => {
    const normalised = normaliseTitle(role);
    const words = normalised.split(' ');
    const variants = new Set<string>([normalised]);
    const isBroad = words.some((word) => BROAD_WORDS.has(word)) || words.length === 1;
    for (const word of words) {
      const family = FAMILIES[word];
      if (family && (isBroad || family.includes(normalised))) for (const title of family) variants.add(title);
    }
    // "VP Sales" and "VP of Sales" are the same title.
    for (const variant of [...variants]) {
      const withoutOf = variant.replace(/\b(vp|head|director|vice president) of\b/, '$1');
      variants.add(withoutOf);
    }
    return { role, variants: [...variants] };
  });
}

/** Key of a role list, so expansion runs once per distinct list. */
export function roleListKey(roles: readonly string[]): string {
  return roles.map(normaliseTitle).sort().join('\n');
}

/** How a title relates to the requested roles. */
export type RoleMatch = { role: string; isCurrent: boolean } | null;

// A title introduced by these words is a past role ("previously VP Sales", "former CFO").
const PAST_MARKER = /\b(previously|formerly|former|ex|retired|until|was|alumnus|alumna|alumni)\b/;

/**
 * The requested role a title holds, or null. Variants match as whole words of the normalised
 * title; a match preceded in its clause by a past marker ("previously VP Sales") is a past role.
 * A current match anywhere wins over a past one ("CEO, previously VP Sales" holds CEO now).
 */
export function matchRole(title: string, expanded: readonly ExpandedRole[]): RoleMatch {
  // No roles asked for (a reverse lookup wants whatever the person does): any title, tense read.
  if (expanded.length === 0) return { role: title.trim(), isCurrent: !PAST_MARKER.test(normaliseTitle(title)) };
  const normalised = ` ${normaliseTitle(title)
    .replace(/\bof\b/g, ' ')
    .replace(/\s+/g, ' ')} `;
  let past: RoleMatch = null;
  for (const { role, variants } of expanded) {
    for (const variant of variants) {
      const wanted = ` ${variant
        .replace(/\bof\b/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()} `;
      let index = normalised.indexOf(wanted);
      while (index >= 0) {
        if (!PAST_MARKER.test(clauseBefore(title, normalised, index))) return { role, isCurrent: true };
        past ??= { role, isCurrent: false };
        index = normalised.indexOf(wanted, index + 1);
      }
    }
  }
  return past;
}

/** The words of the title's clause before position `index` of its normalised form. */
function clauseBefore(title: string, normalised: string, index: number): string {
  // Clause breaks (commas, semicolons, "and") are lost in normalisation; cut on the raw title's
  // punctuation by mapping through the words' count.
  const before = normalised.slice(0, index).trim();
  const wordCount = before === '' ? 0 : before.split(' ').length;
  const rawClauses = title.split(/[,;()|·•]/);
  let seen = 0;
  for (const clause of rawClauses) {
    const words = normaliseTitle(clause)
      .replace(/\bof\b/g, ' ')
      .trim()
      .split(/\s+/)
      .filter(Boolean);
    if (seen + words.length > wordCount) return words.slice(0, wordCount - seen).join(' ');
    seen += words.length;
  }
  return before;
}
