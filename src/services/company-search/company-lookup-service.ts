import { parseCompanyIdentifier } from '../../domain/company-identifier.ts';
import { GatewayTimeoutError, NotFoundError } from '../../domain/errors.ts';
import type { CompanyProfileRecord, Store } from '../../store/store.ts';
import { findStoredCompanyProfile } from './find-company-profile.ts';

/** Builds a company's profile from its site (the resolver the workers use); null when no company can be read there. */
export interface CompanyProfileBuilding {
  build(workspaceId: string, site: string): Promise<CompanyProfileRecord | null>;
}

/** Queues a durable build of a site (a `profile.build` engine job, one pending per site). */
export type DurableProfileBuild = (workspaceId: string, site: string, identifier: string) => Promise<void>;

/**
 * Lookup on demand: a stored profile at once; for a domain or URL the index lacks, a build,
 * waited for up to `budgetMs`. Past the budget the answer is 504 and the build goes on in this
 * process, backed by a queued `profile.build` job: if this process dies, another worker (or
 * this one after a restart) builds it, and asking again finds the stored profile. Names, unknown
 * ids and sites that name no company stay 404.
 */
export class CompanyLookup {
  private readonly building = new Map<string, Promise<CompanyProfileRecord | null>>();

  constructor(
    private readonly store: Store,
    private readonly builder: CompanyProfileBuilding | undefined,
    private readonly budgetMs: number,
    private readonly onBuildFailed: (error: unknown, site: string) => void = () => {},
    private readonly durableBuild?: DurableProfileBuild,
  ) {}

  async find(workspaceId: string, identifier: string): Promise<CompanyProfileRecord> {
    const stored = await findStoredCompanyProfile(this.store, workspaceId, identifier);
    if (stored) return stored;
    const parsed = parseCompanyIdentifier(identifier);
    const site = parsed?.kind === 'site' ? parsed.domain : parsed?.kind === 'address' ? parsed.host : null;
    if (!site || !this.builder) {
      throw new NotFoundError(
        `no company profile for '${identifier.trim()}' in this workspace: ${
          site ? 'this server builds profiles only where it runs workers; add the company to a company table' : 'look it up by domain or URL, or import it'
        }`,
      );
    }
    const key = `${workspaceId}\n${site}`;
    let build = this.building.get(key);
    if (!build) {
      const started = this.builder.build(workspaceId, identifier.trim());
      build = started.finally(() => this.building.delete(key));
      this.building.set(key, build);
      // The build outlives a request that stopped waiting: its failure is reported, never unhandled.
      build.catch((error) => this.onBuildFailed(error, site));
    }
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), this.budgetMs);
    });
    try {
      const outcome = await Promise.race([build.catch(() => null), deadline]);
      if (outcome === 'late') {
        // The job reuses the profile if the build here stores it first (a fresh stored profile is not rebuilt).
        await this.durableBuild?.(workspaceId, site, identifier.trim()).catch((error) => this.onBuildFailed(error, site));
        throw new GatewayTimeoutError(
          `building the profile of ${site} takes longer than ${Math.round(this.budgetMs / 1000)} s; it goes on: ask again in a moment`,
        );
      }
      if (!outcome)
        throw new NotFoundError(
          `no company profile for '${identifier.trim()}': building one from ${site} failed (the site could not be read, or names no company)`,
        );
      return outcome;
    } finally {
      clearTimeout(timer);
    }
  }
}
