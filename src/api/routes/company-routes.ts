import type { Hono } from 'hono';
import { z } from 'zod';
import { companyResult } from '../../agents/company/company-profile-answer.ts';
import type { CompanyLookup } from '../../services/company-search/company-lookup-service.ts';
import { defineRoute, type AppEnvironment, type RouteCatalog } from '../route-definition.ts';
import { named } from '../schemas/registry.ts';

const nullableText = z.string().nullable();

export const CompanyResultSchema = named(
  'CompanyResult',
  z.object({
    id: z.string(),
    domain: z.string(),
    name: z.string().describe('The company name; the domain when its pages do not state one.'),
    website: nullableText.describe("Extension: the site's home page after redirects."),
    short_description: nullableText,
    full_description: nullableText,
    products_services: nullableText,
    use_cases: nullableText,
    target_audience: nullableText,
    other_considerations: nullableText,
    founding_year: z.number().int().nullable(),
    employee_count: nullableText.describe('Size bucket: 1-10, 11-50, 51-200, 201-500, 501-1000, 1001-5000, 5001-10000 or 10001+.'),
    hq_country: nullableText,
    hq_state_province: nullableText,
    hq_city: nullableText,
    hq_full_address: nullableText,
    social_profiles: z.record(z.string(), z.string()).describe('Profile URLs by network: linkedin, x, github, youtube, crunchbase, facebook, instagram.'),
    website_authority: z.null().describe('Not computed by Fathom.'),
    sources: z.array(z.string()).describe('Extension: the pages the profile was built from.'),
    as_of: z.string().describe('Extension: when those pages were fetched.'),
    provenance: z
      .object({
        field_sources: z.record(z.string(), z.string()),
        conflicts: z.array(z.record(z.string(), z.unknown())),
        ignored_organizations: z.array(z.object({ name: z.string().nullable(), page: z.string(), because: z.string() })),
        resolution: z.record(z.string(), z.unknown()).nullable(),
      })
      .describe(
        'Extension: the page each fact came from, facts the site stated differently (the kept one and the rejected), organisations on the pages whose facts were not used, and how the company was resolved.',
      ),
  }),
  'A company profile (contract §6.3, without relevance_score). Fields the pages do not state are null.',
);

export function registerCompanyRoutes(app: Hono<AppEnvironment>, catalog: RouteCatalog, lookup: CompanyLookup): void {
  defineRoute(
    app,
    catalog,
    {
      method: 'get',
      path: '/v1/companies/{company_identifier}',
      operationId: 'get_company_v1_companies__company_identifier__get',
      summary: 'Company Lookup',
      description:
        "The workspace's profile of a company, by profile id, domain or URL (URL-encode it), or by a name the workspace has a " +
        'profile of. A domain or URL the index lacks is researched now (on a server that runs workers): the answer waits up to ' +
        'FATHOM_COMPANY_LOOKUP_BUDGET_SECONDS, then is 504 while the build goes on; asking again returns the profile. ' +
        'A site that names no company, and an unknown id or name, answer 404.',
      tag: 'companies',
      response: CompanyResultSchema,
      errors: [401, 404, 504],
    },
    async ({ context, principal, params }) => context.json(companyResult(await lookup.find(principal.workspace.id, params.company_identifier ?? ''))),
  );
}
