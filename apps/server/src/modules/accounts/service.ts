// Accounts: sign-in, sessions, the signed-in user, and user administration.
import { createHash, randomBytes } from 'node:crypto';
import type { Me, User, CreateUser, UpdateUser } from '@localpact/contracts';
import type { Db, Tx } from '../../platform/context.ts';
import { withActor, asSystem } from '../../platform/context.ts';
import { assertReach, assertRight, reachFilter, type Actor } from '../../platform/access.ts';
import { audit } from '../../platform/audit.ts';
import { AppError, conflict, duplicate, invalid, notFound } from '../../platform/errors.ts';
import { levelNames } from '../territories/service.ts';
import * as repo from './repository.ts';
import type { ThrottleKey } from './repository.ts';
import { hashPassword, verifyPassword, decoyHash } from './passwords.ts';
import { assertAcceptablePassword } from './password-policy.ts';
import { rightsOf, roleOrganisationKinds, type Role } from './roles.ts';
import * as organisations from '../organisations/service.ts';

export interface SessionPolicy {
  sessionHours: number;
  signInFreeFailures: number; signInAccountFreeFailures: number; signInAddressFreeFailures: number;
  signInDelaySeconds: number; signInMaxDelaySeconds: number; signInForgetHours: number;
}

/** How long a device cookie stays valid after its last sign-in. */
export const DEVICE_DAYS = 180;

type Row = NonNullable<Awaited<ReturnType<typeof repo.findById>>>;

function toActor(u: Row, ip: string | null): Actor {
  return {
    id: u.id, email: u.email, role: u.role as Role, organisationId: u.organisation_id, organisationKind: u.organisation_kind,
    territoryCode: u.territory_code, territoryPath: u.territory_path, rights: rightsOf(u.role as Role), locale: u.locale, ip,
  };
}

export function toMe(u: Row): Me {
  return {
    id: u.id, email: u.email, displayName: u.display_name, role: u.role as Me['role'], locale: u.locale,
    rights: [...rightsOf(u.role as Role)],
    organisation: { id: u.organisation_id, name: u.organisation_name, kind: u.organisation_kind as Me['organisation']['kind'], territory: { code: u.territory_code, name: u.territory_name, level: levelNames[u.territory_level] } },
  };
}

export function toUser(u: Row): User {
  return {
    id: u.id, email: u.email, displayName: u.display_name, role: u.role as User['role'],
    organisation: { id: u.organisation_id, name: u.organisation_name }, active: u.active, locale: u.locale,
    createdAt: new Date(u.created_at).toISOString(), lastSignInAt: u.last_sign_in_at ? new Date(u.last_sign_in_at).toISOString() : null,
    version: u.version,
  };
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

// Sign-in throttling (NIST SP 800-63B §5.2.2; OWASP Authentication and Credential Stuffing cheat
// sheets). Every attempt is counted and decided before its password is checked, in one transaction
// that claims each of its keys with one conditional statement (repository.claimAttempt):
//  - a browser holding a device cookie of this account (it signed in to it before) is throttled on
//    that cookie alone, so an attack on the email from elsewhere never keeps its owner out;
//  - any other client on three keys: the account from this address (the free failures, then
//    growing waits), the account from every such client together (a larger budget: a botnet
//    guessing one account from many addresses), and the address over all accounts (credential
//    stuffing). A stranger failing on someone's email from one address slows only that address.
// Free failures pass at once; each further one doubles the wait, up to the cap. A success resets
// the account's keys and gives the address back its attempt. Nothing is locked for good.
function throttleKeys(policy: SessionPolicy, email: string, ip: string | null, deviceHash: string | null): ThrottleKey[] {
  const h = (s: string) => createHash('sha256').update(s).digest('base64url');
  const address = ip ?? 'unknown';
  const keys: ThrottleKey[] = deviceHash
    ? [{ hash: h(`device:${deviceHash}`), kind: 'device', free: policy.signInFreeFailures }]
    : [
      { hash: h(`account:${email}`), kind: 'account', free: policy.signInAccountFreeFailures },
      { hash: h(`account_address:${email}|${address}`), kind: 'account_address', free: policy.signInFreeFailures },
      { hash: h(`address:${address}`), kind: 'address', free: policy.signInAddressFreeFailures },
    ];
  // Always claimed in the same order, so that concurrent attempts queue instead of deadlocking.
  return keys.sort((a, b) => (a.hash < b.hash ? -1 : 1));
}

class Limited extends Error {
  constructor(readonly result: { limited: true; wait: number; trusted: boolean }) { super('throttled'); }
}

export interface SignInResult { token: string; me: Me; expiresAt: Date; deviceToken: string | null }

export async function signIn(db: Db, policy: SessionPolicy, rawEmail: string, password: string, ip: string | null, deviceToken: string | null = null): Promise<SignInResult> {
  const email = rawEmail.trim().toLowerCase();
  const timing = { delaySeconds: policy.signInDelaySeconds, maxDelaySeconds: policy.signInMaxDelaySeconds, forgetHours: policy.signInForgetHours };
  const attempt = await asSystem(db, async (trx) => {
    const device = deviceToken && deviceToken.length < 200 ? await repo.findDevice(trx, hashToken(deviceToken), email) : undefined;
    const keys = throttleKeys(policy, email, ip, device?.token_hash ?? null);
    const wait = await repo.throttleWait(trx, keys);
    if (wait > 0) return { limited: true as const, wait, trusted: !!device };
    for (const key of keys) {
      // Another attempt took the last free slot meanwhile: undo this one's counts (rollback).
      if (!(await repo.claimAttempt(trx, key, timing))) throw new Limited({ limited: true, wait: Math.max(1, await repo.throttleWait(trx, keys)), trusted: !!device });
    }
    return { limited: false as const, keys, device, user: await repo.findForSignIn(trx, email) };
  }).catch((e) => { if (e instanceof Limited) return e.result; throw e; });
  if (attempt.limited) {
    await asSystem(db, (trx) => audit(trx, null, { action: 'auth.sign_in_failed', outcome: 'denied', actorEmail: email, ip, detail: { reason: 'throttled', retryAfter: attempt.wait, deviceCookie: attempt.trusted } }));
    throw new AppError(429, 'too_many_attempts', {}, [], { retryAfter: attempt.wait });
  }
  const user = attempt.user;
  // Hash verification happens outside the transaction: it is slow, and must not hold the connection.
  const ok = user ? await verifyPassword(user.password_hash, password) : (await verifyPassword(await decoyHash(), password), false);
  if (!user || !ok || !user.active) {
    await asSystem(db, (trx) => audit(trx, null, {
      action: 'auth.sign_in_failed', outcome: 'failed', actorEmail: email, ip,
      recordType: user ? 'user' : null, recordId: user?.id ?? null,
      detail: { reason: !user ? 'unknown_email' : !ok ? 'wrong_password' : 'disabled', deviceCookie: !!attempt.device },
    }));
    throw new AppError(401, 'bad_credentials');
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + policy.sessionHours * 3600_000);
  const actor = toActor(user, ip);
  // A device cookie of this account is kept; any other browser gets a new one.
  const newDevice = attempt.device ? null : randomBytes(32).toString('base64url');
  await asSystem(db, async (trx) => {
    await repo.createSession(trx, { tokenHash: hashToken(token), userId: user.id, expiresAt, ip });
    await repo.markSignedIn(trx, user.id);
    await repo.rememberDevice(trx, attempt.device?.token_hash ?? hashToken(newDevice!), user.id);
    await repo.settleSuccess(trx, attempt.keys.filter((k) => k.kind !== 'address').map((k) => k.hash), attempt.keys.filter((k) => k.kind === 'address').map((k) => k.hash));
    await repo.pruneThrottle(trx, policy.signInForgetHours, DEVICE_DAYS);
    await audit(trx, actor, { action: 'auth.sign_in', recordType: 'user', recordId: user.id, detail: { deviceCookie: !!attempt.device } });
  });
  return { token, me: toMe(user), expiresAt, deviceToken: newDevice };
}

/** Resolves a session cookie to the actor; slides the expiry when more than an hour has passed. */
export async function resolveSession(db: Db, policy: SessionPolicy, token: string, ip: string | null): Promise<Actor | null> {
  return asSystem(db, async (trx) => {
    const s = await repo.findSession(trx, hashToken(token));
    if (!s) return null;
    const u = await repo.findById(trx, s.user_id);
    if (!u || !u.active) return null;
    const renewAt = new Date(Date.now() + policy.sessionHours * 3600_000 - 3600_000);
    if (new Date(s.expires_at) < renewAt) await repo.extendSession(trx, hashToken(token), new Date(Date.now() + policy.sessionHours * 3600_000));
    return toActor(u, ip);
  });
}

/** Whether a session is still valid, without sliding it (a live stream checks on each heartbeat). */
export async function sessionIsAlive(db: Db, token: string): Promise<boolean> {
  return asSystem(db, async (trx) => !!(await repo.liveSession(trx, hashToken(token))));
}

export async function signOut(db: Db, actor: Actor, token: string): Promise<void> {
  await withActor(db, actor, async (trx) => {
    await repo.deleteSession(trx, hashToken(token));
    await audit(trx, actor, { action: 'auth.sign_out', recordType: 'user', recordId: actor.id });
  });
}

export async function me(db: Db, actor: Actor): Promise<Me> {
  return withActor(db, actor, async (trx) => {
    const u = await repo.findById(trx, actor.id);
    if (!u) throw notFound('user');
    return toMe(u);
  });
}

export async function updateMe(db: Db, actor: Actor, locale: string): Promise<Me> {
  return withActor(db, actor, async (trx) => {
    await repo.setLocale(trx, actor.id, locale);
    const u = await repo.findById(trx, actor.id);
    return toMe(u!);
  });
}

async function ownerOf(trx: Tx, id: string) {
  const u = await repo.findById(trx, id);
  return u ? { row: u, owner: { organisationId: u.organisation_id, territoryPath: u.territory_path } } : undefined;
}

export async function listUsers(db: Db, actor: Actor, filter: { q?: string; organisationId?: string; limit: number; offset: number }) {
  return withActor(db, actor, async (trx) => {
    // The gate's own predicate, as SQL: a page never holds an account the actor cannot reach.
    const { items, total } = await repo.list(trx, reachFilter(actor, 'account', 'u.organisation_id', 't.path'), filter);
    return { items: items.map(toUser), total };
  });
}

export async function getUser(db: Db, actor: Actor, id: string): Promise<User> {
  return withActor(db, actor, async (trx) => {
    const found = await ownerOf(trx, id);
    assertReach(actor, 'account', 'read', found?.owner, 'user');
    return toUser(found!.row);
  });
}

async function checkOrganisationForRole(trx: Tx, role: Role, organisationId: string) {
  const org = await organisations.findForReference(trx, organisationId);
  if (!org) throw invalid('body.organisationId', 'validation.organisation_unknown');
  if (!roleOrganisationKinds[role].includes(org.kind)) {
    throw invalid('body.role', 'validation.enum', { values: Object.entries(roleOrganisationKinds).filter(([, kinds]) => kinds.includes(org.kind)).map(([r]) => r).join(', ') });
  }
}

export async function createUser(db: Db, actor: Actor, input: CreateUser): Promise<User> {
  assertRight(actor, 'users.manage');
  await assertAcceptablePassword(input.password, { email: input.email, displayName: input.displayName });
  const passwordHash = await hashPassword(input.password);
  return withActor(db, actor, async (trx) => {
    await checkOrganisationForRole(trx, input.role, input.organisationId);
    // One account per email, also when two administrators create it at the same moment.
    const id = await repo.insert(trx, { email: input.email.trim(), displayName: input.displayName.trim(), role: input.role, organisationId: input.organisationId, passwordHash, locale: input.locale });
    if (!id) throw duplicate('user', 'email');
    await audit(trx, actor, { action: 'user.create', recordType: 'user', recordId: id, detail: { role: input.role, organisationId: input.organisationId } });
    return toUser((await repo.findById(trx, id))!);
  });
}

export async function updateUser(db: Db, actor: Actor, id: string, input: UpdateUser): Promise<User> {
  if (input.password) {
    // The account's own email and name are part of the check: look them up first (through the gate).
    const account = await withActor(db, actor, async (trx) => {
      const found = await ownerOf(trx, id);
      assertReach(actor, 'account', 'write', found?.owner, 'user');
      return found!.row;
    });
    await assertAcceptablePassword(input.password, { email: account.email, displayName: input.displayName ?? account.display_name });
  }
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return withActor(db, actor, async (trx) => {
    const found = await ownerOf(trx, id);
    assertReach(actor, 'account', 'write', found?.owner, 'user');
    const current = found!.row;
    const role = (input.role ?? current.role) as Role;
    const organisationId = input.organisationId ?? current.organisation_id;
    if (input.role || input.organisationId) await checkOrganisationForRole(trx, role, organisationId);
    const set: Parameters<typeof repo.update>[3] = {};
    if (input.displayName !== undefined) set.display_name = input.displayName.trim();
    if (input.role !== undefined) set.role = input.role;
    if (input.organisationId !== undefined) set.organisation_id = input.organisationId;
    if (input.active !== undefined) set.active = input.active;
    if (passwordHash) set.password_hash = passwordHash;
    const ok = await repo.update(trx, id, input.version, set);
    if (!ok) throw conflict('user', current.version, { current: toUser(current) });
    // A disabled account, a new password or a new role ends every open session of that user.
    if (input.active === false || passwordHash || input.role || input.organisationId) await repo.deleteSessionsOf(trx, id);
    const changed = Object.keys(set).filter((k) => k !== 'password_hash');
    await audit(trx, actor, {
      action: input.role && input.role !== current.role ? 'user.role_change' : 'user.update', recordType: 'user', recordId: id,
      detail: { fields: passwordHash ? [...changed, 'password'] : changed, ...(input.role ? { from: current.role, to: input.role } : {}) },
    });
    return toUser((await repo.findById(trx, id))!);
  });
}

// For other modules' demo data.
export { addDemoUsers } from './demo.ts';
