// Integration pathways, the activities that count for funding indicators (modules/funding calls
// these through service.ts): counts only, and the people behind them for those who may read them.
import type { Tx } from '../../platform/context.ts';
import { assertRight, type Actor } from '../../platform/access.ts';
import { auditReads } from '../../platform/audit.ts';
import { reachFilterFor } from '../../platform/gate.ts';
import * as activities from './repository-activities.ts';
import { personRecord } from './records.ts';

export type { ActivitySelector, ActivityCell } from './repository-activities.ts';

/**
 * Counts of the people whose plans (held by `holders`) hold steps matching the selectors, by
 * selector mask, sex, age band on entry, CEFR improvement and third-country nationality. No person
 * leaves: erased people still count (their steps and birth year stay), as statistics must.
 */
export async function activityCounts(trx: Tx, q: { holders: readonly string[]; selectors: readonly activities.ActivitySelector[]; asOf: string; euCountries: readonly string[] }): Promise<activities.ActivityCell[]> {
  return activities.activityCells(trx, q.holders, q.selectors, q.asOf, q.euCountries);
}

/**
 * The people behind those counts, for staff who may read them (their own organisation's people):
 * every person listed is an audited read with the purpose given. Erased people are not listed.
 */
export async function activityParticipants(trx: Tx, actor: Actor, q: { holders: readonly string[]; selectors: readonly activities.ActivitySelector[]; asOf: string; purpose: string }) {
  assertRight(actor, 'people.read');
  const rows = await activities.activityPeople(trx, q.holders, q.selectors, q.asOf, reachFilterFor(actor, personRecord, 'p.organisation_id', 't.path'));
  await auditReads(trx, actor, 'person', rows.map((r) => r.id), q.purpose);
  return rows;
}
