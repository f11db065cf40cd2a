// Duplicate reviews (issue 11): a person registered by one organisation may already be held by
// another, outside its reach. The registering side is told nothing (not a count, not a name);
// the pair goes to whoever's reach covers both records — holders of `duplicates.review` (the
// national authority) whose territory contains both owners — as an audited task: listing a
// review is a read of both people (names and dates of birth only), resolving it is logged.
import type { DuplicateReview, Duplicates, ResolveDuplicateReview } from '@localpact/contracts';
import { withActor, type Tx, type Db } from '../../platform/context.ts';
import { assertReach, assertRight, reachFilter, type Actor } from '../../platform/access.ts';
import { audit, auditReads } from '../../platform/audit.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import * as repo from './repository.ts';
import * as dupRepo from './repository-duplicates.ts';
import { nameKey, namesMatch } from './names.ts';

// ---- duplicates and registration -------------------------------------------------------------
// The asker learns only about records in its own reach, and each one shown is an audited read.
// A likely duplicate held outside that reach is never hinted at (not a count, not an
// organisation): registering the person opens a duplicate review instead, which whoever's reach
// covers both records works through (below).
export interface DuplicateCheck { duplicates: Duplicates; outside: string[] }

export async function findDuplicates(trx: Tx, actor: Actor, givenName: string, familyName: string, birthDate: string): Promise<DuplicateCheck> {
  const key = nameKey(givenName, familyName);
  const year = Number(birthDate.slice(0, 4));
  const inReach = reachFilter(actor, 'personal', 'p.organisation_id', 't.path');
  const own = (await dupRepo.duplicateCandidates(trx, birthDate, year, key, inReach, true))
    .filter((c) => namesMatch(givenName, familyName, c.name_key));
  // Ids only, never shown to the asker: the review is the national authority's.
  const outside = (await repo.platformLookup(trx, () => dupRepo.duplicateCandidates(trx, birthDate, year, key, inReach, false)))
    .filter((c) => namesMatch(givenName, familyName, c.name_key)).map((c) => c.id);
  return {
    duplicates: { matches: own.map((m) => ({ id: m.id, givenName: m.given_name, familyName: m.family_name, birthDate: m.birth_date, sameBirthDate: m.birth_date === birthDate })) },
    outside,
  };
}

/** The 409 that lists possible duplicates in reach: a disclosure, audited even though the command rolls back. */
export function possibleDuplicate(d: Duplicates): AppError {
  return new AppError(409, 'possible_duplicate', {}, [], { duplicates: d })
    .disclosing({ recordType: 'person', ids: d.matches.map((m) => m.id), purpose: 'duplicate_check' });
}

export async function checkDuplicates(db: Db, actor: Actor, q: { givenName: string; familyName: string; birthDate: string }): Promise<Duplicates> {
  assertReach(actor, 'personal', 'write', { organisationId: actor.organisationId, territoryPath: actor.territoryPath }, 'person');
  return withActor(db, actor, async (trx) => {
    await repo.withoutJit(trx);
    const { duplicates } = await findDuplicates(trx, actor, q.givenName, q.familyName, q.birthDate);
    await auditReads(trx, actor, 'person', duplicates.matches.map((m) => m.id), 'duplicate_check');
    return duplicates;
  });
}

/** In the registering command: one review per likely duplicate outside the registrar's reach. */
export async function openDuplicateReviews(trx: Tx, actor: Actor, personId: string, others: string[]): Promise<void> {
  if (!others.length) return;
  const opened = await repo.platformLookup(trx, () => dupRepo.insertDuplicateReviews(trx, personId, others, actor.id));
  for (const r of opened) {
    await audit(trx, actor, { action: 'duplicate_review.open', recordType: 'duplicate_review', recordId: r.id, detail: { personId, otherPersonId: r.other_person_id } });
  }
}

type ReviewRow = Awaited<ReturnType<typeof dupRepo.duplicateReviews>>['items'][number];
const iso = (d: unknown) => new Date(d as string).toISOString();

async function present(trx: Tx, actor: Actor, rows: ReviewRow[], purpose: string): Promise<DuplicateReview[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.person_id, r.other_person_id]))];
  if (!ids.length) return [];
  // The reviewer holds neither record: the gate's grant opens exactly these people for this answer.
  await repo.grant(trx, ids);
  const who = new Map((await dupRepo.reviewIdentities(trx, ids)).map((p) => [p.id, p]));
  await auditReads(trx, actor, 'person', ids, purpose, 'duplicate_review.read');
  const person = (id: string, org: string, orgName: string, created: unknown) => {
    const p = who.get(id);
    return { id, givenName: p?.given_name ?? '', familyName: p?.family_name ?? '', birthDate: p?.birth_date ?? null, organisation: { id: org, name: orgName }, registeredAt: iso(created) };
  };
  return rows.map((r) => ({
    id: r.id, status: r.status as DuplicateReview['status'], openedAt: iso(r.opened_at), resolvedAt: r.resolved_at ? iso(r.resolved_at) : null, note: r.note, version: r.version,
    people: [person(r.person_id, r.org1, r.org1_name, r.created1), person(r.other_person_id, r.org2, r.org2_name, r.created2)],
  }));
}

export async function listDuplicateReviews(db: Db, actor: Actor, f: { status?: DuplicateReview['status']; limit?: number; offset?: number }) {
  assertRight(actor, 'duplicates.review');
  return withActor(db, actor, async (trx) => {
    const { items, total } = await repo.platformLookup(trx, () => dupRepo.duplicateReviews(trx, actor.territoryPath, { status: f.status ?? 'open' }, f.limit ?? 50, f.offset ?? 0));
    return { items: await present(trx, actor, items, 'duplicate review'), total };
  });
}

export async function resolveDuplicateReview(db: Db, actor: Actor, id: string, input: ResolveDuplicateReview): Promise<DuplicateReview> {
  assertRight(actor, 'duplicates.review');
  return withActor(db, actor, async (trx) => {
    const r = await repo.platformLookup(trx, () => dupRepo.duplicateReviewForUpdate(trx, id));
    // Out of the reviewer's territory, or a record erased since: the same 404 as a missing review.
    if (!r || !r.path1.startsWith(actor.territoryPath) || !r.path2.startsWith(actor.territoryPath)) throw notFound('duplicate_review');
    if (r.status !== 'open' || r.version !== input.version) throw conflict('duplicate_review', r.version);
    const note = input.note?.trim() || null;
    if (!(await repo.platformLookup(trx, () => dupRepo.resolveDuplicateReview(trx, id, input.version, input.outcome, note, actor.id)))) throw conflict('duplicate_review', r.version);
    await audit(trx, actor, { action: 'duplicate_review.resolve', recordType: 'duplicate_review', recordId: id, personId: r.person_id, detail: { outcome: input.outcome, personId: r.person_id, otherPersonId: r.other_person_id }, text: { note } });
    const { items } = await repo.platformLookup(trx, () => dupRepo.duplicateReviews(trx, actor.territoryPath, { id }, 1, 0));
    return (await present(trx, actor, items, 'duplicate review decision'))[0];
  });
}

/** For the reviewer's home page: how many reviews wait, without reading anyone (not audited: no personal data). */
export async function openDuplicateReviewCount(db: Db, actor: Actor): Promise<{ open: number }> {
  assertRight(actor, 'duplicates.review');
  return withActor(db, actor, async (trx) => ({ open: await repo.platformLookup(trx, () => dupRepo.openReviewCount(trx, actor.territoryPath)) }));
}
