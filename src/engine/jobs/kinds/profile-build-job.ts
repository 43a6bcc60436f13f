import { z } from 'zod';
import type { CompanyProfileBuilding } from '../../../services/company-search/company-lookup-service.ts';
import type { JobKind } from '../job-kind.ts';

export const PROFILE_BUILD_JOB = 'profile.build';

const PayloadSchema = z.object({ domain: z.string().min(1) });

/**
 * Research one domain into the workspace's company index (bulk import of bare domains). The
 * builder exists only where workers run; an API-only process queues these jobs and never runs
 * them. Building is idempotent: a profile already stored and fresh is reused.
 */
export function profileBuildJobKind(builder: () => CompanyProfileBuilding | undefined): JobKind<z.output<typeof PayloadSchema>> {
  return {
    name: PROFILE_BUILD_JOB,
    maxAttempts: 3,
    parsePayload: (raw) => PayloadSchema.parse(raw),
    run: async (payload, context) => {
      const building = builder();
      if (!building) throw new Error('this process has no company profile builder: profile.build jobs run in processes with workers');
      await building.build(context.workspaceId, payload.domain);
    },
  };
}
