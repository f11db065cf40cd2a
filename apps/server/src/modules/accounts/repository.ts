// SQL for accounts and sessions. Users and sessions carry row-level security: callers pass the
// transaction opened by withActor()/asSystem().
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Tx } from '../../platform/context.ts';
import { containsPattern } from '../../platform/sql.ts';

export const userColumns = [
  'u.id', 'u.email', 'u.display_name', 'u.role', 'u.organisation_id', 'u.active', 'u.locale', 'u.created_at',
  'u.last_sign_in_at', 'u.version', 'o.name as organisation_name', 'o.kind as organisation_kind',
  'o.territory_code', 't.path as territory_path', 't.name as territory_name', 't.level as territory_level',
] as const;

function usersQuery(trx: Tx) {
  return trx.selectFrom('users as u')
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
  const r = await trx.insertInto('users').values({
    email: u.email, display_name: u.displayName, role: u.role, organisation_id: u.organisationId, password_hash: u.passwordHash, locale: u.locale ?? null,
  }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function insertMany(trx: Tx, users: ReadonlyArray<{ email: string; displayName: string; role: string; organisationId: string; passwordHash: string }>) {
  if (users.length) await trx.insertInto('users').values(users.map((u) => ({ email: u.email, display_name: u.displayName, role: u.role, organisation_id: u.organisationId, password_hash: u.passwordHash }))).execute();
}

/** A session that has not expired, of an active account (without sliding it). */
export async function liveSession(trx: Tx, tokenHash: string) {
  return trx.selectFrom('sessions as s').innerJoin('users as u', 'u.id', 's.user_id').select('s.user_id')
    .where('s.token_hash', '=', tokenHash).where('s.expires_at', '>', sql<Date>`now()`).where('u.active', '=', true).executeTakeFirst();
}

/** Optimistic concurrency: the update applies only at the version the caller saw. */
export async function update(trx: Tx, id: string, version: number, set: Partial<{ display_name: string; role: string; organisation_id: string; active: boolean; password_hash: string; locale: string | null }>): Promise<boolean> {
  const r = await trx.updateTable('users').set({ ...set, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setLocale(trx: Tx, id: string, locale: string) {
  await trx.updateTable('users').set({ locale, updated_at: sql`now()` }).where('id', '=', id).execute();
}

export async function markSignedIn(trx: Tx, id: string) {
  await trx.updateTable('users').set({ last_sign_in_at: sql`now()` }).where('id', '=', id).execute();
}

export async function createSession(trx: Tx, s: { tokenHash: string; userId: string; expiresAt: Date; ip: string | null }) {
  await trx.insertInto('sessions').values({ token_hash: s.tokenHash, user_id: s.userId, expires_at: s.expiresAt, ip: s.ip }).execute();
}

export async function findSession(trx: Tx, tokenHash: string) {
  return trx.selectFrom('sessions').select(['user_id', 'expires_at']).where('token_hash', '=', tokenHash).where('expires_at', '>', sql<Date>`now()`).executeTakeFirst();
}

export async function extendSession(trx: Tx, tokenHash: string, expiresAt: Date) {
  await trx.updateTable('sessions').set({ expires_at: expiresAt }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSession(trx: Tx, tokenHash: string) {
  await trx.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteSessionsOf(trx: Tx, userId: string) {
  await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function recentFailures(trx: Tx, email: string, ip: string | null, windowMinutes: number) {
  const since = sql<Date>`now() - make_interval(mins => ${windowMinutes})`;
  const byEmail = await trx.selectFrom('sign_in_failures').select((eb) => eb.fn.countAll<number>().as('n'))
    .where(sql`lower(email)`, '=', email.toLowerCase()).where('at', '>', since).executeTakeFirstOrThrow();
  const byIp = ip ? await trx.selectFrom('sign_in_failures').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ip', '=', ip).where('at', '>', since).executeTakeFirstOrThrow() : { n: 0 };
  return { byEmail: Number(byEmail.n), byIp: Number(byIp.n) };
}

export async function recordFailure(trx: Tx, email: string, ip: string | null) {
  await trx.insertInto('sign_in_failures').values({ email: email.toLowerCase(), ip }).execute();
}

export async function clearFailures(trx: Tx, email: string) {
  await trx.deleteFrom('sign_in_failures').where(sql`lower(email)`, '=', email.toLowerCase()).execute();
}
