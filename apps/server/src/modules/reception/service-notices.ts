// Reception: arrival notices with their state machine, the sweep (escalation, expiry), the
// worklist, and what placement asks of them. The decisions are in service.ts's header.
import type { AmendNotice, ArrivalNotice, CreateNotice, NoticeHousehold } from '@localpact/contracts';
import { asSystem, withActor, type Db, type Tx } from '../../platform/context.ts';
import { reaches, reachFilter, type Actor } from '../../platform/access.ts';
import { reach } from '../../platform/gate.ts';
import { audit } from '../../platform/audit.ts';
import { publish } from '../../platform/events.ts';
import { conflict, forbidden, invalid } from '../../platform/errors.ts';
import * as organisations from '../organisations/service.ts';
import * as pathways from '../pathways/service.ts';
import * as repo from './repository.ts';
import { noticeOwners, noticeRecord } from './records.ts';
import { afterChange, illegalTransition, insufficientCapacity, ownerOf, resourceUnit } from './service-capacity.ts';

// ====================================================================== arrival notices
const noticeReach = (actor: Actor) => repo.eitherParty(reachFilter(actor, 'shared', 'n.target_organisation_id', 'n.target_territory_path'), reachFilter(actor, 'shared', 'n.issuer_organisation_id', 'n.issuer_territory_path'));

const terminal = new Set(['declined', 'withdrawn', 'arrived', 'expired']);
type Action = ArrivalNotice['actions'][number];
/** The state machine: from which states each action is allowed, and which party takes it. */
export const transitions: Record<Action, { from: readonly string[]; by: 'target' | 'issuer' }> = {
  accept: { from: ['announced'], by: 'target' },
  decline: { from: ['announced'], by: 'target' },
  amend: { from: ['announced'], by: 'issuer' },
  withdraw: { from: ['announced', 'accepted', 'partially_accepted'], by: 'issuer' },
  arrived: { from: ['accepted', 'partially_accepted'], by: 'target' },
  // Persons who arrived with the notice have left: their places are free again.
  depart: { from: ['arrived'], by: 'target' },
};
/** The name of each action in the notice's version history (accept records the state it reached). */
const versionAction: Record<Exclude<Action, 'accept'>, string> = { decline: 'declined', withdraw: 'withdrawn', amend: 'amended', arrived: 'arrived', depart: 'departed' };

function partyMayAct(actor: Actor, n: { issuer_organisation_id: string; target_organisation_id: string }, by: 'target' | 'issuer') {
  if (!actor.rights.includes('shared.write')) return false;
  return actor.organisationId === (by === 'target' ? n.target_organisation_id : n.issuer_organisation_id);
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
/** An announced notice unanswered at the later of its deadline and its expected arrival expires. */
const expiresAt = (n: { deadline_at: Date | string; expected_at: Date | string }) => new Date(Math.max(new Date(n.deadline_at).getTime(), new Date(n.expected_at).getTime()));

const toNoticeHousehold = (h: repo.NoticeHouseholdRow) => ({
  reference: h.reference, ages: h.ages, sexes: h.sexes as NoticeHousehold['sexes'], languages: h.languages, unaccompaniedMinor: h.unaccompanied_minor, accepted: h.accepted,
});

export function toNotice(actor: Actor, n: repo.NoticeRow, extra: { versions?: Awaited<ReturnType<typeof repo.noticeVersions>>; households?: repo.NoticeHouseholdRow[] } = {}): ArrivalNotice {
  const overdue = n.state === 'announced' && new Date(n.deadline_at).getTime() < Date.now();
  const actions = (Object.keys(transitions) as Action[])
    .filter((a) => transitions[a].from.includes(n.state) && partyMayAct(actor, n, transitions[a].by) && (a !== 'depart' || n.held_occupied > 0));
  const next = terminal.has(n.state) ? { nextActor: 'none' as const, nextBy: null } : { nextActor: 'target' as const, nextBy: iso(n.state === 'announced' ? n.deadline_at : n.expected_at) };
  const { versions, households } = extra;
  return {
    id: n.id, reference: n.reference, parentId: n.parent_id,
    issuer: { id: n.issuer_organisation_id, name: n.issuer_name, territoryCode: n.issuer_territory_code },
    target: { id: n.target_organisation_id, name: n.target_name, territoryCode: n.target_territory_code },
    state: n.state as ArrivalNotice['state'], procedure: n.procedure as ArrivalNotice['procedure'],
    expectedAt: iso(n.expected_at)!, deadlineAt: iso(n.deadline_at)!, households: n.households, persons: n.persons,
    needs: (typeof n.needs === 'string' ? JSON.parse(n.needs) : n.needs) as ArrivalNotice['needs'], resource: n.resource_code,
    acceptedPersons: n.accepted_persons, reason: n.reason, note: n.note, overdue, escalatedAt: iso(n.escalated_at),
    ...next, actions, held: { reserved: n.held_reserved, occupied: n.held_occupied }, expiresAt: expiresAt(n).toISOString(),
    version: n.version, createdAt: iso(n.created_at)!, updatedAt: iso(n.updated_at)!,
    ...(versions ? { versions: versions.map((v) => ({ version: v.version, action: v.action, at: iso(v.at)!, actorName: v.display_name ?? null, snapshot: (typeof v.snapshot === 'string' ? JSON.parse(v.snapshot) : v.snapshot) as Record<string, unknown> })) } : {}),
    ...(households && households.length ? { householdDetails: households.map(toNoticeHousehold) } : {}),
  };
}

function noticeVisible(actor: Actor, n: Parameters<typeof noticeOwners>[0]) {
  const { owner, other } = noticeOwners(n);
  return reaches(actor, 'shared', 'read', owner) || reaches(actor, 'shared', 'read', other);
}

async function recordVersion(trx: Tx, actor: Actor | null, id: string, action: string) {
  const n = (await repo.findNotice(trx, id))!;
  const snapshot = {
    state: n.state, procedure: n.procedure, expectedAt: iso(n.expected_at), deadlineAt: iso(n.deadline_at), households: n.households, persons: n.persons,
    needs: n.needs, resource: n.resource_code, acceptedPersons: n.accepted_persons, reason: n.reason, note: n.note,
    held: { reserved: n.held_reserved, occupied: n.held_occupied },
  };
  await repo.insertNoticeVersion(trx, id, n.version, action, actor?.id ?? null, snapshot);
  const { owner, other } = noticeOwners(n);
  await publish(trx, {
    type: `notice.${action}`, actor, owner, other, recordId: id,
    payload: { noticeId: id, reference: n.reference, state: n.state, persons: n.persons, acceptedPersons: n.accepted_persons, issuerName: n.issuer_name, targetName: n.target_name, targetOrganisationId: n.target_organisation_id, deadlineAt: iso(n.deadline_at) },
  });
  return n;
}

export async function createNotice(db: Db, actor: Actor, input: CreateNotice): Promise<ArrivalNotice> {
  return withActor(db, actor, (trx) => createNoticeIn(trx, actor, input));
}

/**
 * Announces inside the caller's transaction (a placement approval: the run and its notices commit
 * together). `reserve`: the notice holds its persons' places at once (the engine placed them within
 * the free places; 409 when they are no longer free). `households`: the pseudonymous households it
 * announces (their persons add up to `persons`).
 */
export async function createNoticeIn(trx: Tx, actor: Actor, input: CreateNotice, opts: { reserve?: boolean; households?: NoticeHousehold[] } = {}): Promise<ArrivalNotice> {
  if (!['national_authority', 'regional_authority'].includes(actor.organisationKind) || !actor.rights.includes('shared.write')) throw forbidden();
  const target = await organisations.findForReference(trx, input.targetOrganisationId);
  if (!target || target.id === actor.organisationId || !reaches(actor, 'shared', 'write', ownerOf(target)) || !['municipality', 'regional_authority'].includes(target.kind)) {
    throw invalid('body.targetOrganisationId', 'validation.organisation_unknown');
  }
  if (input.households > input.persons) throw invalid('body.households', 'validation.households_exceed_persons');
  const households = opts.households ?? [];
  if (households.length && (households.length !== input.households || households.reduce((s, h) => s + h.ages.length, 0) !== input.persons)) {
    throw invalid('body.households', 'validation.invalid');
  }
  const deadline = input.deadlineAt ? new Date(input.deadlineAt) : input.deadlineHours ? new Date(Date.now() + input.deadlineHours * 3_600_000) : null;
  if (!deadline) throw invalid('body.deadlineAt', 'validation.required');
  if (deadline.getTime() <= Date.now()) throw invalid(input.deadlineAt ? 'body.deadlineAt' : 'body.deadlineHours', 'validation.date_past');
  const resource = input.resource ?? 'emergency_beds';
  await resourceUnit(trx, resource, 'body.resource');
  if (input.parentId) {
    const parent = await repo.findNotice(trx, input.parentId);
    if (!parent || !noticeVisible(actor, parent)) throw invalid('body.parentId', 'validation.notice_unknown');
  }
  const issuerPath = (await organisations.findForReference(trx, actor.organisationId))!.territoryPath;
  const noticeId = await repo.insertNotice(trx, {
    parent_id: input.parentId ?? null,
    issuer_organisation_id: actor.organisationId, issuer_territory_path: issuerPath,
    target_organisation_id: target.id, target_territory_path: target.territoryPath,
    state: 'announced', procedure: input.procedure, expected_at: new Date(input.expectedAt), deadline_at: deadline,
    households: input.households, persons: input.persons, needs: JSON.stringify(input.needs ?? {}), resource_code: resource,
    note: input.note ?? null, created_by: actor.id,
  });
  await repo.insertNoticeHouseholds(trx, noticeId, households.map((h) => ({ reference: h.reference, ages: h.ages, sexes: h.sexes, languages: h.languages, unaccompaniedMinor: h.unaccompaniedMinor })));
  if (opts.reserve) {
    const n = (await repo.findNotice(trx, noticeId))!;
    await moveCapacity(trx, actor, n, input.persons, 0, `reserved for ${n.reference}`);
  }
  await recordVersion(trx, actor, noticeId, 'announced');
  await audit(trx, actor, { action: 'notice.announce', recordType: 'notice', recordId: noticeId, detail: { target: target.id, persons: input.persons, reserved: opts.reserve ? input.persons : 0 } });
  return toNotice(actor, (await repo.findNotice(trx, noticeId))!);
}

export async function getNotice(db: Db, actor: Actor, id: string): Promise<ArrivalNotice> {
  return withActor(db, actor, async (trx) => {
    const n = await reach(trx, actor, noticeRecord, id, 'read');
    const households = await repo.noticeHouseholds(trx, id);
    // Pseudonymous households, but about people: the read is on the record.
    if (households.length) await audit(trx, actor, { action: 'notice.households.read', recordType: 'notice', recordId: id, purpose: 'arrival planning', detail: { households: households.length } });
    return toNotice(actor, n, { versions: await repo.noticeVersions(trx, id), households });
  });
}

export async function listNotices(db: Db, actor: Actor, f: { state?: string; direction?: 'incoming' | 'outgoing' | 'all'; overdue?: boolean; limit: number; offset: number }) {
  return withActor(db, actor, async (trx) => {
    const { items, total } = await repo.listNotices(trx, noticeReach(actor), { state: f.state, organisationId: actor.organisationId, direction: f.direction, overdueOnly: f.overdue, limit: f.limit, offset: f.offset });
    return { items: items.map((n) => toNotice(actor, n)), total };
  });
}

/** Runs one transition under a row lock on the notice, so parallel answers are serialised. */
async function transition(db: Db, actor: Actor, id: string, action: Action, version: number | undefined, apply: (trx: Tx, n: repo.NoticeRow) => Promise<void>): Promise<ArrivalNotice> {
  return withActor(db, actor, async (trx) => {
    const n = await reach(trx, actor, noticeRecord, id, 'read', { forUpdate: true });
    const rule = transitions[action];
    if (!partyMayAct(actor, n, rule.by)) throw forbidden();
    if (!rule.from.includes(n.state)) throw illegalTransition(n.state, action);
    if (version !== undefined && version !== n.version) throw conflict('notice', n.version, { current: toNotice(actor, n) });
    await apply(trx, n);
    await repo.bumpNoticeVersion(trx, id);
    const after = await recordVersion(trx, actor, id, action === 'accept' ? ((await repo.findNotice(trx, id))!.state) : versionAction[action]);
    await audit(trx, actor, { action: `notice.${action}`, recordType: 'notice', recordId: id, detail: { from: n.state, to: after.state, held: { reserved: after.held_reserved, occupied: after.held_occupied } } });
    return toNotice(actor, after);
  });
}

/**
 * Moves the notice's places at its addressee (reserved and occupied, by these amounts) and what the
 * notice holds, in one conditional statement on the declaration: never more than is free. Only
 * municipalities' places move: a notice to a region is passed on as new notices to its
 * municipalities (parentId), so the region's own answer moves no places.
 */
async function moveCapacity(trx: Tx, actor: Actor | null, n: repo.NoticeRow, dReserved: number, dOccupied: number, reason: string) {
  if (n.target_kind !== 'municipality' || (dReserved === 0 && dOccupied === 0)) return;
  const before = await repo.findDeclaration(trx, n.target_organisation_id, n.resource_code);
  let row = await repo.adjustDeclaration(trx, n.target_organisation_id, n.resource_code, dReserved, dOccupied, actor?.id ?? null);
  if (!row && before && dReserved < 0 && dOccupied <= 0) {
    // A release always succeeds: a reservation made before notices held their places may have been
    // edited below it since; release what is there.
    row = await repo.adjustDeclaration(trx, n.target_organisation_id, n.resource_code, Math.max(dReserved, -before.reserved), Math.max(dOccupied, -before.occupied), actor?.id ?? null);
  }
  if (!row) {
    const free = before ? before.total - before.occupied - before.reserved : 0;
    throw insufficientCapacity(free, dReserved + dOccupied, n.resource_code, { id: n.target_organisation_id, name: n.target_name });
  }
  await repo.addToHeld(trx, n.id, dReserved, dOccupied);
  const unit = await resourceUnit(trx, n.resource_code, 'body');
  await afterChange(trx, actor, row, before!, reason, unit, n.target_name);
}

export async function acceptNotice(db: Db, actor: Actor, id: string, persons: number, version?: number, householdRefs?: string[]) {
  return transition(db, actor, id, 'accept', version, async (trx, n) => {
    if (persons > n.persons) throw invalid('body.persons', 'validation.accept_more_than_requested', { persons: n.persons });
    const households = await repo.noticeHouseholds(trx, n.id);
    if (householdRefs && !households.length) throw invalid('body.households', 'validation.notice_has_no_households');
    if (households.length) {
      // Families stay whole: a partial acceptance names the households it takes.
      const byRef = new Map(households.map((h) => [h.reference, h]));
      let accepted: string[];
      if (householdRefs) {
        const unknown = householdRefs.filter((r) => !byRef.has(r));
        if (unknown.length) throw invalid('body.households', 'validation.notice_household_unknown', { references: unknown.slice(0, 5).join(', ') });
        accepted = [...new Set(householdRefs)];
        const sum = accepted.reduce((s, r) => s + byRef.get(r)!.ages.length, 0);
        if (sum !== persons) throw invalid('body.persons', 'validation.accept_households_persons', { persons: sum });
      } else if (persons === n.persons) accepted = households.map((h) => h.reference);
      else throw invalid('body.households', 'validation.accept_name_households');
      await repo.setHouseholdsAccepted(trx, n.id, accepted.length === households.length ? 'all' : accepted);
    }
    // A notice from a placement approval already holds its persons' places: accepting sets the
    // reservation to the persons accepted (releasing the rest); it never reserves twice.
    await moveCapacity(trx, actor, n, persons - n.held_reserved, 0, `reserved for ${n.reference}`);
    await repo.updateNotice(trx, id, { state: persons === n.persons ? 'accepted' : 'partially_accepted', accepted_persons: persons });
  });
}

export async function declineNotice(db: Db, actor: Actor, id: string, reason: string, version?: number) {
  return transition(db, actor, id, 'decline', version, async (trx, n) => {
    if (n.held_reserved) await moveCapacity(trx, actor, n, -n.held_reserved, 0, `released: ${n.reference} declined`);
    await repo.setHouseholdsAccepted(trx, n.id, 'none');
    await repo.updateNotice(trx, id, { state: 'declined', reason: reason.trim() });
  });
}

export async function withdrawNotice(db: Db, actor: Actor, id: string, reason: string | undefined, version?: number) {
  return transition(db, actor, id, 'withdraw', version, async (trx, n) => {
    if (n.held_reserved) await moveCapacity(trx, actor, n, -n.held_reserved, 0, `released by withdrawal of ${n.reference}`);
    await repo.setHouseholdsAccepted(trx, n.id, 'none');
    await repo.updateNotice(trx, id, { state: 'withdrawn', reason: reason?.trim() || null });
  });
}

/**
 * The persons arrived: the reservation becomes occupied places, and the accepted households'
 * people appear in the municipality's People list (pathways), linked to the notice.
 */
export async function arrivedNotice(db: Db, actor: Actor, id: string, version?: number) {
  return transition(db, actor, id, 'arrived', version, async (trx, n) => {
    const k = n.held_reserved;
    if (k > 0) await moveCapacity(trx, actor, n, -k, k, `arrival of ${n.reference}`);
    await repo.updateNotice(trx, id, { state: 'arrived' });
    if (n.target_kind !== 'municipality') return;
    const households = (await repo.noticeHouseholds(trx, n.id)).filter((h) => h.accepted !== false);
    if (!households.length) return;
    await pathways.receiveArrivals(trx, actor, {
      organisationId: n.target_organisation_id, notice: { id: n.id, reference: n.reference, procedure: n.procedure as ArrivalNotice['procedure'] },
      arrivedOn: new Date().toISOString().slice(0, 10),
      households: households.map((h) => ({ reference: h.reference, ages: h.ages, sexes: h.sexes as NoticeHousehold['sexes'], languages: h.languages, unaccompaniedMinor: h.unaccompanied_minor })),
    });
  });
}

/** Persons who arrived with the notice have left (moved on, found their own home): their places are free again. */
export async function departNotice(db: Db, actor: Actor, id: string, persons: number, reason: string | undefined, version?: number) {
  return transition(db, actor, id, 'depart', version, async (trx, n) => {
    if (persons > n.held_occupied) throw invalid('body.persons', 'validation.depart_more_than_held', { persons: n.held_occupied });
    await moveCapacity(trx, actor, n, 0, -persons, `${persons} left (${n.reference})${reason?.trim() ? ': ' + reason.trim() : ''}`);
  });
}

export async function amendNotice(db: Db, actor: Actor, id: string, input: AmendNotice) {
  return transition(db, actor, id, 'amend', input.version, async (trx, n) => {
    const households = input.households ?? n.households, persons = input.persons ?? n.persons;
    if (households > persons) throw invalid('body.households', 'validation.households_exceed_persons');
    if ((households !== n.households || persons !== n.persons) && (await repo.noticeHouseholds(trx, n.id)).length) {
      throw invalid(input.persons !== undefined ? 'body.persons' : 'body.households', 'validation.notice_has_households');
    }
    if (input.deadlineAt && new Date(input.deadlineAt).getTime() <= Date.now()) throw invalid('body.deadlineAt', 'validation.date_past');
    // A notice that holds places keeps holding exactly its persons' places.
    if (n.held_reserved > 0 && persons !== n.held_reserved) await moveCapacity(trx, actor, n, persons - n.held_reserved, 0, `amendment of ${n.reference}`);
    await repo.updateNotice(trx, id, {
      households, persons,
      ...(input.expectedAt ? { expected_at: new Date(input.expectedAt) } : {}),
      ...(input.deadlineAt ? { deadline_at: new Date(input.deadlineAt), escalated_at: null } : {}),
      ...(input.needs ? { needs: JSON.stringify(input.needs) } : {}),
      ...(input.note !== undefined ? { note: input.note } : {}),
    });
  });
}

/** Stamps overdue notices as escalated (once, whichever instance gets there first) and announces it. */
export async function escalateOverdue(db: Db): Promise<number> {
  return asSystem(db, async (trx) => {
    const rows = await repo.markEscalated(trx);
    for (const r of rows) {
      const n = (await repo.findNotice(trx, r.id))!;
      const { owner, other } = noticeOwners(n);
      await publish(trx, {
        type: 'notice.escalated', actor: null, owner, other, recordId: n.id,
        payload: { noticeId: n.id, reference: n.reference, state: n.state, persons: n.persons, issuerName: n.issuer_name, targetName: n.target_name, targetOrganisationId: n.target_organisation_id, deadlineAt: iso(n.deadline_at) },
      });
      await audit(trx, null, { action: 'notice.escalate', recordType: 'notice', recordId: n.id });
    }
    return rows.length;
  });
}

/**
 * Expiry: an announced notice still unanswered at the later of its deadline and its expected
 * arrival expires and frees the places it holds (the persons are expected and no one said yes; the
 * coordinator places them again). Locks with SKIP LOCKED: an answer being given now wins.
 */
export async function expireUnanswered(db: Db): Promise<number> {
  return asSystem(db, async (trx) => {
    const rows = await repo.lockExpired(trx);
    for (const r of rows) {
      const n = (await repo.findNotice(trx, r.id))!;
      if (n.held_reserved > 0) await moveCapacity(trx, null, n, -n.held_reserved, 0, `released: ${n.reference} expired unanswered`);
      await repo.updateNotice(trx, r.id, { state: 'expired' });
      await repo.bumpNoticeVersion(trx, r.id);
      await repo.setHouseholdsAccepted(trx, n.id, 'none');
      await recordVersion(trx, null, r.id, 'expired');
      await audit(trx, null, { action: 'notice.expire', recordType: 'notice', recordId: r.id, detail: { released: n.held_reserved } });
    }
    return rows.length;
  });
}

/** The overdue sweep: escalation at the deadline, expiry after it (every minute on each instance, and on each worklist read). */
export async function sweepNotices(db: Db): Promise<{ escalated: number; expired: number }> {
  const escalated = await escalateOverdue(db);
  const expired = await expireUnanswered(db);
  return { escalated, expired };
}

/** What the caller's organisation must do, and (for coordinators) what is overdue below them. */
export async function worklist(db: Db, actor: Actor) {
  await sweepNotices(db);
  return withActor(db, actor, async (trx) => {
    const mine = await repo.listNotices(trx, noticeReach(actor), { organisationId: actor.organisationId, direction: 'incoming', limit: 200, offset: 0 });
    const awaiting = mine.items.filter((n) => !terminal.has(n.state)).map((n) => toNotice(actor, n));
    const overdue = (await repo.listNotices(trx, noticeReach(actor), { overdueOnly: true, limit: 200, offset: 0 })).items.map((n) => toNotice(actor, n));
    return { awaiting, overdue };
  });
}

export async function exportNotices(db: Db, actor: Actor) {
  return withActor(db, actor, async (trx) => {
    const { items } = await repo.listNotices(trx, noticeReach(actor), { limit: 10_000, offset: 0 });
    await audit(trx, actor, { action: 'notice.export', recordType: 'notice', detail: { rows: items.length } });
    return items.map((n) => toNotice(actor, n));
  });
}

/** For placement's quotas: persons each municipality received this calendar year (see repository.intakeThisYear). */
export async function intakeThisYear(trx: Tx, organisationIds: string[]): Promise<Map<string, number>> {
  return new Map((await repo.intakeThisYear(trx, organisationIds)).map((r) => [r.organisation_id, Number(r.persons)]));
}

/**
 * For placement: which of these notices will not bring their households — declined, withdrawn or
 * expired (every household), or accepted in part (the households left out), by household reference.
 */
export async function householdsNotComing(trx: Tx, noticeIds: string[]): Promise<Array<{ noticeId: string; reference: string | null }>> {
  const { notices, households } = await repo.noticeOutcomes(trx, noticeIds);
  const closed = notices.filter((n) => ['declined', 'withdrawn', 'expired'].includes(n.state)).map((n) => ({ noticeId: n.id, reference: null }));
  const closedIds = new Set(closed.map((c) => c.noticeId));
  return [...closed, ...households.filter((h) => !closedIds.has(h.notice_id)).map((h) => ({ noticeId: h.notice_id, reference: h.reference }))];
}

/**
 * For other modules (placement): free places (total − occupied − reserved) per organisation and
 * resource, read in the caller's transaction. The caller has checked the actor's reach already.
 */
export async function freePlaces(trx: Tx, organisationIds: string[]): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  if (organisationIds.length === 0) return out;
  const rows = await repo.declarationsOfMany(trx, organisationIds);
  for (const r of rows) {
    const m = out.get(r.organisation_id) ?? {};
    m[r.resource_code] = Math.max(0, r.total - r.occupied - r.reserved);
    out.set(r.organisation_id, m);
  }
  return out;
}
