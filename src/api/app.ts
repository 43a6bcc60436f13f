import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Logger } from 'pino';
import { PayloadTooLargeError } from '../domain/errors.ts';
import { authenticate } from '../services/api-tokens.ts';
import type { ServiceContext } from '../services/service-context.ts';
import type { HybridSearch } from '../services/company-search/company-search-service.ts';
import { CompanyLookup, type DurableProfileBuild, type CompanyProfileBuilding } from '../services/company-search/company-lookup-service.ts';
import type { DomainProfilingQueue } from '../services/company-search/company-import-service.ts';
import { renderDocsPage } from './docs-page.ts';
import { registerWebApp } from './static-web.ts';
import { errorResponse } from './error-responses.ts';
import { SERVER_PAGE_CSP, securityHeaders } from './security-headers.ts';
import { buildOpenApiDocument } from './openapi-document.ts';
import type { AppEnvironment, RouteCatalog } from './route-definition.ts';
import { registerAccountRoutes } from './routes/account-routes.ts';
import { registerColumnRoutes } from './routes/column-routes.ts';
import { registerCompanyRoutes } from './routes/company-routes.ts';
import { registerDeepResearchRoutes } from './routes/deep-research-routes.ts';
import { registerDiscoveryRoutes } from './routes/discovery-routes.ts';
import { registerCompanySearchRoutes } from './routes/company-search-routes.ts';
import { registerCompanyIndexRoutes } from './routes/company-index-routes.ts';
import { registerRowRoutes } from './routes/row-routes.ts';
import { registerRunRoutes } from './routes/run-routes.ts';
import { registerUsageRoutes } from './routes/usage-routes.ts';
import { registerTableDataRoute } from './routes/table-data-route.ts';
import { registerTableRoutes } from './routes/table-routes.ts';
import { registerTableViewRoutes } from './routes/table-view-routes.ts';
import { registerTableEventsRoute } from './routes/table-events-route.ts';
import type { CellChangeFeed } from '../engine/cell-change-feed.ts';
import { projectFile } from '../project-files.ts';

export interface AppOptions {
  services: ServiceContext;
  logger: Logger;
  maxBodyBytes: number;
  version: string;
  /** Answers when the database does; throws otherwise. */
  checkHealth(): Promise<void>;
  /** Which cells the engine changed, for live updates. */
  changeFeed: CellChangeFeed;
  /** Builds profiles the index lacks (lookup on demand, lookalike seeds); absent where no workers run. */
  profileBuilder?: CompanyProfileBuilding;
  /** How long a lookup waits for such a build before answering 504. */
  companyLookupBudgetMs?: number;
  /** Queues a lookup's build past its budget as an engine job, so it outlives this process. */
  durableProfileBuild?: DurableProfileBuild;
  /** Vectors for hybrid company search; absent when no embedding model is configured (search is lexical). */
  hybridSearch?: HybridSearch;
  /** Queues bare domains of an import for the workers to research. */
  profilingQueue?: DomainProfilingQueue;
}

export function createApp(options: AppOptions): Hono<AppEnvironment> {
  const app = new Hono<AppEnvironment>();
  const catalog: RouteCatalog = { routes: [] };

  app.use('*', securityHeaders());
  app.onError((error, context) => errorResponse(error, context, options.logger));
  app.notFound((context) => context.json({ detail: 'Not Found', code: 'not_found' }, 404));

  app.use('/v1/*', async (context, next) => {
    const started = performance.now();
    await next();
    options.logger.debug(
      { method: context.req.method, path: context.req.path, status: context.res.status, ms: Math.round(performance.now() - started) },
      'request',
    );
  });
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: options.maxBodyBytes,
      onError: () => {
        throw new PayloadTooLargeError(
          `request body is larger than the limit of ${options.maxBodyBytes} bytes (${formatBytes(options.maxBodyBytes)}); ` +
            'send fewer rows per request or raise FATHOM_MAX_BODY_BYTES',
        );
      },
    }),
  );
  app.use('/v1/*', async (context, next) => {
    if (context.req.path === '/v1/healthcheck') return next();
    // EventSource cannot send headers: the events stream alone also takes ?access_token=.
    const queryToken = context.req.path.endsWith('/events') ? context.req.query('access_token') : undefined;
    const authorization = context.req.header('authorization') ?? (queryToken ? `Bearer ${queryToken}` : undefined);
    context.set('principal', await authenticate(options.services.store, authorization));
    return next();
  });

  registerAccountRoutes(app, catalog, options.checkHealth);
  registerTableRoutes(app, catalog, options.services);
  registerTableDataRoute(app, catalog, options.services);
  registerTableViewRoutes(app, catalog, options.services);
  registerRowRoutes(app, catalog, options.services);
  registerRunRoutes(app, catalog, options.services);
  registerUsageRoutes(app, catalog, options.services);
  registerTableEventsRoute(app, catalog, options.services, { changeFeed: options.changeFeed, logger: options.logger });
  registerColumnRoutes(app, catalog, options.services);
  // Before the lookup route: /v1/companies/search is not a company called "search".
  const lookup = new CompanyLookup(
    options.services.store,
    options.profileBuilder,
    options.companyLookupBudgetMs ?? 20_000,
    (error, site) => options.logger.warn({ err: error, site }, 'company-profile-build-failed'),
    options.durableProfileBuild,
  );
  registerCompanySearchRoutes(app, catalog, options.services, lookup, options.hybridSearch);
  registerCompanyIndexRoutes(app, catalog, options.services, options.profilingQueue);
  registerCompanyRoutes(app, catalog, lookup);
  registerDiscoveryRoutes(app, catalog, options.services);
  registerDeepResearchRoutes(app, catalog, options.services);

  let document: Record<string, unknown> | undefined;
  const openApiDocument = () => (document ??= buildOpenApiDocument(catalog, options.version));
  app.get('/openapi.json', (context) => context.json(openApiDocument()));
  app.get('/docs', (context) => context.html(renderDocsPage(openApiDocument()), 200, { 'Content-Security-Policy': SERVER_PAGE_CSP }));
  // Last: the web app answers only what no API route did.
  registerWebApp(app, { distDirectory: `${projectFile('web', 'dist')}/` });
  return app;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
}
