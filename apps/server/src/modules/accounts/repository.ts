// SQL for accounts and sessions. Users and sessions carry row-level security: callers pass the
// transaction opened by withActor()/asSystem().
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Tx } from '../../platform/context.ts';
import { containsPattern, tablesOf } from '../../platform/sql.ts';

/** The tables this repository may touch (platform/sql.ts tablesOf): its module's own, and those it joins
 * to read names and paths. */
const own = tablesOf<'users' | 'sessions' | 'sign_in_throttle' | 'sign_in_devices'
  | 'organisations' | 'territories'>();

export const userColumns = [
  'u.id', 'u.email', 'u.display_name', 'u.role', 'u.organisation_id', 'u.active', 'u.locale', 'u.created_at',
  'u.last_sign_in_at', 'u.version', 'o.name as organisation_name', 'o.kind as organisation_kind',
  'o.territory_code', 't.path as territory_path', 't.name as territory_name', 't.level as territory_level',
] as const;

function usersQuery(trx: Tx) {
  return own(trx).selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .innerJoin('territories as t', 't.code', 'o.territory_code');
}

export type UserRow = Awaited<ReturnType<typeof findById>> & {};

export async function findById(trx: Tx, id: string) {
  return usersQuery(trx).select(userColumns).where('u.id', '=', id).executeTakeFirst();
}

export async function findForSignIn(trx: Tx, email: string) {
  return usersQuery(trx).select([...userColumns, 'u.password_hash']).where(sql`lower(u.email)`, '=', email.toLowerCase()).executeTakeFirst();
}

export async function list(trx: Tx, reach: Expression<SqlBool>, filter: { q?: string; organisationId?: string; limit: number; offset: number }) {
  let q = usersQuery(trx).where(reach);
  if (filter.q) {
    const like = containsPattern(filter.q);
    q = q.where((eb) => eb.or([eb(sql`lower(u.email)`, 'like', like), eb(sql`lower(u.display_name)`, 'like', like), eb(sql`lower(o.name)`, 'like', like)]));
  }
  if (filter.organisationId) q = q.where('u.organisation_id', '=', filter.organisationId);
  const [items, total] = await Promise.all([
    q.select(userColumns).orderBy(sql`u.display_name collate "und-x-icu"`).orderBy('u.id').limit(filter.limit).offset(filter.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function insert(trx: Tx, u: { email: string; displayName: string; role: string; organisationId: string; passwordHash: string; locale?: string | null }) {
  const r = await own(trx).insertInto('users').values({
    email: u.email, display_name: u.displayName, role: u.role, organisation_id: u.organisationId, password_hash: u.passwordHash, locale: u.locale ?? null,
  }).onConflict((oc) => oc.expression(sql`lower(email)`).doNothing()).returning('id').executeTakeFirst();
  return r?.id ?? null;
}

export async function insertMany(trx: Tx, users: ReadonlyArray<{ email: string; displayName: string; role: string; organisationId: string; passwordHash: string }>) {
  if (users.length) await own(trx).insertInto('users').values(users.map((u) => ({ email: u.email, display_name: u.displayName, role: u.role, organisation_id: u.organisationId, password_hash: u.passwordHash }))).execute();
}

/** A session that has not expired, of an active account (without sliding it). */
export async function liveSession(trx: Tx, tokenHash: string) {
  return own(trx).selectFrom('sessions as s').innerJoin('users as u', 'u.id', 's.user_id').select('s.user_id')
    .where('s.token_hash', '=', tokenHash).where('s.expires_at', '>', sql<Date>`now()`).where('u.active', '=', true).executeTakeFirst();
}

/** Optimistic concurrency: the update applies only at the version the caller saw. */
export async function update(trx: Tx, id: string, version: number, set: Partial<{ display_name: string; role: string; organisation_id: string; active: boolean; password_hash: string; locale: string | null }>): Promise<boolean> {
  const r = await own(trx).updateTable('users').set({ ...set, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setLocale(trx: Tx, id: string, locale: string) {
  await own(trx).updateTable('users').set({ locale, updated_at: sql`now()` }).where('id', '=', id).execute();
}

export async function markSignedIn(trx: Tx, id: string) {
  await own(trx).updateTable('users').set({ last_sign_in_at: sql`now()` }).where('id', '=', id).execute();
}

export async function createSession(trx: Tx, s: { tokenHash: string; userId: string; expiresAt: Date; ip: string | null }) {
  await own(trx).insertInto('sessions').values({ token_hash: s.tokenHash, user_id: s.userId, expires_at: s.expiresAt, ip: s.ip }).execute();
}

export async function findSession(trx: Tx, tokenHash: string) {
  return own(trx).selectFrom('sessions').select(['user_id', 'expires_at']).where('token_hash', '=', tokenHash).where('expires_at', '>', sql<Date>`now()`).executeTakeFirst();
}

export async function extendSession(trx: Tx, tokenHash: string, expiresAt: Date) {
  await own(trx).updateTable('sessions').set({ expires_at: expiresAt }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSession(trx: Tx, tokenHash: string) {
  await own(trx).deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteSessionsOf(trx: Tx, userId: string) {
  await own(trx).deleteFrom('sessions').where('user_id', '=', userId).execute();
}

// ---- sign-in throttling (see throttle.ts) -------------------------------------------------------
export interface ThrottleKey { hash: string; kind: 'account' | 'account_address' | 'address' | 'device'; free: number }

/** The longest wait, in seconds, among the keys that are still blocked (0 when none is). */
export async function throttleWait(trx: Tx, keys: ThrottleKey[]): Promise<number> {
  const r = await own(trx).selectFrom('sign_in_throttle')
    .select(sql<number>`coalesce(max(ceil(extract(epoch from next_at - clock_timestamp()))), 0)`.as('wait'))
    .where('key_hash', 'in', keys.map((k) => k.hash)).where('next_at', '>', sql<Date>`clock_timestamp()`)
    .executeTakeFirst();
  return Number(r?.wait ?? 0);
}

/**
 * Counts one attempt on a key and decides, in one statement, whether it may be checked: the row is
 * inserted or, when its wait is over (or the key was forgotten), its count goes up and its next wait
 * is set: none within the free attempts, then delay × 2^(attempts − free), at most maxDelay.
 * Concurrent attempts queue on the row's lock and each sees the count the previous one left, so
 * no more attempts pass than the policy allows. Returns false when the key is still waiting.
 */
export async function claimAttempt(trx: Tx, key: ThrottleKey, p: { delaySeconds: number; maxDelaySeconds: number; forgetHours: number }): Promise<boolean> {
  const forgotten = sql<boolean>`t.last_at < clock_timestamp() - make_interval(hours => ${p.forgetHours})`;
  const count = sql<number>`case when ${forgotten} then 1 else t.failures + 1 end`;
  const wait = (n: unknown) => sql<Date>`case when ${n} >= ${key.free}
      then clock_timestamp() + make_interval(secs => least(${p.maxDelaySeconds}::float8, ${p.delaySeconds}::float8 * power(2::float8, least(${n} - ${key.free}, 40))))
      else '-infinity'::timestamptz end`;
  const r = await sql<{ failures: number }>`
    insert into sign_in_throttle as t (key_hash, kind, failures, next_at, last_at)
    values (${key.hash}, ${key.kind}, 1, ${wait(sql`1`)}, clock_timestamp())
    on conflict (key_hash) do update set failures = ${count}, next_at = ${wait(count)}, last_at = clock_timestamp()
    where t.next_at <= clock_timestamp() or ${forgotten}
    returning t.failures`.execute(trx);
  return r.rows.length === 1;
}

/** After a successful sign-in: the account's keys start again; the address gives back this attempt. */
export async function settleSuccess(trx: Tx, reset: string[], giveBack: string[]) {
  if (reset.length) await own(trx).deleteFrom('sign_in_throttle').where('key_hash', 'in', reset).execute();
  if (giveBack.length) {
    await own(trx).updateTable('sign_in_throttle').set({ failures: sql`greatest(failures - 1, 0)` }).where('key_hash', 'in', giveBack).execute();
  }
}

/** Keys and devices nobody has used for a long time. */
export async function pruneThrottle(trx: Tx, forgetHours: number, deviceDays: number) {
  await own(trx).deleteFrom('sign_in_throttle').where('last_at', '<', sql<Date>`clock_timestamp() - make_interval(hours => ${forgetHours})`).execute();
  await own(trx).deleteFrom('sign_in_devices').where('last_used_at', '<', sql<Date>`clock_timestamp() - make_interval(days => ${deviceDays})`).execute();
}

/** Is this device cookie one that signed in to the account with this email? */
export async function findDevice(trx: Tx, tokenHash: string, email: string) {
  return own(trx).selectFrom('sign_in_devices as d').innerJoin('users as u', 'u.id', 'd.user_id').select(['d.token_hash', 'd.user_id'])
    .where('d.token_hash', '=', tokenHash).where(sql`lower(u.email)`, '=', email.toLowerCase()).executeTakeFirst();
}

export async function rememberDevice(trx: Tx, tokenHash: string, userId: string) {
  await own(trx).insertInto('sign_in_devices').values({ token_hash: tokenHash, user_id: userId })
    .onConflict((oc) => oc.column('token_hash').doUpdateSet({ last_used_at: sql`now()` })).execute();
}
