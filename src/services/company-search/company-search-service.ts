import { firmographicSimilarity, LOOKALIKE_TEXT_WEIGHT, reciprocalRankFusion } from '../../domain/company-search/relevance.ts';
import { searchFirmographics } from '../../domain/company-search/search-document.ts';
import type { NormalizedSearchFilters } from '../../domain/company-search/search-filters.ts';
import { lookalikeTerms, searchTerms } from '../../domain/company-search/search-terms.ts';
import type { CompanyProfileRecord, Store } from '../../store/store.ts';
import type { CompanyVectorIndex, WorkspaceVectors } from './company-vector-index.ts';

/** Deepest result any search pages to (contract §6.1: 2,000 on paid plans; Fathom has no plans). */
export const MAX_SEARCH_DEPTH = 2_000;

/** Deepest lookalike result (decision 2026-12-06-company-search): past it, a lookalike is hardly alike. */
export const LOOKALIKE_POOL = 1_000;

export interface RankedCompany {
  profile: CompanyProfileRecord;
  /** In [0, 1]. */
  relevance: number;
}

export interface SearchPage {
  offset: number;
  limit: number;
}

/** How a response was ranked (the `request.ranking` extension) and, when lexical, why. */
export interface SearchRanking {
  ranking: 'lexical' | 'hybrid';
  ranking_note: string | null;
}

export interface RankedPage {
  results: RankedCompany[];
  ranking: SearchRanking;
}

/** What hybrid ranking needs: the workspace's vectors and the query's. Absent: no embedding model is configured. */
export interface HybridSearch {
  vectors: CompanyVectorIndex;
  /** The query's vector (unit length); throws when the provider fails. */
  embedQuery(text: string): Promise<Float32Array | null>;
}

const NO_MODEL: SearchRanking = {
  ranking: 'lexical',
  ranking_note: 'full-text ranking only: no embedding model is configured (FATHOM_EMBEDDING_MODEL)',
};
const HYBRID: SearchRanking = { ranking: 'hybrid', ranking_note: null };

function lexical(note: string): SearchRanking {
  return { ranking: 'lexical', ranking_note: `full-text ranking only: ${note}` };
}

/**
 * Vector neighbours read per search before the filters: the fused lists are cut at a fixed depth
 * (not the page's), so a company's fused score, and so the order, is the same on every page.
 */
const VECTOR_CANDIDATES = MAX_SEARCH_DEPTH;
/**
 * Text matches fused: fewer than the vector list's, because the index ranks (and, with filters,
 * reads) several times this many to find them; the union still reaches past 2,000 companies.
 */
const TEXT_FUSION_DEPTH = 500;
/** Filters keep a fraction of the neighbours: read more so the vector list stays useful. */
const FILTERED_VECTOR_CANDIDATES = MAX_SEARCH_DEPTH * 4;

/**
 * Profiles of the workspace ranked for a query, after the filters; one page of them. With vectors
 * (an embedding model, and vectors in the workspace) the ranking is hybrid: the text ranking (its best
 * 500) and the vector ranking (its best 2,000), fused by reciprocal rank.
 */
export async function searchCompanies(
  store: Store,
  workspaceId: string,
  query: { q: string; filters: NormalizedSearchFilters; page: SearchPage },
  hybrid?: HybridSearch,
): Promise<RankedPage> {
  const depth = Math.min(query.page.offset + query.page.limit, MAX_SEARCH_DEPTH);
  const terms = searchTerms(query.q);
  const vectorPlan: VectorPlan = hybrid ? await planVectorSearch(hybrid, workspaceId, query.q, terms) : { ranking: NO_MODEL };
  if (depth <= query.page.offset) return { results: [], ranking: vectorPlan.ranking };
  if (!vectorPlan.query) {
    const hits = await store.searchCompanyProfiles({ workspaceId, terms, filters: query.filters, excludeProfileIds: [], limit: depth });
    return { results: hits.slice(query.page.offset, depth).map((hit) => ({ profile: hit.profile, relevance: hit.textScore })), ranking: vectorPlan.ranking };
  }
  const textHits = await store.rankCompanyProfileIds({ workspaceId, terms, filters: query.filters, excludeProfileIds: [], limit: TEXT_FUSION_DEPTH });
  const neighbours = vectorPlan.vectors
    .nearest(vectorPlan.query, hasFilters(query.filters) ? FILTERED_VECTOR_CANDIDATES : VECTOR_CANDIDATES)
    .filter((neighbour) => neighbour.similarity > 0);
  const kept = await store.filterCompanyProfileIds({
    workspaceId,
    filters: query.filters,
    excludeProfileIds: [],
    profileIds: neighbours.map((neighbour) => neighbour.profileId),
  });
  const vectorIds = neighbours
    .filter((neighbour) => kept.has(neighbour.profileId))
    .slice(0, MAX_SEARCH_DEPTH)
    .map((neighbour) => neighbour.profileId);
  const fused = [...reciprocalRankFusion([textHits.map((hit) => hit.id), vectorIds])]
    .sort((a, b) => b[1] - a[1] || compareIds(a[0], b[0]))
    .slice(query.page.offset, depth);
  return { results: await withProfiles(store, workspaceId, fused), ranking: HYBRID };
}

type VectorPlan = { ranking: SearchRanking; query?: undefined } | { ranking: SearchRanking; query: Float32Array; vectors: WorkspaceVectors };

/** The query's vector and the workspace's vectors, or why the search is lexical. */
async function planVectorSearch(hybrid: HybridSearch, workspaceId: string, q: string, terms: string[]): Promise<VectorPlan> {
  const vectors = await hybrid.vectors.vectors(workspaceId);
  if (vectors.size === 0) {
    return {
      ranking: lexical(`no company profile of this workspace has a vector of ${hybrid.vectors.model} yet (the workers compute them in the background)`),
    };
  }
  if (terms.length === 0) return { ranking: lexical('the query has no words to compare by meaning') };
  let query: Float32Array | null;
  try {
    query = await hybrid.embedQuery(q);
  } catch (error) {
    return { ranking: lexical(`embedding the query with ${hybrid.vectors.model} failed (${(error as Error).message})`) };
  }
  if (!query || query.length !== vectors.dimensions) return { ranking: lexical(`${hybrid.vectors.model} gave the query no usable vector`) };
  return { ranking: HYBRID, query, vectors };
}

async function withProfiles(store: Store, workspaceId: string, scored: [string, number][]): Promise<RankedCompany[]> {
  const profiles = new Map(
    (
      await store.findCompanyProfilesByIds(
        workspaceId,
        scored.map(([id]) => id),
      )
    ).map((profile) => [profile.id, profile]),
  );
  return scored.flatMap(([id, relevance]) => {
    const profile = profiles.get(id);
    return profile ? [{ profile, relevance }] : [];
  });
}

function hasFilters(filters: NormalizedSearchFilters): boolean {
  return Object.values(filters).some((value) => (Array.isArray(value) ? value.length > 0 : value !== null));
}

/**
 * Companies like `seed`: what it does and whom it sells to (its products, audience and
 * description as a text query), blended with how alike the firmographics are. The seed is
 * never among them.
 *
 * A company's score is a fixed function of the company (text score, cosine, firmographics) over
 * a candidate pool that does not depend on the page, so the order is the same whatever page is asked.
 */
export async function similarCompanies(
  store: Store,
  seed: CompanyProfileRecord,
  query: { filters: NormalizedSearchFilters; page: SearchPage },
  hybrid?: HybridSearch,
): Promise<RankedPage> {
  if (hybrid) {
    const vectors = await hybrid.vectors.vectors(seed.workspaceId);
    const seedVector = vectors.vectorOf(seed.id);
    if (seedVector) return { results: await similarByVector(store, seed, seedVector, vectors, query), ranking: HYBRID };
    const note =
      vectors.size === 0
        ? `no company profile of this workspace has a vector of ${hybrid.vectors.model} yet (the workers compute them in the background)`
        : `the reference company has no vector of ${hybrid.vectors.model} yet (the workers compute it in the background)`;
    return { results: await similarByText(store, seed, query), ranking: lexical(note) };
  }
  return { results: await similarByText(store, seed, query), ranking: NO_MODEL };
}

/** Share of the vector similarity (the rest is the text score) in a hybrid lookalike's "what it does" part. */
const LOOKALIKE_VECTOR_SHARE = 0.5;

/**
 * Hybrid lookalikes: the seed's nearest 2,000 profiles by vector and its best 4,000 text matches
 * (after the filters; fixed pools, so every page ranks the same companies), scored
 * `0.8 × (½ cosine + ½ text score of the seed's words) + 0.2 × firmographics`; a company outside
 * the text pool counts text 0.
 */
async function similarByVector(
  store: Store,
  seed: CompanyProfileRecord,
  seedVector: Float32Array,
  vectors: WorkspaceVectors,
  query: { filters: NormalizedSearchFilters; page: SearchPage },
): Promise<RankedCompany[]> {
  const wanted = Math.min(query.page.offset + query.page.limit, LOOKALIKE_POOL);
  if (wanted <= query.page.offset) return [];
  // One scan gives the nearest rows and, for the text matches outside them, their similarity.
  const scan = vectors.scan(seedVector);
  const neighbours = scan?.nearest((hasFilters(query.filters) ? FILTERED_VECTOR_CANDIDATES : VECTOR_CANDIDATES) + 1) ?? [];
  // The seed's best text matches too (one read; the index scores every match whatever the depth).
  // Asking the index for the text scores of the neighbours alone was far slower: FTS5 does not
  // narrow a MATCH by a list of rowids.
  const textHits = await store.rankCompanyProfileIds({
    workspaceId: seed.workspaceId,
    terms: lookalikeTerms(seed.fields),
    filters: query.filters,
    excludeProfileIds: [seed.id],
    limit: LOOKALIKE_POOL * 4,
  });
  const text = new Map(textHits.map((hit) => [hit.id, hit.textScore]));
  const similarity = new Map(neighbours.map((neighbour) => [neighbour.profileId, neighbour.similarity]));
  const candidates = [...new Set([...neighbours.map((neighbour) => neighbour.profileId), ...textHits.map((hit) => hit.id)])];
  const kept = await store.filterCompanyProfileIds({
    workspaceId: seed.workspaceId,
    filters: query.filters,
    excludeProfileIds: [seed.id],
    profileIds: candidates,
  });
  const seedFirmographics = searchFirmographics(seed.fields);
  const scored = candidates
    .filter((id) => kept.has(id))
    .map((id): [string, number] => {
      const cosine = similarity.get(id) ?? scan?.similarityOf(id) ?? 0;
      const meaning = LOOKALIKE_VECTOR_SHARE * Math.max(0, cosine) + (1 - LOOKALIKE_VECTOR_SHARE) * (text.get(id) ?? 0);
      return [id, LOOKALIKE_TEXT_WEIGHT * meaning + (1 - LOOKALIKE_TEXT_WEIGHT) * firmographicSimilarity(seedFirmographics, kept.get(id)!)];
    })
    .sort((a, b) => b[1] - a[1] || compareIds(a[0], b[0]))
    .slice(query.page.offset, wanted);
  return withProfiles(store, seed.workspaceId, scored);
}

/**
 * Lexical lookalikes (no vectors): the seed's words' best 4,000 text matches scored as described
 * above. Every company not read scores at most `0.8 × (the last text score) + 0.2`; past 4,000
 * matches the tail is not read (the depth the threshold loop stopped at before too).
 */
async function similarByText(
  store: Store,
  seed: CompanyProfileRecord,
  query: { filters: NormalizedSearchFilters; page: SearchPage },
): Promise<RankedCompany[]> {
  const wanted = Math.min(query.page.offset + query.page.limit, LOOKALIKE_POOL);
  if (wanted <= query.page.offset) return [];
  const seedFirmographics = searchFirmographics(seed.fields);
  const terms = lookalikeTerms(seed.fields);
  // One read at the deepest depth: the index scores every match whatever the depth, so reading
  // deeper costs little, and reading again (as the threshold loop did) cost a full scoring each time.
  const depth = LOOKALIKE_POOL * 4;
  const hits = await store.rankCompanyProfileIds({ workspaceId: seed.workspaceId, terms, filters: query.filters, excludeProfileIds: [seed.id], limit: depth });
  const firmographics = await store.filterCompanyProfileIds({
    workspaceId: seed.workspaceId,
    filters: query.filters,
    excludeProfileIds: [seed.id],
    profileIds: hits.map((hit) => hit.id),
  });
  const scored = hits
    .filter((hit) => firmographics.has(hit.id))
    .map((hit): [string, number] => [
      hit.id,
      LOOKALIKE_TEXT_WEIGHT * hit.textScore + (1 - LOOKALIKE_TEXT_WEIGHT) * firmographicSimilarity(seedFirmographics, firmographics.get(hit.id)!),
    ])
    .sort((a, b) => b[1] - a[1] || compareIds(a[0], b[0]))
    .slice(query.page.offset, wanted);
  return withProfiles(store, seed.workspaceId, scored);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
