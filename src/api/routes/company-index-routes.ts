import type { Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError } from '../../domain/errors.ts';
import { importCompanies, type DomainProfilingQueue } from '../../services/company-search/company-import-service.ts';
import { findStoredCompanyProfile } from '../../services/company-search/find-company-profile.ts';
import type { ServiceContext } from '../../services/service-context.ts';
import { defineRoute, type AppEnvironment, type RouteCatalog } from '../route-definition.ts';
import { named } from '../schemas/registry.ts';

/** Most companies one import request carries; the CLI sends files in batches of this. */
export const MAX_IMPORT_BATCH = 1_000;

export const ImportRequestSchema = named(
  'CompanyImportRequest',
  z.object({
    companies: z
      .array(z.looseObject({ domain: z.string() }))
      .min(1)
      .max(MAX_IMPORT_BATCH)
      .describe('Each a `domain` (or URL), optionally with the CompanyResult fields of its profile (name, short_description, employee_count, hq_country…).'),
    source: z
      .string()
      .min(1)
      .max(300)
      .default('api')
      .describe('Where the companies come from (the CLI sends the file name); stored profiles get sources ["import:<source>"].'),
  }),
);

export const ImportResponseSchema = named(
  'CompanyImportResponse',
  z.object({
    companies: z.array(z.object({ domain: z.string(), status: z.enum(['stored', 'queued']), id: z.string().nullable() })),
  }),
);

/** Extensions to the Extruct API for owning the index: bulk import and removal of companies. */
export function registerCompanyIndexRoutes(
  app: Hono<AppEnvironment>,
  catalog: RouteCatalog,
  services: ServiceContext,
  profilingQueue: DomainProfilingQueue | undefined,
): void {
  defineRoute(
    app,
    catalog,
    {
      method: 'post',
      path: '/v1/companies/import',
      operationId: 'import_companies_v1_companies_import_post',
      summary: 'Import companies (Fathom extension)',
      description:
        "Add companies to this workspace's index. A company given with profile fields is stored as given (replacing the " +
        "workspace's profile of that domain) and searchable at once; a bare domain is queued for the workers to research. " +
        'One invalid company refuses the whole batch (422 naming it), so a batch is applied entirely or not at all.',
      tag: 'companies',
      body: ImportRequestSchema,
      response: ImportResponseSchema,
      errors: [401],
    },
    async ({ context, principal, body }) =>
      context.json({ companies: await importCompanies(services, principal.workspace.id, { companies: body.companies, source: body.source }, profilingQueue) }),
  );

  defineRoute(
    app,
    catalog,
    {
      method: 'delete',
      path: '/v1/companies/{company_identifier}',
      operationId: 'delete_company_v1_companies__company_identifier__delete',
      summary: 'Remove a company from the index (Fathom extension)',
      description:
        "Remove the workspace's profile of a company (by id, domain or URL) from the index; search and lookalikes stop returning " +
        'it at once. Rows of tables linked to it keep their cells and lose the link.',
      tag: 'companies',
      response: named('CompanyDeleteResponse', z.object({ id: z.string(), deleted: z.literal(true) })),
      errors: [401, 404],
    },
    async ({ context, principal, params }) => {
      const identifier = params.company_identifier ?? '';
      const profile = await findStoredCompanyProfile(services.store, principal.workspace.id, identifier);
      if (!profile || !(await services.store.deleteCompanyProfile(principal.workspace.id, profile.id))) {
        throw new NotFoundError(`no company profile for '${identifier.trim()}' in this workspace`);
      }
      return context.json({ id: profile.id, deleted: true as const });
    },
  );
}
