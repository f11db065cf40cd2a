// Who is calling, and from where. On every /api request, before its body is parsed or validated
// (onRequest): the session cookie is resolved to an Actor by the module that provides sessions
// (app.sessions, see module.ts); a state-changing request that a browser sent from another site is
// refused (403, audited); a private route without a session answers 401.
// Routes are private unless their config says { public: true }.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from './access.ts';
import { AppError, unauthenticated } from './errors.ts';
import { asSystem } from './context.ts';
import { audit } from './audit.ts';
import { crossSiteReason } from './same-origin.ts';
import type { SessionProvider } from './module.ts';

export const SESSION_COOKIE = 'localpact_session';
/** OWASP device cookie: this browser signed in to an account before (accounts/service.ts). */
export const DEVICE_COOKIE = 'localpact_device';

declare module 'fastify' {
  interface FastifyInstance { sessions: SessionProvider }
  interface FastifyRequest {
    actorOrNull: Actor | null;
    sessionToken: string | null;
    actor(): Actor;
  }
  interface FastifyContextConfig { public?: boolean }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const authPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('actorOrNull', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('actor', function (this: FastifyRequest) {
    if (!this.actorOrNull) throw unauthenticated();
    return this.actorOrNull;
  });
  app.addHook('onRequest', async (req) => {
    const token = req.cookies?.[SESSION_COOKIE];
    if (token && token.length < 200) {
      req.actorOrNull = await app.sessions.resolve(app.db, app.config, token, req.ip);
      if (req.actorOrNull) req.sessionToken = token;
    }
    // Cross-site request forgery: whatever the body (none, text/plain, a form), a write that a
    // browser sent from another site is refused before anything else runs. See same-origin.ts.
    if (STATE_CHANGING.has(req.method)) {
      const reason = crossSiteReason(req, app.config.allowedOrigins);
      if (reason) {
        await asSystem(app.db, (trx) => audit(trx, req.actorOrNull, {
          action: 'request.cross_site', outcome: 'denied', ip: req.ip,
          detail: { method: req.method, route: req.routeOptions.url ?? null, reason, origin: req.headers.origin ?? null, secFetchSite: req.headers['sec-fetch-site'] ?? null },
        }));
        throw new AppError(403, 'cross_site');
      }
    }
    if (!req.actorOrNull && !req.routeOptions.config?.public) throw unauthenticated();
  });
});
