import { z } from 'zod';
import { named } from './registry.ts';

export const HealthcheckOutputSchema = named('HealthcheckOutput', z.object({ status: z.string() }));

export const UserOutputSchema = named(
  'UserOutput',
  z.object({
    user_id: z.string(),
    email: z.string(),
    available_credits: z.number(),
    organization_id: z.string().nullable(),
    organization_name: z.string().nullable(),
    organization_slug: z.string().nullable(),
    organization_is_active: z.boolean(),
  }),
);

export const BillingOutputSchema = named(
  'BillingOutput',
  z.object({
    user: UserOutputSchema,
    subscription: z.object({ requires_subscription: z.boolean(), plan_tier: z.string() }),
  }),
);
