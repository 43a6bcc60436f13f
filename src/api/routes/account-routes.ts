import type { Hono } from 'hono';
import { defineRoute, type AppEnvironment, type RouteCatalog } from '../route-definition.ts';
import { BillingOutputSchema, HealthcheckOutputSchema, UserOutputSchema } from '../schemas/account-schemas.ts';
import type { Principal } from '../../domain/records.ts';

// Self-hosted Fathom has no credits; scripts that check a balance before running should proceed.
const SELF_HOSTED_CREDITS = 1_000_000;

function presentUser(principal: Principal) {
  return {
    user_id: principal.user.id,
    email: principal.user.email,
    available_credits: SELF_HOSTED_CREDITS,
    organization_id: principal.workspace.id,
    organization_name: principal.workspace.name,
    organization_slug: principal.workspace.slug,
    organization_is_active: true,
  };
}

export function registerAccountRoutes(app: Hono<AppEnvironment>, catalog: RouteCatalog, checkHealth: () => Promise<void>): void {
  defineRoute(
    app,
    catalog,
    {
      method: 'get',
      path: '/v1/healthcheck',
      operationId: 'healthcheck_v1_healthcheck_get',
      summary: 'Healthcheck',
      description: 'No token needed. Answers 503 when the database does not answer.',
      tag: 'service',
      isPublic: true,
      response: HealthcheckOutputSchema,
      errors: [503],
    },
    async ({ context }) => {
      try {
        await checkHealth();
        return context.json({ status: 'ok' });
      } catch {
        return context.json({ status: 'unavailable' }, 503);
      }
    },
  );

  defineRoute(
    app,
    catalog,
    { method: 'get', path: '/v1/user', operationId: 'get_user_v1_user_get', summary: 'Get User', tag: 'user', response: UserOutputSchema, errors: [401] },
    async ({ context, principal }) => context.json(presentUser(principal)),
  );

  defineRoute(
    app,
    catalog,
    {
      method: 'get',
      path: '/v1/billing',
      operationId: 'get_billing_v1_billing_get',
      summary: 'Get Billing',
      description: 'Self-hosted: no subscription is required, so every plan-gated call is allowed.',
      tag: 'user',
      response: BillingOutputSchema,
      errors: [401],
    },
    async ({ context, principal }) => context.json({ user: presentUser(principal), subscription: { requires_subscription: false, plan_tier: 'self_hosted' } }),
  );
}
