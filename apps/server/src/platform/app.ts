// The HTTP application: Fastify with TypeBox schemas, problem+json errors, the session gate,
// OpenAPI 3.1, the capability modules under /api (from the module list it is given), and the web
// UI as a single-page app.
import Fastify, { type FastifyInstance } from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { enrichRoute, finishDocument } from './openapi.ts';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { constants as zlibConstants } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './database.ts';
import type { Db } from './context.ts';
import { installErrorHandling, localeOf, sendProblem } from './errors.ts';
import { authPlugin } from './auth.ts';
import { addDateFormats, installInputHygiene } from './input.ts';
import { migrationVersion } from './migrate.ts';
import { Problem } from '@localpact/contracts';
import { EventBus } from './events.ts';
import { eventRoutes } from './events-routes.ts';
import { addMessages } from './i18n.ts';
import { registerFreeText } from './erasure.ts';
import { checkModules, sessionProvider, type CapabilityModule } from './module.ts';
import { startJobs } from './jobs.ts';

declare module 'fastify' {
  interface FastifyInstance { db: Db; config: Config; database: DatabaseHandle }
}

export const webDist = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/** Security headers (helmet); returns the Content-Security-Policy directives (the API docs widen them). */
async function securityHeaders(app: FastifyInstance, config: Config): Promise<Record<string, string[]>> {
  // Security headers (helmet): a Content-Security-Policy the web UI and the API docs pass (no inline
  // scripts, no inline style sheets, nothing from other origins), no framing, no MIME sniffing, the
  // referrer only to ourselves; HSTS and upgrade-insecure-requests only behind TLS (SECURE_COOKIES).
  const directives: Record<string, string[]> = {
    defaultSrc: ["'self'"], baseUri: ["'self'"], scriptSrc: ["'self'"], scriptSrcAttr: ["'none'"], styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'], fontSrc: ["'self'"], connectSrc: ["'self'"], objectSrc: ["'none'"],
    frameAncestors: ["'none'"], formAction: ["'self'"], manifestSrc: ["'self'"], workerSrc: ["'self'"],
    ...(config.secureCookies ? { upgradeInsecureRequests: [] } : {}),
  };
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    hsts: config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  return directives;
}

export async function buildApp(config: Config, database: DatabaseHandle, modules: readonly CapabilityModule[], opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  checkModules(modules); registerFreeText(modules); // the free-text columns erasure redacts (erasure.ts)
  for (const m of modules) if (m.messages) addMessages(m.name, m.messages);
  const app = Fastify({
    logger: opts.logger ? { level: config.logLevel } : false,
    trustProxy: config.trustProxy,
    bodyLimit: 1_048_576,
    routerOptions: { maxParamLength: 200 },
    // Malformed URLs and over-long path parameters are the caller's mistake: 400/414 problems.
    frameworkErrors: (error, req, reply) => {
      const code = (error as { code?: string }).code;
      if (code === 'FST_ERR_MAX_PARAM_LENGTH') return sendProblem(reply, localeOf(req), 414, 'bad_request');
      return sendProblem(reply, localeOf(req), 400, 'bad_request');
    },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true }, onCreate: addDateFormats },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('db', database.db);
  app.decorate('config', config);
  app.decorate('database', database);
  app.decorate('sessions', sessionProvider(modules));
  // One event listener per instance (LISTEN on PostgreSQL, listen() on PGlite): see events.ts.
  const events = new EventBus(database, (msg, err) => app.log.warn({ err }, msg));
  await events.start();
  app.decorate('events', events);
  app.addHook('onClose', async () => { await events.stop(); });
  installErrorHandling(app);

  await app.register(cookie);
  const directives = await securityHeaders(app, config);
  // Responses compressed (brotli or gzip, as the client accepts) above 1 kB: JSON, problem+json,
  // CSV, the web bundle. Never text/event-stream: a compressor buffers, and a live event must
  // leave at once (the SSE route also writes to the raw socket, which no hook touches).
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    customTypes: /^(?:text\/(?!event-stream)[\w.+-]+|application\/(?:[\w.+-]+\+)?(?:json|javascript|xml)|image\/svg\+xml)(?:;|$)/,
    // Quality 5: most of brotli's gain at a fraction of its default CPU for dynamic responses.
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'localpact API', version: '0.1.0', description: 'Reception and inclusion between local, regional, national and EU levels. Errors are application/problem+json (RFC 9457). Authentication: session cookie from POST /api/auth/sign-in.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'localpact_session' } } },
      security: [{ session: [] }],
    },
    transform: ({ schema, url, route }) => enrichRoute({ schema: schema as Record<string, unknown>, url, route }) as never,
    transformObject: (documentObject) => finishDocument((documentObject as { openapiObject: Record<string, unknown> }).openapiObject) as never,
  });
  // swagger-ui inserts <style> elements at run time: its pages alone allow inline styles (scripts
  // stay 'self' only; the docs hold no data of anyone).
  const docsPolicy = Object.entries({ ...directives, styleSrc: ["'self'", "'unsafe-inline'"] })
    .map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), ...v].join(' ')).join('; ');
  await app.register(swaggerUi, {
    // deepLinking stopped swagger-ui rendering after the ninth operation once the dialogue module's
    // paths were added (seen in e2e/security; cause inside swagger-ui not found): off.
    routePrefix: '/api/docs', uiConfig: { docExpansion: 'list', deepLinking: false, validatorUrl: null },
    uiHooks: { onRequest: (_req, reply, done) => { reply.header('content-security-policy', docsPolicy); done(); } },
  });

  // Cookie-authenticated writes take JSON (or no body): a form or text/plain body is refused (415).
  // Cross-site writes are refused whatever their body, in auth.ts.
  app.removeContentTypeParser('text/plain');
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  await app.register(async (api) => {
    await api.register(authPlugin);
    installInputHygiene(api);
    api.get('/health', {
      config: { public: true },
      schema: {
        tags: ['platform'], summary: 'Liveness, database driver and migration version',
        response: { 200: Type.Object({ status: Type.String(), database: Type.Object({ driver: Type.String(), migration: Type.Integer() }) }), 503: Problem },
      },
    }, async () => ({ status: 'ok', database: { driver: database.driver, migration: await migrationVersion(database.db) } }));
    api.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
    await api.register(eventRoutes);
    for (const m of modules) if (m.routes) await api.register(m.routes);
  }, { prefix: '/api' });

  // Background jobs that run with every app (the escalation sweep); `serve` starts the others.
  let stopJobs = () => {};
  app.addHook('onReady', async () => { stopJobs = startJobs(modules, 'app', database.db, config, (msg, err) => app.log.warn({ err }, msg)); });
  app.addHook('preClose', async () => { stopJobs(); });

  // The web UI: static files, and index.html for every other GET outside /api (client routing).
  const hasWeb = existsSync(join(webDist, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false, index: ['index.html'], maxAge: '1h' });
  app.setNotFoundHandler((req, reply) => {
    if (hasWeb && req.method === 'GET' && !req.url.startsWith('/api') && !/\.[a-z0-9]+$/i.test(req.url.split('?')[0])) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendProblem(reply, localeOf(req), 404, 'not_found', { what: 'what.route' });
  });
  return app;
}
