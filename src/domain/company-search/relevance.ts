import { SIZE_BUCKETS } from './search-filters.ts';
import type { SearchFirmographics } from './search-document.ts';

/**
 * A text-match strength (≥ 0, larger is better: FTS5's BM25 as the in-memory index computes it; ts_rank on
 * PostgreSQL's SQL path, used inside transactions)
 * mapped into [0, 1). The map is fixed, not relative to the best hit, so a company's score does
 * not depend on which page it is read from.
 */
export function textRelevance(strength: number, halfPoint: number): number {
  if (!(strength > 0)) return 0;
  return strength / (strength + halfPoint);
}

/** Constant of reciprocal-rank fusion (the value of the original RRF paper). */
export const RRF_K = 60;

/**
 * Reciprocal-rank fusion of ranked lists of ids: each list adds 1/(k + rank); the sum is divided
 * by its largest possible value, so a company first in every list scores 1.
 */
export function reciprocalRankFusion(lists: string[][], k = RRF_K): Map<string, number> {
  const fused = new Map<string, number>();
  for (const list of lists) {
    for (const [index, id] of list.entries()) fused.set(id, (fused.get(id) ?? 0) + 1 / (k + index + 1));
  }
  const best = lists.length / (k + 1);
  for (const [id, score] of fused) fused.set(id, score / best);
  return fused;
}

/**
 * How alike two companies' firmographics are, in [0, 1]: the same size bucket counts most
 * (a neighbouring bucket half), then the same country, then founding years within a decade.
 */
export function firmographicSimilarity(seed: SearchFirmographics, other: SearchFirmographics): number {
  let score = 0;
  if (seed.sizeBucket && other.sizeBucket) {
    const distance = Math.abs(SIZE_BUCKETS.indexOf(seed.sizeBucket as never) - SIZE_BUCKETS.indexOf(other.sizeBucket as never));
    score += distance === 0 ? 0.45 : distance === 1 ? 0.2 : 0;
  }
  if (seed.countryKey && seed.countryKey === other.countryKey) score += 0.4;
  if (seed.foundingYear && other.foundingYear) score += 0.15 * Math.max(0, 1 - Math.abs(seed.foundingYear - other.foundingYear) / 10);
  return score;
}

/** Weight of what the company does and whom it sells to, against firmographics, in a lookalike's score. */
export const LOOKALIKE_TEXT_WEIGHT = 0.8;
