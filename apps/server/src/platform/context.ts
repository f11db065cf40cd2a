// Transactions that carry who is acting into the database, so that row-level security (the
// second wall) sees the same actor as the access gate. One transaction per command: nothing is
// half-written.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.ts';
import type { Actor } from './access.ts';

export type Tx = Transaction<Database>;
export type Db = Kysely<Database>;

/** Runs fn in a transaction as the restricted role, with the actor's identity for RLS policies. */
export async function withActor<T>(db: Db, actor: Actor, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('localpact.actor_id', ${actor.id}, true),
                     set_config('localpact.actor_org', ${actor.organisationId}, true),
                     set_config('localpact.actor_role', ${actor.role}, true),
                     set_config('localpact.system', 'off', true)`.execute(trx);
    await sql`set local role localpact_app`.execute(trx);
    return fn(trx);
  });
}

/**
 * For the few commands that run before an actor is known (sign-in, session lookup) or on behalf
 * of the platform itself (demo data, imports). Named so every use is easy to find and review.
 */
export async function asSystem<T>(db: Db, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('localpact.system', 'on', true)`.execute(trx);
    await sql`set local role localpact_app`.execute(trx);
    return fn(trx);
  });
}
