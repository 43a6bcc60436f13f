import type { CellContext, CellExecutor, CellResult } from '../../engine/cell-executor.ts';
import { ownSignal } from '../research/cell-signal.ts';
import { usageRecord } from '../structured-answer.ts';
import { companyProfileAnswer } from './company-profile-answer.ts';
import type { CompanyProfileResolver, ResolvedProfile } from './company-profile-resolver.ts';

/**
 * The built-in `company_profile` column (contract §3.8): resolves the row's `input` to the
 * workspace's profile of that company, building it when there is none, and links the row to it.
 * Without a model the profile holds what the site's markup says; the cell does not fail for it.
 */
export function createCompanyProfileExecutor(resolver: CompanyProfileResolver): CellExecutor {
  return {
    async execute(context: CellContext): Promise<CellResult> {
      const startedAt = performance.now();
      const resolved = await resolver.resolve(context.table.workspaceId, context.inputs['input'], {
        signal: ownSignal(context.signal),
        runId: context.runId,
        bypassCache: context.bypassCache,
      });
      const usage = usageRecord(resolved.responses);
      return {
        value: {
          answer: companyProfileAnswer(resolved.profile),
          source: resolved.profile.sources,
          explanation: explanationOf(resolved),
          as_of: resolved.profile.asOf,
          is_reused: resolved.isReused,
          usage: { ...usage.usage, duration_ms: Math.round(performance.now() - startedAt) },
          provider: usage.provider,
          model: usage.model,
        },
        companyProfileId: resolved.profile.id,
      };
    },
  };
}

function explanationOf(resolved: ResolvedProfile): string {
  const { profile } = resolved;
  const pages = `${profile.sources.length} page${profile.sources.length === 1 ? '' : 's'} of ${profile.domain}`;
  const parts = [
    resolved.isReused
      ? `The workspace's profile of ${profile.domain}, built on ${profile.asOf} from ${pages}; reused without reading the site again.`
      : `Built from ${pages} read on ${profile.asOf}: site markup first, the model only for what the pages state in prose.`,
  ];
  if (resolved.refreshFailedBecause) parts.push(`Refreshing it failed (${resolved.refreshFailedBecause}), so the stored profile was kept.`);
  if (resolved.enrichmentSkippedBecause)
    parts.push(`The model could not complete it (${resolved.enrichmentSkippedBecause}); fields the markup does not give are null.`);
  return parts.join(' ');
}
