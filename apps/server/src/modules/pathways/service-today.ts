// The case worker's home page (issue 12): new arrivals to open, referrals partners answered. The
// names shown are personal data: each person's read is audited with the stated purpose.
import type { PathwaysToday } from '@localpact/contracts';
import { assertReach, reachFilter, type Actor } from '../../platform/access.ts';
import { auditReads } from '../../platform/audit.ts';
import { withActor, type Db } from '../../platform/context.ts';
import * as repo from './repository-today.ts';

/** How far back "referrals answered" looks. */
export const ANSWERED_DAYS = 14;

export async function todayFor(db: Db, actor: Actor, purpose: string): Promise<PathwaysToday> {
  assertReach(actor, 'personal', 'read', { organisationId: actor.organisationId, territoryPath: actor.territoryPath }, 'person');
  return withActor(db, actor, async (trx) => {
    const reach = reachFilter(actor, 'personal', 'p.organisation_id', 'p.organisation_id');
    const identityReach = reachFilter(actor, 'personal', 'i.organisation_id', 'i.organisation_id');
    const { newArrivals, answered } = await repo.today(trx, actor.organisationId, reach, identityReach, ANSWERED_DAYS);
    await auditReads(trx, actor, 'person', [...new Set(answered.map((r) => r.person_id))], purpose, 'person.worklist');
    return {
      newArrivals,
      referralsAnswered: answered.map((r) => ({
        id: r.id, personId: r.person_id, givenName: r.given_name, familyName: r.family_name, identityPending: !!r.identity_pending,
        partnerOrganisation: { id: r.partner_id, name: r.partner_name }, status: r.status as PathwaysToday['referralsAnswered'][number]['status'],
        answeredAt: new Date(r.updated_at as unknown as string).toISOString(),
      })),
      days: ANSWERED_DAYS,
    };
  });
}
