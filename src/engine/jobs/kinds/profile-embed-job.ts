import { z } from 'zod';
import { embeddingText, unitVector } from '../../../domain/company-search/profile-embedding.ts';
import type { EmbeddingProvider } from '../../../providers/embedding/embedding-provider.ts';
import type { Store } from '../../../store/store.ts';
import type { JobKind } from '../job-kind.ts';

export const PROFILE_EMBED_JOB = 'profile.embed';

/** Profiles per call to the embedding model. */
const BATCH = 64;
/** Batches per job: a job stays short (its lease, a restart) and queues the next one for the rest. */
const BATCHES_PER_JOB = 16;

const PayloadSchema = z.object({}).passthrough();

/**
 * Embed the workspace's profiles whose vector is missing or out of date (a new profile, changed
 * text, another model), a batch at a time, then queue the next job when some remain. One pending
 * job per workspace (dedupe key): every save asks for one, the job takes whatever is waiting.
 * A vector is stored only if its profile did not change meanwhile, so it is idempotent and safe
 * beside saves. The provider holds the LLM's rate limits; a failed call fails the attempt, which
 * the engine retries with backoff.
 */
export function profileEmbedJobKind(
  store: Pick<Store, 'findCompanyProfilesToEmbed' | 'saveCompanyEmbeddings'>,
  embedder: () => EmbeddingProvider | undefined,
  now: () => string = () => new Date().toISOString(),
): JobKind<z.output<typeof PayloadSchema>> {
  return {
    name: PROFILE_EMBED_JOB,
    maxAttempts: 5,
    parsePayload: (raw) => PayloadSchema.parse(raw ?? {}),
    run: async (_payload, context) => {
      const provider = embedder();
      if (!provider) throw new Error('this process has no embedding model: set FATHOM_EMBEDDING_MODEL where the workers run');
      let afterId: string | null = null;
      for (let batch = 0; batch < BATCHES_PER_JOB; batch += 1) {
        const profiles = await store.findCompanyProfilesToEmbed(context.workspaceId, provider.model, afterId, BATCH);
        if (profiles.length === 0) return;
        afterId = profiles.at(-1)!.id;
        const vectors = await provider.embed(profiles.map(embeddingText), context.signal);
        if (vectors.length !== profiles.length) throw new Error(`${provider.model} returned ${vectors.length} vectors for ${profiles.length} texts`);
        await store.saveCompanyEmbeddings(
          context.workspaceId,
          provider.model,
          profiles.map((profile, index) => ({ profileId: profile.id, updatedAt: profile.updatedAt, vector: unitVector(vectors[index]!) })),
          now(),
        );
        // Profiles changed meanwhile are left to the job their save queued.
        if (profiles.length < BATCH) return;
      }
      await context.enqueue(PROFILE_EMBED_JOB, {}, { dedupeKey: PROFILE_EMBED_JOB });
    },
  };
}
