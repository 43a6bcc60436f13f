import { NOT_FOUND } from '../../domain/output-formats/index.ts';
import { type CellContext, type CellExecutor, type CellResult, PermanentCellError } from '../../engine/cell-executor.ts';
import { ownSignal } from '../research/cell-signal.ts';
import { usageRecord } from '../structured-answer.ts';
import type { CompanyMatchSettings } from './company-name-resolution.ts';
import { companyProfileAnswer } from './company-profile-answer.ts';
import type { CompanyProfileResolver, ResolvedProfile } from './company-profile-resolver.ts';

/**
 * The built-in `company_profile` column (contract §3.8): resolves the row's `input` to the
 * workspace's profile of that company, building it when there is none, and links the row to it.
 * Without a model the profile holds what the site's markup says; the cell does not fail for it.
 * A name that matches no company well enough answers "Not found" naming the best candidates (or
 * fails, with `FATHOM_COMPANY_UNRESOLVED=fail`): a guess never becomes the row's company.
 */
export function createCompanyProfileExecutor(resolver: CompanyProfileResolver, settings: Pick<CompanyMatchSettings, 'unresolved'>): CellExecutor {
  return {
    async execute(context: CellContext): Promise<CellResult> {
      const startedAt = performance.now();
      const resolved = await resolver.resolve(
        context.table.workspaceId,
        context.inputs['input'],
        { signal: ownSignal(context.signal), runId: context.runId, bypassCache: context.bypassCache },
        rowContextOf(context),
      );
      if ('unresolved' in resolved) {
        const message = `${resolved.reason}.`;
        if (settings.unresolved === 'fail') throw new PermanentCellError(message, { code: 'company_not_identified' });
        return {
          value: {
            answer: NOT_FOUND,
            source: [],
            explanation: `${message} Give the company's domain or URL to choose one.`,
            resolution: resolved.resolution,
            usage: { duration_ms: Math.round(performance.now() - startedAt) },
          },
        };
      }
      const usage = usageRecord(resolved.responses);
      return {
        value: {
          answer: companyProfileAnswer(resolved.profile, resolved.resolution),
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

/** The row's other input values (a city, an industry, a country), as context for matching a name. */
function rowContextOf(context: CellContext): string[] {
  return Object.entries(context.rowInputs ?? {})
    .filter(([key, value]) => key !== 'input' && typeof value === 'string' && value.trim() !== '')
    .map(([, value]) => (value as string).trim());
}

function explanationOf(resolved: ResolvedProfile): string {
  const { profile, resolution } = resolved;
  const pages = `${profile.sources.length} page${profile.sources.length === 1 ? '' : 's'} of ${profile.domain}`;
  const parts: string[] = [];
  if (resolution.method === 'name_search' || resolution.method === 'workspace_profile') {
    const where = resolution.method === 'name_search' ? 'a web search' : "the workspace's stored profiles";
    parts.push(`Matched by name from ${where} (score ${resolution.score.toFixed(2)}, on the site's own name, its domain and the row).`);
  }
  parts.push(
    resolved.isReused
      ? `The workspace's profile of ${profile.domain}, built on ${profile.asOf} from ${pages}; reused without reading the site again.`
      : `Built from ${pages} read on ${profile.asOf}: site markup first, the model only for what the pages state in prose.`,
  );
  if (resolved.refreshFailedBecause) parts.push(`Refreshing it failed (${resolved.refreshFailedBecause}), so the stored profile was kept.`);
  if (resolved.enrichmentSkippedBecause)
    parts.push(`The model could not complete it (${resolved.enrichmentSkippedBecause}); fields the markup does not give are null.`);
  return parts.join(' ');
}
