// SQL of the case worker's home page (GET /pathways/today): people still to open (identity
// pending) and referrals partners answered lately, under the reach filters the service passes.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Tx } from '../../platform/context.ts';
import { tablesOf } from '../../platform/sql.ts';

/** Its module's tables, and the organisations it joins for the partners' names. */
const own = tablesOf<'people' | 'person_identities' | 'referrals' | 'organisations'>();

export async function today(trx: Tx, organisationId: string, reach: Expression<SqlBool>, identityReach: Expression<SqlBool>, days: number) {
  const pending = await own(trx).selectFrom('people as p').where(reach).where('p.organisation_id', '=', organisationId)
    .where('p.identity_pending', '=', true).where('p.erased_at', 'is', null).where('p.closed_at', 'is', null)
    .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const answered = await own(trx).selectFrom('people as p').innerJoin('person_identities as i', 'i.person_id', 'p.id')
    .where(reach).where(identityReach).where('p.erased_at', 'is', null)
    .innerJoin('referrals as r', 'r.person_id', 'p.id').innerJoin('organisations as o', 'o.id', 'r.partner_organisation_id')
    .where('r.organisation_id', '=', organisationId).where('r.status', 'in', ['accepted', 'closed'])
    .where('r.updated_at', '>=', sql<Date>`now() - make_interval(days => ${days})`)
    .select(['r.id', 'p.id as person_id', 'i.given_name', 'i.family_name', 'p.identity_pending', 'o.id as partner_id', 'o.name as partner_name', 'r.status', 'r.updated_at'])
    .orderBy('r.updated_at', 'desc').orderBy('r.id').limit(10).execute();
  return { newArrivals: Number(pending.n), answered };
}
