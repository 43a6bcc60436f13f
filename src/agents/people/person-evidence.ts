import type { ExpandedRole } from '../../domain/people/role-variants.ts';
import { matchRole } from '../../domain/people/role-variants.ts';
import { cleanName, looksLikePersonName } from '../../domain/people/person-name.ts';
import type { FetchedPage } from '../../providers/spec/fetcher.ts';
import type { SearchResult } from '../../providers/spec/search.ts';

/**
 * One person named with a title in something a cell saw: a page of the company's site or a
 * search result. Every field is read from that evidence; `excerpt` is a verbatim piece of it
 * holding the name, which is what makes the finding checkable.
 */
export interface PersonFinding {
  full_name: string;
  /** The title as written there ("VP Sales, EMEA"). */
  title: string;
  /** The requested role the title holds. */
  matched_role: string;
  /** False when the evidence says the role is a past one ("previously VP Sales"). */
  is_current: boolean;
  profile_url: string | null;
  /** The page or result URL. */
  source: string;
  excerpt: string;
  /** Where the finding comes from: the company's own site, or a search result. */
  origin: 'company_site' | 'search';
}

// Separators between a name and a title on one line: "Ann Bell, CFO", "Ann Bell — CFO", "Ann Bell | CFO".
const NAME_TITLE_SEPARATOR = /\s*(?:,|\s[-–—|:]\s)\s*/;
const MAX_TITLE_LENGTH = 120;

/** People the page names with a title matching a requested role: JSON-LD/microdata Persons, then text. */
export function findingsOnPage(page: FetchedPage, roles: readonly ExpandedRole[]): PersonFinding[] {
  const findings: PersonFinding[] = [];
  for (const entity of page.metadata.structuredData) {
    if (entity.kind !== 'person' || !entity.name || !entity.jobTitle) continue;
    const match = matchRole(entity.jobTitle, roles);
    if (!match || !looksLikePersonName(entity.name)) continue;
    const linkedin = entity.sameAs.find((url) => /\/in\//.test(url)) ?? (entity.url && /\/in\//.test(entity.url) ? entity.url : null);
    findings.push({
      full_name: cleanName(entity.name),
      title: entity.jobTitle.trim(),
      matched_role: match.role,
      is_current: match.isCurrent,
      profile_url: linkedin,
      source: page.finalUrl,
      excerpt: `${entity.types[0] ?? 'Person'} "${entity.name}", jobTitle "${entity.jobTitle}"`,
      origin: 'company_site',
    });
  }
  const lines = page.text
    .split('\n')
    // Readable text marks list items and headings ("- Ann Bell — CFO", "## Team").
    .map((line) =>
      line
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/^(?:[-*•·]|#{1,6})\s+/, ''),
    )
    .filter((line) => line.length > 0);
  for (const [index, line] of lines.entries()) {
    for (const segment of sentencesOf(line)) {
      const finding = nameThenTitle(segment, roles);
      if (finding) findings.push({ ...finding, source: page.finalUrl, excerpt: segment, origin: 'company_site', profile_url: null });
    }
    // A name on its own line with the title on the next ("<h3>Ann Bell</h3><p>CFO</p>").
    const next = lines[index + 1];
    if (next && looksLikePersonName(line) && next.length <= MAX_TITLE_LENGTH) {
      const match = matchRole(next, roles);
      if (match) {
        findings.push({
          full_name: cleanName(line),
          title: next,
          matched_role: match.role,
          is_current: match.isCurrent,
          profile_url: null,
          source: page.finalUrl,
          excerpt: `${line}\n${next}`,
          origin: 'company_site',
        });
      }
    }
  }
  return findings;
}

/**
 * People in LinkedIn-shaped results ("Ann Bell - VP Sales - Acme Robotics | LinkedIn") that
 * name the company: in the title, or in the snippet as "… at <company>".
 */
export function findingsInSearchResult(
  result: SearchResult,
  companyName: string,
  roles: readonly ExpandedRole[],
  isProfileUrl: (url: string) => boolean,
): PersonFinding[] {
  const title = result.title.replace(/\s*\|\s*LinkedIn\s*$/i, '').trim();
  const parts = title.split(/\s+[-–—|]\s+/);
  if (parts.length < 2) return [];
  const name = parts[0]!;
  if (!looksLikePersonName(name)) return [];
  // The company as whole words: "Company Qa" must not match a profile at "Company Qab".
  const company = new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(companyName.trim())}($|[^\\p{L}\\p{N}])`, 'iu');
  if (!company.test(title) && !company.test(result.snippet)) return [];
  const jobTitle =
    parts
      .slice(1)
      .filter((part) => !company.test(part))
      .join(', ') || parts[1]!;
  // The snippet may say more about the role's tense than the title ("Previously VP Sales at …").
  const titleMatch = matchRole(jobTitle, roles);
  const snippetMatch = matchRole(result.snippet, roles);
  const match = titleMatch ?? snippetMatch;
  if (!match) return [];
  const isCurrent = match.isCurrent && !(snippetMatch && !snippetMatch.isCurrent && snippetMatch.role === match.role && !titleMatch);
  return [
    {
      full_name: cleanName(name),
      title: titleMatch ? jobTitle : result.snippet.trim().slice(0, MAX_TITLE_LENGTH),
      matched_role: match.role,
      is_current: isCurrent,
      profile_url: isProfileUrl(result.url) ? result.url : null,
      source: result.url,
      excerpt: `${result.title} — ${result.snippet.trim()}`.slice(0, 400),
      origin: 'search',
    },
  ];
}

/** A line cut into sentences, without cutting after honorifics ("Dr. Maya Chen"). */
function sentencesOf(line: string): string[] {
  return line
    .split(/(?<!\b(?:Dr|Mr|Mrs|Ms|Prof|St|Jr|Sr))\.\s+(?=\p{Lu})/u)
    .map((sentence) => sentence.trim().replace(/\.$/, ''))
    .filter((sentence) => sentence.length > 0);
}

function nameThenTitle(segment: string, roles: readonly ExpandedRole[]): Omit<PersonFinding, 'source' | 'excerpt' | 'origin' | 'profile_url'> | null {
  const separator = NAME_TITLE_SEPARATOR.exec(segment);
  if (!separator) return null;
  const name = segment.slice(0, separator.index);
  const title = segment.slice(separator.index + separator[0].length).trim();
  if (!looksLikePersonName(name) || title.length === 0 || title.length > MAX_TITLE_LENGTH) return null;
  const match = matchRole(title, roles);
  if (!match) return null;
  return { full_name: cleanName(name), title, matched_role: match.role, is_current: match.isCurrent };
}

/** Whether `name` appears verbatim (whitespace aside) in the evidence text. */
export function isNameInEvidence(name: string, evidence: string): boolean {
  return evidence.replace(/\s+/g, ' ').includes(name);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
