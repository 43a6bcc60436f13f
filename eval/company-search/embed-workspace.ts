import { profileEmbedJobKind } from '../../src/engine/jobs/kinds/profile-embed-job.ts';
import type { EmbeddingProvider } from '../../src/providers/embedding/embedding-provider.ts';
import type { Store } from '../../src/store/store.ts';

/**
 * Runs a workspace's `profile.embed` jobs to the end in this process, as the engine's workers
 * would (each run may enqueue the next batch), for the eval and the search bench, which measure
 * the index rather than the queue.
 */
export async function embedWorkspace(store: Store, provider: EmbeddingProvider, workspaceId: string): Promise<void> {
  const kind = profileEmbedJobKind(store, () => provider);
  let pending = 1;
  while (pending > 0) {
    pending -= 1;
    await kind.run(
      {},
      {
        workspaceId,
        signal: new AbortController().signal,
        attempt: 1,
        enqueue: async () => {
          pending += 1;
        },
      },
    );
  }
}
