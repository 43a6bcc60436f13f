import { PermanentCellError } from '../../engine/cell-executor.ts';
import type { CompanyProfileBuilding } from '../../services/company-search/company-lookup-service.ts';
import type { CompanyProfileResolver } from './company-profile-resolver.ts';

/** A build gives up after this long, so a site that never answers does not hold a lookup's build forever. */
const BUILD_TIMEOUT_MS = 180_000;

/**
 * Profiles built outside a table (lookup on demand, import of bare domains) by the resolver the
 * company_profile column uses: same pages, same model, same sharing of concurrent builds. A site
 * that names no company, or an input that is not one, is null; other failures (the site is
 * down, the model is unavailable) are thrown so a job retries them.
 */
export function resolverProfileBuilder(resolver: CompanyProfileResolver): CompanyProfileBuilding {
  return {
    build: async (workspaceId, site) => {
      try {
        const result = await resolver.resolve(workspaceId, site, { signal: AbortSignal.timeout(BUILD_TIMEOUT_MS), runId: null, bypassCache: false });
        return 'unresolved' in result ? null : result.profile;
      } catch (error) {
        if (error instanceof PermanentCellError) return null;
        throw error;
      }
    },
  };
}
