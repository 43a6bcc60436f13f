import { unitVector } from '../../domain/company-search/profile-embedding.ts';
import type { EmbeddingProvider } from '../../providers/embedding/embedding-provider.ts';
import { companyIndexLoadPages } from '../../store/store-capabilities.ts';
import type { Store } from '../../store/store.ts';
import type { HybridSearch } from './company-search-service.ts';
import { CompanyVectorIndex } from './company-vector-index.ts';

/** Query vectors kept: the same searches come back (paging, the grid panel retyping). */
const QUERY_CACHE_SIZE = 512;

/**
 * Hybrid search over `provider`: the workspaces' vectors in memory and the queries' vectors, the
 * latest few hundred kept (a query is embedded in the request path; profiles never are).
 */
export function createHybridSearch(
  store: Pick<Store, 'listCompanyEmbeddings' | 'listDeletedCompanyProfiles' | 'capabilities'>,
  provider: EmbeddingProvider,
  /** Workspaces whose vectors are kept in memory (least recently used dropped first). */
  maxWorkspaces = Number.POSITIVE_INFINITY,
): HybridSearch {
  const cache = new Map<string, Float32Array | null>();
  return {
    vectors: new CompanyVectorIndex(store, provider.model, maxWorkspaces, companyIndexLoadPages(store.capabilities).vectors),
    async embedQuery(text) {
      const key = text.trim().toLowerCase();
      if (cache.has(key)) {
        const cached = cache.get(key)!;
        cache.delete(key);
        cache.set(key, cached);
        return cached;
      }
      const [vector] = await provider.embed([text.trim()]);
      const unit = vector ? unitVector(vector) : null;
      cache.set(key, unit);
      if (cache.size > QUERY_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      return unit;
    },
  };
}
