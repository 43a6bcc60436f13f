import { getDomainWithoutSuffix } from 'tldts';
import { contextAgreement, domainSimilarity, nameSimilarity, unidentifiableNameReason } from '../../domain/company-name-match.ts';
import type { CandidateCall, CompanyCandidate, CompanyCandidateSource } from './company-candidates.ts';

/** How names are matched to companies. */
export interface CompanyMatchSettings {
  /** The score (0.5–1) a candidate must reach to be taken. */
  threshold: number;
  /** Whether an unmatched name is a "Not found" answer or a failed cell. */
  unresolved: 'not_found' | 'fail';
}

/** How a row's input became a company, as recorded in the profile answer. */
export interface CompanyResolution {
  /** `domain`/`url`: the input named the site; `workspace_profile`/`name_search`: a name matched a stored profile or a searched site; `none`: no match. */
  method: 'domain' | 'url' | 'workspace_profile' | 'name_search' | 'none';
  /** The taken candidate's score (1 for a site given directly); for `none`, the best candidate's. */
  score: number;
  /** The candidates considered, best first (at most five). */
  candidates: ScoredCandidate[];
}

/** A candidate as judged against the input. */
export interface ScoredCandidate {
  name: string | null;
  domain: string;
  website: string;
  source: CompanyCandidate['source'];
  score: number;
  /** Its own name against the input (0–1). */
  name_score: number;
  /** Its domain's label against the input's distinctive words (0–1). */
  domain_score: number;
  /** Share of the row's other values its own text bears out; null when the row gave none. */
  context_score: number | null;
}

/** The outcome of matching a name. */
export type NameMatch =
  | { kind: 'matched'; candidate: CompanyCandidate; resolution: CompanyResolution }
  | {
      kind: 'unmatched';
      reason: string;
      resolution: CompanyResolution;
      /** False when the text itself cannot name a company (garbage, only generic words). */
      isIdentifiable: boolean;
    };

// Two candidates closer than this are the same evidence for two companies: the name is ambiguous.
const AMBIGUITY_MARGIN = 0.05;
const CONTEXT_WEIGHT = 0.1;
const LISTED_CANDIDATES = 5;

/**
 * Matches a company name to one company. Each candidate (from every source) is scored on its
 * own site's name for itself (not a search title), how much of the name its domain spells, and
 * how far the row's other values (a city, an industry) agree with what its site says. The best
 * is taken only at or above the threshold and clearly ahead of any other company; otherwise the
 * answer is "unmatched" naming the best candidates. Text that cannot name one company (no
 * letters, only generic words) is unmatched before any search. Sources are asked in order; a
 * later one is skipped when an earlier one already gave an exact, context-consistent match that
 * no namesake recalled from a stored profile's resolution ties.
 */
export async function matchCompanyName(
  workspaceId: string,
  name: string,
  rowContext: readonly string[],
  sources: readonly CompanyCandidateSource[],
  settings: CompanyMatchSettings,
  call: CandidateCall,
): Promise<NameMatch> {
  const unusable = unidentifiableNameReason(name);
  if (unusable)
    return {
      kind: 'unmatched',
      isIdentifiable: false,
      reason: `'${name}' does not name a company: ${unusable}`,
      resolution: { method: 'none', score: 0, candidates: [] },
    };

  const scored: Array<{ candidate: CompanyCandidate; score: ScoredCandidate }> = [];
  for (const source of sources) {
    for (const candidate of await source.findCandidates(workspaceId, name, call)) {
      // A company already weighed is weighed once, unless it was only recalled and is now read from its site.
      const known = scored.findIndex((other) => other.candidate.domain === candidate.domain);
      if (known >= 0 && !(scored[known].candidate.isRecalled && !candidate.isRecalled)) continue;
      const entry = { candidate, score: scoreCandidate(name, rowContext, candidate) };
      if (known < 0) scored.push(entry);
      else scored[known] = entry;
    }
    const best = [...scored].sort((a, b) => b.score.score - a.score.score)[0];
    if (best && !best.candidate.isRecalled && best.score.name_score === 1 && best.score.context_score !== 0 && isClearlyAhead(best, scored)) break;
  }
  scored.sort((a, b) => b.score.score - a.score.score);
  const listed = scored.slice(0, LISTED_CANDIDATES).map((entry) => entry.score);
  const [best, second] = scored;
  if (!best)
    return {
      kind: 'unmatched',
      isIdentifiable: true,
      reason: `no website could be found for '${name}'`,
      resolution: { method: 'none', score: 0, candidates: [] },
    };
  const describe = (entry: ScoredCandidate) => `${entry.name ?? '(unreadable site)'} (${entry.domain}, score ${entry.score.toFixed(2)})`;
  if (best.score.score < settings.threshold) {
    return {
      kind: 'unmatched',
      isIdentifiable: true,
      reason: `no company matched '${name}' well enough (needs ${settings.threshold.toFixed(2)}); best candidates: ${listed.slice(0, 3).map(describe).join('; ')}`,
      resolution: { method: 'none', score: best.score.score, candidates: listed },
    };
  }
  if (second && second.score.score >= settings.threshold && !isClearlyAhead(best, [second])) {
    return {
      kind: 'unmatched',
      isIdentifiable: true,
      reason: `'${name}' could be ${describe(best.score)} or ${describe(second.score)}; add a column that tells them apart (a city, a country, an industry) or give the domain`,
      resolution: { method: 'none', score: best.score.score, candidates: listed },
    };
  }
  return {
    kind: 'matched',
    candidate: best.candidate,
    resolution: { method: best.candidate.source === 'workspace' ? 'workspace_profile' : 'name_search', score: best.score.score, candidates: listed },
  };
}

/** The score of one candidate against the typed name and the row's other values. */
export function scoreCandidate(name: string, rowContext: readonly string[], candidate: CompanyCandidate): ScoredCandidate {
  const label = getDomainWithoutSuffix(candidate.domain) ?? candidate.domain;
  const nameScore = candidate.ownName ? nameSimilarity(name, candidate.ownName) : 0;
  const domainScore = domainSimilarity(name, label);
  // A recalled candidate's site was not read: its agreement with the row is unknown, not zero.
  const context = candidate.isRecalled ? null : contextAgreement(rowContext, candidate.evidenceText);
  let score = 0.75 * nameScore + 0.25 * domainScore;
  if (context !== null) score += CONTEXT_WEIGHT * (2 * context - 1);
  return {
    name: candidate.ownName,
    domain: candidate.domain,
    website: candidate.website,
    source: candidate.source,
    score: Math.round(Math.max(0, Math.min(1, score)) * 1000) / 1000,
    name_score: nameScore,
    domain_score: domainScore,
    context_score: context,
  };
}

function isClearlyAhead(
  best: { candidate: CompanyCandidate; score: ScoredCandidate },
  others: Array<{ candidate: CompanyCandidate; score: ScoredCandidate }>,
): boolean {
  return others.every(
    (other) => other === best || other.candidate.domain === best.candidate.domain || best.score.score - other.score.score >= AMBIGUITY_MARGIN,
  );
}
