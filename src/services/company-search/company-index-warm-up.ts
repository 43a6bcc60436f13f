import type { Store } from '../../store/store.ts';
import type { CompanyVectorIndex } from './company-vector-index.ts';

export interface WarmedWorkspace {
  workspaceId: string;
  profiles: number;
  /** Vectors loaded (0 without an embedding model). */
  vectors: number;
  ms: number;
}

export interface WarmUpReport {
  workspaces: WarmedWorkspace[];
  /** Why the warm-up stopped early (closing, or a failed read), else null. */
  stopped: string | null;
}

export interface WarmUpDependencies {
  store: Pick<Store, 'listWorkspacesWithCompanyProfiles' | 'warmCompanyIndex'>;
  /** The vectors of hybrid search, when an embedding model is configured. */
  vectors?: CompanyVectorIndex;
  /** At most this many workspaces (the caches' bound: loading more would only evict the first). */
  maxWorkspaces: number;
  /** Stops the warm-up between workspaces and between slices of the next load's caller (the process is closing). */
  signal: AbortSignal;
}

/**
 * Load the company index (text, and vectors with an embedding model) of the workspaces with the
 * most profiles, one after the other, so their first search does not wait seconds for it. Runs in
 * the background of an API process: the loads are sliced (see CompanyIndexCache), so requests are
 * served meanwhile, and a search of a workspace being loaded waits for that same load. A failure is
 * reported, not thrown: the index then loads at the first search, as it would without a warm-up.
 */
export async function warmCompanyIndexes(dependencies: WarmUpDependencies): Promise<WarmUpReport> {
  const { store, vectors, maxWorkspaces, signal } = dependencies;
  const workspaces: WarmedWorkspace[] = [];
  try {
    const workspaceIds = await store.listWorkspacesWithCompanyProfiles(maxWorkspaces);
    for (const workspaceId of workspaceIds) {
      if (signal.aborted) return { workspaces, stopped: 'closing' };
      const started = performance.now();
      const profiles = await store.warmCompanyIndex(workspaceId);
      if (signal.aborted) return { workspaces, stopped: 'closing' };
      const vectorCount = vectors ? (await vectors.vectors(workspaceId)).size : 0;
      workspaces.push({ workspaceId, profiles, vectors: vectorCount, ms: Math.round(performance.now() - started) });
    }
    return { workspaces, stopped: null };
  } catch (error) {
    return { workspaces, stopped: signal.aborted ? 'closing' : (error as Error).message };
  }
}
