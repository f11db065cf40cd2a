// What the funding services share: the fund's rules as the API shows them, and the gate for a
// change to a project (only the applicant's staff change it; a partner reads it).
import type { Instrument } from '@localpact/contracts';
import type { Tx } from '../../platform/context.ts';
import { reaches, type Actor } from '../../platform/access.ts';
import { reach } from '../../platform/gate.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type * as repo from './repository.ts';
import { projectRecord } from './records.ts';

export type InstrumentRow = Awaited<ReturnType<typeof repo.instruments>>[number];
export function toInstrument(r: InstrumentRow): Instrument {
  const rules = r.rules as { maxCofinancingPercent: number | null; higherRates: Instrument['higherRates']; byRegion?: Instrument['byRegion']; targetGroups: string[]; sco: Instrument['simplifiedCosts'] & { source?: string }; reportingDates: Instrument['reportingDates'] };
  const rates = [rules.maxCofinancingPercent, ...rules.higherRates.map((h) => h.percent), ...(rules.byRegion ?? []).map((b) => b.percent)].filter((x): x is number => typeof x === 'number');
  return {
    code: r.code, fund: r.fund as Instrument['fund'], management: r.management as Instrument['management'], name: r.name, regulation: r.regulation,
    maxCofinancingPercent: rules.maxCofinancingPercent, ceilingPercent: rates.length ? Math.max(...rates) : null,
    higherRates: rules.higherRates, byRegion: rules.byRegion ?? [], targetGroups: rules.targetGroups,
    simplifiedCosts: rules.sco ? { mandatoryBelowEur: rules.sco.mandatoryBelowEur, flatRates: rules.sco.flatRates, hourlyRateDivisor: rules.sco.hourlyRateDivisor } : null,
    reportingDates: rules.reportingDates, source: r.source,
  };
}

/** Only the applicant changes its project (a partner reads it); the gate's other doors do not write. */
export async function reachOwnProject(trx: Tx, actor: Actor, id: string) {
  const p = await reach(trx, actor, projectRecord, id, 'write', { forUpdate: true });
  if (!reaches(actor, 'shared', 'write', p.owner) || p.owner.organisationId !== actor.organisationId) throw notFound('funding_project');
  return p;
}
export const locked = (status: string) => new AppError(409, 'funding_project_locked', { status: `funding.status.${status}` });

