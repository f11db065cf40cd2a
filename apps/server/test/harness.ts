// A running localpact (Fastify, in process) on a fresh copy of the demo database, for API tests.
import { inject } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../src/platform/config.ts';
import { boot } from '../src/index.ts';
import type { DatabaseHandle } from '../src/platform/database.ts';
import { cloneTemplate } from './template.ts';
import { DEMO_PASSWORD } from '../src/index.ts';

export interface TestApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  config: Config;
  /** Signs in and returns the Cookie header value for later requests. */
  signIn(email: string, password?: string): Promise<string>;
  request(opts: { method?: string; url: string; cookie?: string; body?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function startTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const copy = await cloneTemplate(inject('localpactTemplate'));
  const config = loadConfig({ databaseUrl: copy.databaseUrl, dataDir: copy.dataDir, ...overrides });
  const { app, database } = await boot(config, { demo: false });
  await app.ready();
  const request: TestApp['request'] = (o) => app.inject({
    method: (o.method ?? 'GET') as 'GET',
    url: o.url,
    headers: { ...(o.cookie ? { cookie: o.cookie } : {}), ...(o.headers ?? {}) },
    ...(o.body !== undefined ? { payload: o.body as object } : {}),
  });
  return {
    app, database, config, request,
    async signIn(email, password = DEMO_PASSWORD) {
      const res = await request({ method: 'POST', url: '/api/auth/sign-in', body: { email, password } });
      if (res.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${res.statusCode} ${res.body}`);
      const c = res.cookies.find((x) => x.name === 'localpact_session');
      return `localpact_session=${c!.value}`;
    },
    async close() { await app.close(); await copy.dispose(); },
  };
}
