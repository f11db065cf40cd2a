// Who is calling: the session cookie is resolved to an Actor on every request, by the module that
// provides sessions (app.sessions, see module.ts). Routes are private unless their config says
// { public: true }; req.actor() throws 401 otherwise.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from './access.ts';
import { unauthenticated } from './errors.ts';
import type { SessionProvider } from './module.ts';

export const SESSION_COOKIE = 'localpact_session';

declare module 'fastify' {
  interface FastifyInstance { sessions: SessionProvider }
  interface FastifyRequest {
    actorOrNull: Actor | null;
    sessionToken: string | null;
    actor(): Actor;
  }
  interface FastifyContextConfig { public?: boolean }
}

export const authPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('actorOrNull', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('actor', function (this: FastifyRequest) {
    if (!this.actorOrNull) throw unauthenticated();
    return this.actorOrNull;
  });
  app.addHook('preHandler', async (req) => {
    const token = req.cookies?.[SESSION_COOKIE];
    if (token && token.length < 200) {
      req.actorOrNull = await app.sessions.resolve(app.db, app.config, token, req.ip);
      if (req.actorOrNull) req.sessionToken = token;
    }
    if (!req.actorOrNull && req.url.startsWith('/api/') && !req.routeOptions.config?.public) throw unauthenticated();
  });
});
