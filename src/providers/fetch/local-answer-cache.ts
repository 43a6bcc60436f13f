import type { LookupAddress } from 'node:dns';
import type { HostLookup } from './destination-guard.ts';

/** How long a proxied name's local answer (or its absence) is trusted, and how many names are kept. */
export const LOCAL_ANSWER_TTL_MS = 60_000;
export const LOCAL_ANSWER_MAX_NAMES = 2_000;

/**
 * Remembers what the local resolver said about names that are about to go through a proxy, for
 * a minute, and asks it once for concurrent requests to the same name. The proxy resolves the
 * name itself, so this answer only decides whether to refuse; asking it afresh for every page
 * of a site made each request wait on the resolver, and a resolver without a cache that drops a
 * burst of queries stalled every lost one for its 5 s retry. Failures are remembered too: a name
 * that does not resolve here stays unresolvable for the same minute.
 */
export function cacheLocalAnswers(lookup: HostLookup, options: { ttlMs?: number; maxNames?: number; now?: () => number } = {}): HostLookup {
  const ttlMs = options.ttlMs ?? LOCAL_ANSWER_TTL_MS;
  const maxNames = options.maxNames ?? LOCAL_ANSWER_MAX_NAMES;
  const now = options.now ?? Date.now;
  const answers = new Map<string, { expiresAt: number; answer: Promise<readonly LookupAddress[]> }>();

  return (hostname) => {
    const time = now();
    const known = answers.get(hostname);
    if (known && known.expiresAt > time) return known.answer;
    if (known) answers.delete(hostname);
    const answer = lookup(hostname);
    // Keep the rejection handled here; every caller still receives it through the returned promise.
    answer.catch(() => undefined);
    answers.set(hostname, { expiresAt: time + ttlMs, answer });
    // Maps iterate in insertion order, so the first key is the oldest answer.
    if (answers.size > maxNames) answers.delete(answers.keys().next().value as string);
    return answer;
  };
}
