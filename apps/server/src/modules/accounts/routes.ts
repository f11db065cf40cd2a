import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Me, SignIn, UpdateMe, User, CreateUser, UpdateUser, RoleRights, Problem, Uuid } from '@localpact/contracts';
import * as service from './service.ts';
import { roleTable, roles, rights } from './roles.ts';
import { DEVICE_COOKIE, SESSION_COOKIE } from '../../platform/auth.ts';

export const accountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/auth/sign-in', {
    config: { public: true },
    schema: { tags: ['auth'], summary: 'Sign in with email and password; sets the session cookie (and a device cookie). 429 with Retry-After when throttled', body: SignIn, response: { 200: Me, 400: Problem, 401: Problem, 429: Problem } },
  }, async (req, reply) => {
    const { token, me, expiresAt, deviceToken } = await service.signIn(app.db, app.config, req.body.email, req.body.password, req.ip, req.cookies?.[DEVICE_COOKIE] ?? null);
    reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: app.config.secureCookies, expires: expiresAt });
    // The device cookie (OWASP): only the sign-in route reads it; it outlives sign-out.
    if (deviceToken) reply.setCookie(DEVICE_COOKIE, deviceToken, { path: '/api/auth/sign-in', httpOnly: true, sameSite: 'strict', secure: app.config.secureCookies, maxAge: service.DEVICE_DAYS * 86_400 });
    return me;
  });

  app.post('/auth/sign-out', {
    schema: { tags: ['auth'], summary: 'Sign out: ends this session (the cookie is cleared)', response: { 204: Type.Null(), 401: Problem } },
  }, async (req, reply) => {
    await service.signOut(app.db, req.actor(), req.sessionToken!);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  app.get('/me', { schema: { tags: ['auth'], summary: 'The signed-in account: name, role, rights, organisation and its territory, language', response: { 200: Me, 401: Problem } } }, async (req) => service.me(app.db, req.actor()));

  app.patch('/me', {
    schema: { tags: ['auth'], summary: 'Remember the UI language', body: UpdateMe, response: { 200: Me, 400: Problem, 401: Problem } },
  }, async (req) => service.updateMe(app.db, req.actor(), req.body.locale));

  app.get('/roles', {
    config: { public: true },
    schema: { tags: ['auth'], summary: 'The table of roles and their rights', response: { 200: Type.Object({ items: Type.Array(RoleRights), rights: Type.Array(Type.String()) }) } },
  }, async () => ({
    items: roles.map((role) => ({ role, rights: [...roleTable[role].rights], sharedReach: roleTable[role].sharedReach, peopleReach: roleTable[role].peopleReach })),
    rights: [...rights],
  }));

  app.get('/users', {
    schema: {
      tags: ['users'], summary: 'Accounts in reach: all for user managers, one\'s own organisation otherwise',
      querystring: Type.Object({
        q: Type.Optional(Type.String({ maxLength: 100 })),
        organisationId: Type.Optional(Uuid),
        limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
        offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(User), total: Type.Integer() }) },
    },
  }, async (req) => service.listUsers(app.db, req.actor(), req.query));

  app.get('/users/:id', {
    schema: { tags: ['users'], summary: 'One account (administrators; colleagues of the same organisation)', params: Type.Object({ id: Uuid }), response: { 200: User, 404: Problem } },
  }, async (req) => service.getUser(app.db, req.actor(), req.params.id));

  app.post('/users', {
    schema: { tags: ['users'], summary: 'Create an account with a role in an organisation (the role must fit the organisation\'s kind; the password is checked for strength)', body: CreateUser, response: { 201: User, 400: Problem, 403: Problem, 409: Problem } },
  }, async (req, reply) => reply.code(201).send(await service.createUser(app.db, req.actor(), req.body)));

  app.patch('/users/:id', {
    schema: { tags: ['users'], summary: 'Change a user; send the version you saw (409 if it changed)', params: Type.Object({ id: Uuid }), body: UpdateUser, response: { 200: User, 400: Problem, 404: Problem, 409: Problem } },
  }, async (req) => service.updateUser(app.db, req.actor(), req.params.id, req.body));
};
