// The placement module's seam with reception: live free capacity per municipality, and the arrival
// notices an approved run sends. Reception owns both; this file only calls its service.
import type { Tx } from '../../platform/context.ts';
import type { Actor } from '../../platform/access.ts';
import type { BuiltInResourceType, Procedure } from '@localpact/contracts';
import * as reception from '../reception/service.ts';

export function freeCapacity(trx: Tx, organisationIds: string[]): Promise<Map<string, Record<string, number>>> {
  return reception.freePlaces(trx, organisationIds);
}

/** Persons each municipality received this calendar year (arrival notices not declined, withdrawn or expired). */
export function intakeThisYear(trx: Tx, organisationIds: string[]): Promise<Map<string, number>> {
  return reception.intakeThisYear(trx, organisationIds);
}

/** Households whose notice will not bring them (declined, withdrawn, expired, left out of a partial acceptance). */
export function householdsNotComing(trx: Tx, noticeIds: string[]) {
  return reception.householdsNotComing(trx, noticeIds);
}

export interface ArrivalGroup {
  organisationId: string;
  /** Which reception resource the arrival takes: housing places, or places for unaccompanied minors. */
  resource: Extract<BuiltInResourceType, 'housing_places' | 'uam_places'>;
  procedure: Procedure;
  households: number;
  persons: number;
  ages: number[];
  medical: number;
  stepFree: number;
  languages: string[];
  /** The households themselves, pseudonymous (reference, ages, sex when known, languages). */
  members: Array<{ id: string; reference: string; ages: number[]; sexes: Array<'female' | 'male' | 'other' | 'unknown'>; languages: string[]; unaccompaniedMinor: boolean }>;
}

/**
 * One notice per municipality, resource and procedure, in the approval's own transaction. Each
 * notice holds its persons' places at once (the approval reserves them; 409 from reception when
 * they are no longer free) and lists its households. Returns the notice of each group, in order.
 */
export async function announceArrivals(trx: Tx, actor: Actor, runId: string, groups: ArrivalGroup[], opts: { responseHours: number; expectedArrival?: string }): Promise<string[]> {
  const expectedAt = opts.expectedArrival ?? new Date(Date.now() + 7 * 86_400_000).toISOString();
  const ids: string[] = [];
  for (const g of groups) {
    const count = (lo: number, hi: number) => g.ages.filter((a) => a >= lo && a <= hi).length;
    const notice = await reception.createNoticeIn(trx, actor, {
      targetOrganisationId: g.organisationId, procedure: g.procedure, expectedAt, deadlineHours: opts.responseHours,
      households: g.households, persons: g.persons, resource: g.resource,
      needs: {
        children0to5: count(0, 5), children6to11: count(6, 11), children12to17: count(12, 17),
        unaccompaniedMinors: g.resource === 'uam_places' ? g.persons : 0, medical: g.medical, accessibility: g.stepFree,
        languages: [...new Set(g.languages)].slice(0, 20),
      },
      note: `Placement run ${runId}`,
    }, { reserve: true, households: g.members.map((m) => ({ reference: m.reference, ages: m.ages, sexes: m.sexes, languages: m.languages.slice(0, 10), unaccompaniedMinor: m.unaccompaniedMinor })) });
    ids.push(notice.id);
  }
  return ids;
}
