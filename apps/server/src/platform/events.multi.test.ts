// Real-time delivery across two server processes on one PostgreSQL: a write made through
// instance A reaches an SSE client connected to instance B (NOTIFY on commit → B's LISTEN →
// B's clients, through the gate). Runs only on PostgreSQL (the embedded database is one process).
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cloneTemplate } from '../../test/template.ts';
import { openStream } from '../../test/sse.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const template = inject('localpactTemplate');
const onPostgres = template.kind === 'postgres';

interface Instance { url: string; child: ChildProcess; log: () => string }

async function serve(databaseUrl: string): Promise<Instance> {
  let log = '';
  const child = spawn(process.execPath, ['bin/localpact.mjs', 'serve'], {
    cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl, DEMO: 'true', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  // port 0: the instance binds a free port and prints it (no race with other test files)
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`instance exited: ${log}`);
    const url = /API docs: (http:\/\/127\.0\.0\.1:\d+)\/api\/docs/.exec(log)?.[1];
    try { if (url && (await fetch(`${url}/api/health`)).ok) return { url, child, log: () => log }; } catch { /* starting */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`instance did not start: ${log}`);
}

async function signIn(url: string, email: string) {
  const r = await fetch(`${url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'localpact-demo' }) });
  return r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

let db: Awaited<ReturnType<typeof cloneTemplate>> | null = null;
const instances: Instance[] = [];

beforeAll(async () => {
  if (!onPostgres) return;
  db = await cloneTemplate(template); // a fresh database, dropped in afterAll
  instances.push(...(await Promise.all([serve(db.databaseUrl!), serve(db.databaseUrl!)])));
}, 120_000);

afterAll(async () => {
  for (const i of instances) { i.child.kill('SIGTERM'); await new Promise((r) => i.child.once('exit', r)); }
  await db?.dispose();
});

describe.skipIf(!onPostgres)('events across two instances on one PostgreSQL', () => {
  it('delivers a write on instance A to an SSE client on instance B, through the gate, with replay', async () => {
    const [a, b] = instances;
    const officerB = await signIn(b.url, 'officer@sollentuna.localpact.eu');
    const sigtunaB = await signIn(b.url, 'officer@sigtuna.localpact.eu');
    const nationalA = await signIn(a.url, 'coordinator@migrationsverket.localpact.eu');
    const orgs = await (await fetch(`${a.url}/api/organisations?q=Sollentuna%20kommun`, { headers: { cookie: nationalA } })).json() as { items: Array<{ id: string }> };
    const sollentuna = orgs.items[0].id;
    const streamB = await openStream(b.url, officerB);
    const otherB = await openStream(b.url, sigtunaB);
    const latencies: number[] = [];
    let firstId = 0;
    for (let i = 0; i < 5; i++) {
      const cap = await (await fetch(`${a.url}/api/reception/capacity/${sollentuna}`, { headers: { cookie: nationalA } })).json() as { items: Array<{ resource: string; version: number; occupied: number }> };
      const beds = cap.items.find((x) => x.resource === 'health_slots')!;
      const t0 = performance.now();
      const put = await fetch(`${a.url}/api/reception/capacity/${sollentuna}/health_slots`, {
        method: 'PUT', headers: { cookie: nationalA, 'content-type': 'application/json' }, body: JSON.stringify({ total: 60 + i, occupied: beds.occupied, reserved: 0, version: beds.version }),
      });
      expect(put.status).toBe(200);
      const e = await streamB.waitFor((x) => x.type === 'capacity.changed' && x.data.payload.declaration.total === 60 + i, 5000);
      latencies.push(e.receivedAt - t0);
      if (!firstId) firstId = e.id;
    }
    expect(Math.max(...latencies)).toBeLessThan(2000);
    await new Promise((r) => setTimeout(r, 200));
    expect(otherB.events).toEqual([]); // Sigtuna's officer does not see Sollentuna's records
    streamB.close(); otherB.close();
    // Resuming on the other instance with Last-Event-ID replays what followed.
    const resumed = await openStream(a.url, await signIn(a.url, 'officer@sollentuna.localpact.eu'), { lastEventId: firstId });
    await resumed.waitFor((x) => x.type === 'capacity.changed' && x.data.payload.declaration.total === 64);
    expect(resumed.events.filter((x) => x.type === 'capacity.changed').length).toBeGreaterThanOrEqual(4);
    resumed.close();
  }, 60_000);
});
