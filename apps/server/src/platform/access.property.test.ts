// The access gate against an independent oracle: random users of random roles in random
// organisations across the territory tree, reaching random records through every endpoint that
// serves records, and through the gate procedure for every record type any module declares. The
// oracle is written from the rules in words (docs/roles.md), walking the territory tree by parent
// links rather than by path prefix as the gate does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { reaches, reachFilter, type Actor, type RecordClass } from './access.ts';
import { asSystem, withActor } from './context.ts';
import { reach, type RecordType } from './gate.ts';
import { AppError } from './errors.ts';
import { roleTable, roles, roleOrganisationKinds, type Role } from '@localpact/contracts';
import { modules } from '../index.ts';

// ---- the oracle -------------------------------------------------------------------------------
interface OracleUser { id: string; role: Role; org: string; territory: string }
interface OracleOwner { org: string; territory: string }
type Parents = Map<string, string | null>;

function isWithin(parents: Parents, territory: string, ancestor: string): boolean {
  for (let t: string | null | undefined = territory; t; t = parents.get(t)) if (t === ancestor) return true;
  return false;
}

function oracle(parents: Parents, u: OracleUser, cls: RecordClass, op: 'read' | 'write', owner?: OracleOwner): boolean {
  const sameOrg = owner !== undefined && owner.org === u.org;
  const below = owner !== undefined && isWithin(parents, owner.territory, u.territory);
  switch (cls) {
    case 'reference': return op === 'read';
    case 'directory': return op === 'read' || u.role === 'platform_admin';
    case 'account': return u.role === 'platform_admin' || (op === 'read' && sameOrg);
    case 'audit': return op === 'read' && (u.role === 'dpo' || u.role === 'platform_admin');
    case 'shared':
      if (u.role === 'national_coordinator' || u.role === 'regional_coordinator') return below;
      if (u.role === 'municipal_officer') return sameOrg;
      if (u.role === 'case_worker' || u.role === 'partner') return op === 'read' && sameOrg;
      return false;
    case 'personal':
      return (u.role === 'municipal_officer' || u.role === 'case_worker') && sameOrg;
    case 'referral':
      return false; // without a referral naming the partner's organisation: see oracleWith()
  }
}

// Issue 5: the doors beyond the ordinary reach of personal records, in words.
// - A partner reads a person (through the referral's projection) when an active referral names
//   the partner's organisation; nobody else gets in that way, and never to write.
// - A DPO answering a data-subject request reaches every person held in its territory; staff who
//   hold the person (municipal officers, case workers of the owning organisation) too.
// - A case worker or municipal officer who states a reason of at least 10 characters reads (never
//   writes) a person held by any organisation of the same country.
interface Doors { sharedWith: string[]; breakGlass?: string; subjectRights?: boolean }
function countryOf(parents: Parents, territory: string): string | null {
  for (let t: string | null | undefined = territory; t; t = parents.get(t)) if (parents.get(t) === 'EU') return t;
  return null;
}
function oracleWith(parents: Parents, u: OracleUser, cls: RecordClass, op: 'read' | 'write', owner: OracleOwner, doors: Doors): boolean {
  if (cls === 'referral') return op === 'read' && u.role === 'partner' && doors.sharedWith.includes(u.org);
  if (cls !== 'personal') return oracle(parents, u, cls, op, owner);
  if (oracle(parents, u, cls, op, owner)) return true;
  if (doors.subjectRights) {
    if (u.role === 'dpo' && isWithin(parents, owner.territory, u.territory)) return true;
    if ((u.role === 'municipal_officer' || u.role === 'case_worker') && owner.org === u.org) return true;
  }
  if (doors.breakGlass && doors.breakGlass.trim().length >= 10 && op === 'read' && (u.role === 'municipal_officer' || u.role === 'case_worker')) {
    const c = countryOf(parents, u.territory);
    return c !== null && c === countryOf(parents, owner.territory);
  }
  return false;
}

// ---- a random world ---------------------------------------------------------------------------
let t: TestApp;
let adminCookie: string;
const parents: Parents = new Map();
const paths = new Map<string, string>();
const users: Array<OracleUser & { email: string; cookie: string; version: number }> = [];
const orgs: Array<{ id: string; territory: string; kind: string }> = [];

const territoryPool = ['EU', 'SE', 'SE1', 'SE11', 'SE110', 'SE_0163', 'SE_0191', 'SE_0114', 'SE2', 'SE224', 'SE_1280', 'DE', 'DE6', 'DE60', 'DE600', 'DE_02000000', 'IT', 'ITG1', 'ITG12', 'IT_082053'];
const kindFor = (code: string): string[] => code === 'EU' ? ['eu_body'] : code.length === 2 ? ['national_authority'] : code.includes('_') ? ['municipality', 'ngo', 'employer', 'training_provider'] : ['regional_authority', 'ngo'];

beforeAll(async () => {
  t = await startTestApp();
  adminCookie = await t.signIn('admin@localpact.eu');
  const rows = await t.database.db.selectFrom('territories').select(['code', 'parent_code', 'path']).where('code', 'in', territoryPool.flatMap((c) => [c])).execute();
  // the oracle needs every ancestor link of the pool
  const all = await t.database.db.selectFrom('territories').select(['code', 'parent_code', 'path']).where('level', '<=', 4).execute();
  for (const r of [...all, ...rows]) { parents.set(r.code, r.parent_code); paths.set(r.code, r.path); }

  // Two organisations per pool territory, of kinds that fit its level.
  const rnd = fc.sample(fc.nat(1000), { numRuns: 200, seed: 42 });
  let i = 0;
  for (const code of territoryPool) {
    for (const kind of kindFor(code).slice(0, 2)) {
      const res = await t.request({ method: 'POST', url: '/api/organisations', cookie: adminCookie, body: { name: `Gate test ${kind} ${code} ${rnd[i++]}`, kind, territoryCode: code } });
      expect(res.statusCode).toBe(201);
      orgs.push({ id: res.json().id, territory: code, kind });
    }
  }
  // One user of every role that fits each of a sample of organisations.
  let n = 0;
  for (const org of orgs) {
    const fitting = roles.filter((r) => roleOrganisationKinds[r].includes(org.kind));
    const role = fitting[(rnd[n] ?? n) % fitting.length];
    const email = `gate${n++}@test.localpact.eu`;
    const res = await t.request({ method: 'POST', url: '/api/users', cookie: adminCookie, body: { email, displayName: `Gate ${n}`, role, organisationId: org.id, password: 'gate-test-password' } });
    expect(res.statusCode).toBe(201);
    users.push({ id: res.json().id, role, org: org.id, territory: org.territory, email, cookie: await t.signIn(email, 'gate-test-password'), version: 1 });
  }
}, 180_000);
afterAll(async () => { await t?.close(); });

const arbUserIndex = () => fc.nat({ max: 10_000 }).map((i) => i % users.length);

describe('the access gate agrees with the oracle', () => {
  it('decides every record class like the oracle (pure function, random trees)', () => {
    const orgIndex = fc.nat({ max: 10_000 });
    fc.assert(fc.property(fc.constantFrom(...roles), orgIndex, orgIndex, fc.constantFrom<RecordClass>('reference', 'directory', 'account', 'audit', 'shared', 'personal'), fc.constantFrom<'read' | 'write'>('read', 'write'),
      (role, a, b, cls, op) => {
        const actorOrg = orgs[a % orgs.length], ownerOrg = orgs[b % orgs.length];
        const actor: Actor = { id: 'x', email: 'x', role, organisationId: actorOrg.id, organisationKind: actorOrg.kind, territoryCode: actorOrg.territory, territoryPath: paths.get(actorOrg.territory)!, rights: roleTable[role].rights, locale: null, ip: null };
        const got = reaches(actor, cls, op, { organisationId: ownerOrg.id, territoryPath: paths.get(ownerOrg.territory)! });
        const want = oracle(parents, { id: 'x', role, org: actorOrg.id, territory: actorOrg.territory }, cls, op, { org: ownerOrg.id, territory: ownerOrg.territory });
        expect(got).toBe(want);
      }), { numRuns: 3000, seed: 7 });
  });

  it('decides referrals, data-subject requests and break-the-glass like the oracle (pure function)', () => {
    const orgIndex = fc.nat({ max: 10_000 });
    const reason = fc.oneof(fc.constant(undefined), fc.constant(''), fc.constant('   short  '), fc.constant('123456789'), fc.constant('1234567890'), fc.string({ maxLength: 40 }), fc.constant('Medical emergency: allergy information needed'));
    fc.assert(fc.property(fc.constantFrom(...roles), orgIndex, orgIndex, fc.array(orgIndex, { maxLength: 3 }), fc.constantFrom<RecordClass>('personal', 'referral'), fc.constantFrom<'read' | 'write'>('read', 'write'), reason, fc.boolean(), fc.boolean(),
      (role, a, b, shared, cls, op, glass, rightsRequest, sharedWithActor) => {
        const actorOrg = orgs[a % orgs.length], ownerOrg = orgs[b % orgs.length];
        const sharedWith = [...shared.map((i) => orgs[i % orgs.length].id), ...(sharedWithActor ? [actorOrg.id] : [])];
        const actor: Actor = { id: 'x', email: 'x', role, organisationId: actorOrg.id, organisationKind: actorOrg.kind, territoryCode: actorOrg.territory, territoryPath: paths.get(actorOrg.territory)!, rights: roleTable[role].rights, locale: null, ip: null };
        const got = reaches(actor, cls, op, { organisationId: ownerOrg.id, territoryPath: paths.get(ownerOrg.territory)!, sharedWith }, { breakGlass: glass, subjectRights: rightsRequest });
        const want = oracleWith(parents, { id: 'x', role, org: actorOrg.id, territory: actorOrg.territory }, cls, op, { org: ownerOrg.id, territory: ownerOrg.territory }, { sharedWith, breakGlass: glass, subjectRights: rightsRequest });
        expect(got).toBe(want);
      }), { numRuns: 5000, seed: 8 });
  });

  it('GET /api/users/:id answers 200 exactly when the oracle says so, else 404', async () => {
    await fc.assert(fc.asyncProperty(arbUserIndex(), arbUserIndex(), async (a, b) => {
      const actor = users[a], target = users[b];
      const res = await t.request({ url: `/api/users/${target.id}`, cookie: actor.cookie });
      const want = oracle(parents, actor, 'account', 'read', { org: target.org, territory: target.territory });
      expect(res.statusCode).toBe(want ? 200 : 404);
      if (want) expect(res.json().id).toBe(target.id);
    }), { numRuns: 150, seed: 11 });
  });

  it('GET /api/users lists exactly the accounts the oracle allows', async () => {
    await fc.assert(fc.asyncProperty(arbUserIndex(), async (a) => {
      const actor = users[a];
      const res = await t.request({ url: '/api/users?limit=200', cookie: actor.cookie });
      expect(res.statusCode).toBe(200);
      const seen = new Set(res.json().items.map((u: { id: string }) => u.id));
      for (const target of users) expect(seen.has(target.id)).toBe(oracle(parents, actor, 'account', 'read', { org: target.org, territory: target.territory }));
    }), { numRuns: 25, seed: 12 });
  });

  it('PATCH /api/users/:id changes only what the oracle allows; others get 404 and nothing changes', async () => {
    await fc.assert(fc.asyncProperty(arbUserIndex(), arbUserIndex(), async (a, b) => {
      const actor = users[a], target = users[b];
      const before = await t.database.db.selectFrom('users').select(['display_name', 'version']).where('id', '=', target.id).executeTakeFirstOrThrow();
      const res = await t.request({ method: 'PATCH', url: `/api/users/${target.id}`, cookie: actor.cookie, body: { version: before.version, displayName: `Renamed by ${a}` } });
      const want = oracle(parents, actor, 'account', 'write', { org: target.org, territory: target.territory });
      expect(res.statusCode).toBe(want ? 200 : 404);
      const after = await t.database.db.selectFrom('users').select(['display_name', 'version']).where('id', '=', target.id).executeTakeFirstOrThrow();
      expect(after.version).toBe(want ? before.version + 1 : before.version);
    }), { numRuns: 60, seed: 13 });
  });

  it('GET /api/audit and /api/audit.csv open only to the roles the oracle names', async () => {
    for (const actor of users) {
      const want = oracle(parents, actor, 'audit', 'read');
      expect((await t.request({ url: '/api/audit?limit=1', cookie: actor.cookie })).statusCode).toBe(want ? 200 : 403);
      expect((await t.request({ url: '/api/audit.csv', cookie: actor.cookie })).statusCode).toBe(want ? 200 : 403);
    }
  });

  it('directory and reference records are readable by all, writable by managers only', async () => {
    await fc.assert(fc.asyncProperty(arbUserIndex(), fc.nat({ max: 1000 }), async (a, o) => {
      const actor = users[a], org = orgs[o % orgs.length];
      expect((await t.request({ url: `/api/organisations/${org.id}`, cookie: actor.cookie })).statusCode).toBe(200);
      expect((await t.request({ url: `/api/territories/${org.territory}`, cookie: actor.cookie })).statusCode).toBe(200);
      const res = await t.request({ method: 'POST', url: '/api/organisations', cookie: actor.cookie, body: { name: `Prop org ${a}-${o}-${Math.random()}`, kind: 'ngo', territoryCode: org.territory } });
      expect(res.statusCode).toBe(oracle(parents, actor, 'directory', 'write') ? 201 : 404);
    }), { numRuns: 40, seed: 14 });
  });

});

describe('the database agrees with the oracle (the gate\'s SQL predicate, row-level security, every record type)', () => {
  it('the gate\'s SQL predicate alone (row-level security switched off) selects what the oracle allows', async () => {
    // Lists filter with reachFilter(); with RLS bypassed (system context) only the gate decides, so a
    // mutation of the predicate cannot hide behind the second wall. Every organisation stands for a
    // record it owns, for each record class that lists use.
    for (const u of users) {
      const actor: Actor = { id: u.id, email: u.email, role: u.role, organisationId: u.org, organisationKind: '', territoryCode: u.territory, territoryPath: paths.get(u.territory)!, rights: roleTable[u.role].rights, locale: null, ip: null };
      for (const cls of ['account', 'shared', 'personal'] as const) {
        const rows = await asSystem(t.database.db, (trx) => trx.selectFrom('organisations as o').innerJoin('territories as t', 't.code', 'o.territory_code')
          .where('o.id', 'in', orgs.map((o) => o.id)).where(reachFilter(actor, cls, 'o.id', 't.path')).select('o.id').execute());
        const got = new Set(rows.map((r) => r.id));
        for (const o of orgs) expect(got.has(o.id), `${u.role}@${u.territory} ${cls} ${o.kind}@${o.territory}`).toBe(oracle(parents, u, cls, 'read', { org: o.id, territory: o.territory }));
      }
    }
  });

  it('GET /api/people/:id (plain, break-the-glass, subject request) answers 200 exactly when the oracle says so', async () => {
    // One person registered by every user who may register people, in that user's organisation.
    const people: Array<{ id: string; org: string; territory: string }> = [];
    for (const u of users.filter((x) => roleTable[x.role].rights.includes('people.write'))) {
      const res = await t.request({ method: 'POST', url: '/api/people', cookie: u.cookie, body: { givenName: `Gate${people.length}`, familyName: 'Probe', birthDate: '1990-01-01', sex: 'unknown', nationalities: [], languages: [], confirmNotDuplicate: true } });
      expect(res.statusCode).toBe(201);
      people.push({ id: res.json().id, org: u.org, territory: u.territory });
    }
    expect(people.length).toBeGreaterThan(3);
    await fc.assert(fc.asyncProperty(arbUserIndex(), fc.nat({ max: 10_000 }), fc.constantFrom(undefined, 'too short', 'Urgent: the family moved here tonight'), fc.boolean(), async (a, p, glass, rightsRequest) => {
      const actor = users[a], person = people[p % people.length];
      const qs = new URLSearchParams({ purpose: 'property test', ...(glass ? { breakGlass: glass } : {}), ...(rightsRequest ? { subjectRequest: 'true' } : {}) });
      const res = await t.request({ url: `/api/people/${person.id}?${qs}`, cookie: actor.cookie });
      const want = oracleWith(parents, actor, 'personal', 'read', { org: person.org, territory: person.territory }, { sharedWith: [], breakGlass: glass, subjectRights: rightsRequest });
      expect(res.statusCode, `${actor.role} → person of ${person.territory}`).toBe(want ? 200 : 404);
      if (want) expect(res.json().id).toBe(person.id);
      else expect(res.body).not.toContain('Probe');
    }), { numRuns: 150, seed: 15 });
    // Lists hold exactly the people of the actor's reach, and row-level security alone agrees.
    const { withActor } = await import('./context.ts');
    for (const u of users) {
      const res = await t.request({ url: '/api/people?purpose=property+test&limit=200&q=Probe', cookie: u.cookie });
      const seen = new Set(res.statusCode === 200 ? res.json().items.map((x: { id: string }) => x.id) : []);
      const actor: Actor = { id: u.id, email: u.email, role: u.role, organisationId: u.org, organisationKind: '', territoryCode: u.territory, territoryPath: paths.get(u.territory)!, rights: roleTable[u.role].rights, locale: null, ip: null };
      const rls = new Set((await withActor(t.database.db, actor, (trx) => trx.selectFrom('people').select('id').execute())).map((r) => r.id));
      for (const person of people) {
        const want = oracle(parents, u, 'personal', 'read', { org: person.org, territory: person.territory });
        expect(seen.has(person.id)).toBe(want);
        expect(rls.has(person.id)).toBe(person.org === u.org); // RLS: the organisation's own rows only
      }
    }
  });

  it('row-level security alone (without the gate) shows each role only the accounts the oracle allows', async () => {
    const { withActor } = await import('./context.ts');
    for (const u of users.slice(0, 20)) {
      const actor: Actor = { id: u.id, email: u.email, role: u.role, organisationId: u.org, organisationKind: '', territoryCode: u.territory, territoryPath: paths.get(u.territory)!, rights: roleTable[u.role].rights, locale: null, ip: null };
      const visible = await withActor(t.database.db, actor, (trx) => trx.selectFrom('users').select('id').execute());
      const ids = new Set(visible.map((r) => r.id));
      for (const target of users) expect(ids.has(target.id)).toBe(oracle(parents, u, 'account', 'read', { org: target.org, territory: target.territory }));
    }
  });

  // Every record type of every module in the list: a new capability's record types are covered
  // by declaring them. Each is made (testRecord) for a sample of owning organisations, then reached
  // by random actors through the procedure, with and without the doors beyond the ordinary reach.
  const recordTypes = modules.flatMap((m) => m.recordTypes ?? []) as RecordType[];
  it('covers record types from the module list', () => {
    expect(recordTypes.map((r) => r.name).sort()).toEqual(expect.arrayContaining(['capacity', 'household', 'notice', 'person', 'placement_run', 'template']));
  });

  it.each(recordTypes.map((rt) => [rt.name, rt] as const))('reach() on %s agrees with the oracle, grants row-level security and audits', async (_name, rt) => {
    const records: Array<{ id: string; owner: (typeof orgs)[number]; other: (typeof orgs)[number] }> = [];
    for (let i = 0; i < orgs.length; i += 3) {
      const owner = orgs[i], other = orgs[(i * 7 + 5) % orgs.length];
      // Made by a user of the owning organisation, as in the product.
      const maker = users.find((u) => u.org === owner.id) ?? users[0];
      const id = await asSystem(t.database.db, (trx) => rt.testRecord(trx, { organisationId: owner.id, otherOrganisationId: other.id, userId: maker.id }));
      records.push({ id, owner, other });
    }
    let marker = 0;
    await fc.assert(fc.asyncProperty(arbUserIndex(), fc.nat({ max: 10_000 }), fc.constantFrom<'read' | 'write'>('read', 'write'),
      fc.constantFrom(undefined, 'too short', 'Urgent: the family moved here tonight'), fc.boolean(), async (a, r, op, glass, rightsRequest) => {
        const u = users[a], rec = records[r % records.length];
        const actor: Actor = { id: u.id, email: u.email, role: u.role, organisationId: u.org, organisationKind: '', territoryCode: u.territory, territoryPath: paths.get(u.territory)!, rights: roleTable[u.role].rights, locale: null, ip: null };
        // Breaking the glass opens only record types that declare it (a person, not a household).
        const doors = rt.class === 'personal' ? { sharedWith: [], breakGlass: rt.breakGlassAction ? glass : undefined, subjectRights: rightsRequest } : { sharedWith: [] };
        const owners = [rec.owner, ...(rt.name === 'notice' ? [rec.other] : [])];
        const want = owners.some((o) => oracleWith(parents, u, rt.class, op, { org: o.id, territory: o.territory }, doors));
        const byRole = owners.some((o) => oracle(parents, u, rt.class, op, { org: o.id, territory: o.territory }));
        const purpose = `gate property ${rt.name} ${++marker} ${Math.random().toString(36).slice(2)}`;
        const opts = { breakGlass: glass, subjectRequest: doors.subjectRights, ...(op === 'read' && rt.personal ? { purpose } : {}) };
        let granted: string | null = null;
        const got = await withActor(t.database.db, actor, async (trx) => {
          const reached = await reach(trx, actor, rt, rec.id, op, opts);
          granted = (await sql<{ g: string | null }>`select current_setting('localpact.grant', true) as g`.execute(trx)).rows[0]?.g ?? null;
          return reached;
        }).then((x) => x, (e) => { if (e instanceof AppError && e.status === 404) return null; throw e; });
        expect(!!got, `${u.role}@${u.territory} ${op} ${rt.name} of ${rec.owner.kind}@${rec.owner.territory}`).toBe(want);
        if (!got) return;
        // The door beyond the ordinary reach opens row-level security for exactly that record.
        if (rt.personal && !byRole) expect((granted ?? '').split(',')).toContain(rec.id);
        if (byRole) expect(got.by).toBe('role');
        // Reads of personal data are on the record, with their purpose; breaking the glass too.
        const logged = await asSystem(t.database.db, (trx) => trx.selectFrom('audit_log').leftJoin('audit_texts as x', 'x.id', 'audit_log.text_id').select(['action', sql<string | null>`x.text::jsonb->>'purpose'`.as('purpose'), 'record_type']).where('record_id', '=', rec.id).where('actor_id', '=', u.id).orderBy('audit_log.id', 'desc').limit(2).execute());
        if (op === 'read' && rt.personal) expect(logged.some((l) => l.purpose === purpose && l.record_type === rt.name)).toBe(true);
        if (got.by === 'glass') expect(logged.some((l) => l.action === rt.breakGlassAction && l.purpose === glass)).toBe(true);
      }), { numRuns: 120, seed: 16 });
  });
});
