import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { DomainError } from '../core/errors.ts';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { checkAccess, requireAccessDeclarations } from './http/access.ts';
import { installErrorHandler, notFoundBody } from './http/errors.ts';
import { installMetrics } from './http/metrics.ts';
import { installCompression } from './http/compression.ts';
import { installSecurityHeaders } from './http/security-headers.ts';
import { sessionToken } from './http/session.ts';
import { orgRoutes } from './modules/org/org.routes.ts';
import * as auth from './modules/platform/auth.service.ts';
import { platformRoutes } from './modules/platform/platform.routes.ts';
import { planningRoutes } from './modules/planning/planning.routes.ts';
import { financeRoutes } from './modules/finance/finance.routes.ts';
import { evmRoutes } from './modules/evm/evm.routes.ts';
import { governanceRoutes } from './modules/governance/governance.routes.ts';
import { methodsRoutes } from './modules/methods/methods.routes.ts';
import { portfolioRoutes } from './modules/portfolio/portfolio.routes.ts';
import { listenForProjectViewChanges } from './modules/portfolio/project-view-cache.ts';
import { notificationRoutes } from './modules/notifications/notifications.routes.ts';
import { timeRoutes } from './modules/time/time.routes.ts';
import { reportingRoutes } from './modules/reporting/reporting.routes.ts';
import { dashboardsRoutes } from './modules/reporting/dashboards.routes.ts';
import { dashRoutes } from './modules/reporting/dash.routes.ts';
import { raidRoutes } from './modules/risks/raid.routes.ts';
import { simRoutes } from './modules/sim/sim.routes.ts';
import { riskRoutes } from './modules/risks/risks.routes.ts';
import { scoringRoutes } from './modules/strategy/scoring.routes.ts';
import { registerRoutes } from './modules/risks/register.routes.ts';
import { strategyRoutes } from './modules/strategy/strategy.routes.ts';
import { capacityRoutes } from './modules/resources/capacity.routes.ts';
import { whatifRoutes } from './modules/whatif/whatif.routes.ts';
import { resourcesRoutes } from './modules/resources/resources.routes.ts';
import { copilRoutes } from './modules/reporting/copil/copil.routes.ts';
import { skillsRoutes } from './modules/resources/skills.routes.ts';
import { staffingRoutes } from './modules/resources/staffing.routes.ts';
import { staffingRankingRoutes } from './modules/staffing/staffing.routes.ts';
import { trainingRoutes } from './modules/staffing/training.routes.ts';

const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Paths whose routes come from plugins (docs UI, static files) and so carry no access declaration. */
const isPluginRoute = (url: string) => url.startsWith('/api/docs') || url === '/*' || url === '/';

export interface AppOptions {
  config: Config;
  database: Database;
  logger?: FastifyServerOptions['logger'];
  /** Serve the built web app from dist/web (default: when it exists). */
  serveWeb?: boolean;
  /** Where the built web app is (default: dist/web of the checkout). */
  webDir?: string;
}

/** Builds the whole HTTP application; explicit wiring, no container. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { config, database } = opts;
  const ctx = { db: database.db, config };
  const app = Fastify({
    logger: opts.logger ?? {
      level: config.logLevel,
      redact: {
        paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
        censor: '[redacted]',
      },
      serializers: {
        // Query strings can carry tokens (setup links, iCal feeds): never log them.
        req: (req: { method: string; url: string; ip?: string }) => ({
          method: req.method,
          url: req.url.split('?')[0],
        }),
      },
    },
    logController: new LogController({
      disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace',
    }),
    trustProxy: config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  requireAccessDeclarations(app, isPluginRoute);
  app.decorateRequest('actor', null);

  await app.register(fastifyCookie);
  installSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: false,
  });
  installCompression(app);
  // Burst protection per instance; the durable per-account and per-IP login throttling is in PostgreSQL.
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Jalon API',
        version: '1',
        description: 'Project portfolio management for PMOs',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'jalon_session' } },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  // CSRF: a cookie-authenticated write must come from a page of this server.
  app.addHook('onRequest', async (req) => {
    if (!UNSAFE.has(req.method) || !req.url.startsWith('/api/')) return;
    const origin = originOf(req.headers.origin ?? req.headers.referer);
    const allowed = new Set([originOf(`${req.protocol}://${req.host}`)]);
    if (config.publicUrl) allowed.add(new URL(config.publicUrl).origin);
    if (!origin || !allowed.has(origin)) {
      throw new DomainError(
        'CSRF_REJECTED',
        'Writes must come from a page of this server (Origin header)',
      );
    }
  });
  // Access is checked before the body is parsed or validated: a caller who may not call a
  // route learns nothing about what it expects.
  app.addHook(
    'onRequest',
    checkAccess(async (req) => {
      const token = sessionToken(req);
      return token ? auth.resolveSession(ctx, token) : null;
    }),
  );

  const metrics = installMetrics(app);
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/livez', { config: { access: 'public' }, schema: { hide: true } }, async () => ({
    status: 'ok',
  }));
  r.get(
    '/readyz',
    { config: { access: 'public' }, schema: { hide: true } },
    async (_req, reply) => {
      try {
        await database.db.execute(sql`select 1`);
        return { status: 'ok', database: database.kind };
      } catch {
        return reply.status(503).send({ status: 'unavailable', database: database.kind });
      }
    },
  );
  r.get(
    '/metrics',
    { config: { access: 'public' }, schema: { hide: true } },
    async (_req, reply) => {
      reply.header('content-type', metrics.contentType);
      return metrics.metrics();
    },
  );
  r.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  // Project views cached in memory, forgotten on every change notified by any instance.
  const stopListening = await listenForProjectViewChanges(database);
  app.addHook('onClose', stopListening);

  platformRoutes(app, ctx);
  orgRoutes(app, ctx);
  portfolioRoutes(app, ctx);
  planningRoutes(app, ctx);
  notificationRoutes(app, ctx);
  timeRoutes(app, ctx);
  reportingRoutes(app, ctx);
  dashboardsRoutes(app, ctx);
  dashRoutes(app, ctx);
  registerRoutes(app, ctx);
  riskRoutes(app, ctx);
  raidRoutes(app, ctx);
  strategyRoutes(app, ctx);
  scoringRoutes(app, ctx);
  financeRoutes(app, ctx);
  evmRoutes(app, ctx);
  governanceRoutes(app, ctx);
  resourcesRoutes(app, ctx);
  capacityRoutes(app, ctx);
  whatifRoutes(app, ctx);
  copilRoutes(app, ctx);
  skillsRoutes(app, ctx);
  staffingRoutes(app, ctx);
  staffingRankingRoutes(app, ctx);
  trainingRoutes(app, ctx);
  methodsRoutes(app, ctx);
  simRoutes(app, ctx);

  // Unknown paths: the single-page app answers for pages, the error body for everything else.
  const webDir = opts.webDir ?? WEB_DIR;
  const serveWeb = opts.serveWeb ?? existsSync(path.join(webDir, 'index.html'));
  // The bundler's chunks carry a hash of their content in their name: the browser keeps them
  // instead of asking again at every page load (each revalidation waited behind the API). The
  // rest (index.html, which names the chunks of the current build; prefetch.js, the icon) is
  // revalidated every time. The build writes a brotli and a gzip copy beside each text file
  // (src/cli/web-precompress.ts): they go as they are to the browsers that accept them.
  const assets = path.join(webDir, 'assets') + path.sep;
  if (serveWeb)
    await app.register(fastifyStatic, {
      root: webDir,
      index: 'index.html',
      preCompressed: true,
      setHeaders: (reply, file) => {
        reply.header(
          'cache-control',
          file.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  app.setNotFoundHandler((req, reply) => {
    const p = req.url.split('?')[0] ?? '/';
    if (serveWeb && req.method === 'GET' && !p.startsWith('/api/') && !path.extname(p)) {
      return reply.sendFile('index.html');
    }
    return reply.status(404).send(notFoundBody(req.method, req.url));
  });
  return app;
}

/** The normalised origin of a URL (default ports dropped), or undefined. */
function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
