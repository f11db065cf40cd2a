// SQL of the duplicate check and of duplicate reviews (migration 0006_pathways_duplicate_reviews).
// duplicate_reviews is the platform's to read and write (its policy shows it to nobody else):
// callers wrap these in platformLookup, after the service checked the right and the territory.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Tx } from '../../platform/context.ts';
import { escapeLike, tablesOf } from '../../platform/sql.ts';

/** The tables this repository may touch: reviews, and the people, names and owners they compare. */
const own = tablesOf<'duplicate_reviews' | 'people' | 'person_identities' | 'organisations' | 'territories'>();

/**
 * Candidates for duplicate detection: same date of birth (index on birth_date), or the same name
 * key (index on name_key) and birth year. Two indexed queries: an OR across the two tables would
 * scan every person.
 */
/**
 * People who may be the same as a name and date of birth: inside the asker's reach (`reach` on
 * p.organisation_id and t.path), or outside it (ids for a duplicate review, never shown).
 */
export async function duplicateCandidates(trx: Tx, birthDate: string, birthYear: number, key: string, reach: Expression<SqlBool>, inside: boolean) {
  const base = () => own(trx).selectFrom('people as p').innerJoin('person_identities as i', 'i.person_id', 'p.id')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id').innerJoin('territories as t', 't.code', 'o.territory_code')
    .select(['p.id', 'p.organisation_id', 'i.given_name', 'i.family_name', 'p.birth_date', 'i.name_key'])
    .where('p.erased_at', 'is', null)
    .where(inside ? reach : sql<SqlBool>`not (${reach})`);
  const [byDate, byName] = await Promise.all([
    base().where('p.birth_date', '=', birthDate).limit(500).execute(),
    base().where('i.name_key', '=', key).where('p.birth_year', '=', birthYear).limit(500).execute(),
  ]);
  const seen = new Set(byDate.map((r) => r.id));
  return [...byDate, ...byName.filter((r) => !seen.has(r.id))];
}

// ---- duplicate reviews (migration 0006): platform-only table, callers wrap in platformLookup ----
/** Opens a review per record not yet paired with this one; returns the new ones. */
export async function insertDuplicateReviews(trx: Tx, personId: string, otherIds: string[], openedBy: string | null) {
  if (!otherIds.length) return [];
  return own(trx).insertInto('duplicate_reviews').values(otherIds.map((o) => ({ person_id: personId, other_person_id: o, opened_by: openedBy })))
    .onConflict((oc) => oc.columns(['person_id', 'other_person_id']).doNothing()).returning(['id', 'other_person_id']).execute();
}

const reviewsBase = (trx: Tx) => own(trx).selectFrom('duplicate_reviews as r')
  .innerJoin('people as p1', 'p1.id', 'r.person_id').innerJoin('organisations as o1', 'o1.id', 'p1.organisation_id').innerJoin('territories as t1', 't1.code', 'o1.territory_code')
  .innerJoin('people as p2', 'p2.id', 'r.other_person_id').innerJoin('organisations as o2', 'o2.id', 'p2.organisation_id').innerJoin('territories as t2', 't2.code', 'o2.territory_code')
  .where('p1.erased_at', 'is', null).where('p2.erased_at', 'is', null);

const reviewColumns = ['r.id', 'r.status', 'r.opened_at', 'r.resolved_at', 'r.note', 'r.version', 'r.person_id', 'r.other_person_id',
  'p1.organisation_id as org1', 'o1.name as org1_name', 't1.path as path1', 'p1.created_at as created1',
  'p2.organisation_id as org2', 'o2.name as org2_name', 't2.path as path2', 'p2.created_at as created2'] as const;

/** Reviews whose two records both lie in the territory (path prefix), oldest first. */
export async function duplicateReviews(trx: Tx, territoryPath: string, f: { status?: string; id?: string }, limit: number, offset: number) {
  const prefix = escapeLike(territoryPath) + '%';
  let q = reviewsBase(trx).where('t1.path', 'like', prefix).where('t2.path', 'like', prefix);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.id) q = q.where('r.id', '=', f.id);
  const items = await q.select(reviewColumns).orderBy('r.opened_at').orderBy('r.id').limit(limit).offset(offset).execute();
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { items, total: Number(total.n) };
}

/** One review with both owners' territories, locked for a decision. */
export async function duplicateReviewForUpdate(trx: Tx, id: string) {
  return reviewsBase(trx).select(reviewColumns).where('r.id', '=', id).forUpdate('r').executeTakeFirst();
}

export async function resolveDuplicateReview(trx: Tx, id: string, version: number, status: string, note: string | null, by: string) {
  const r = await own(trx).updateTable('duplicate_reviews').set({ status, note, resolved_by: by, resolved_at: sql`now()`, version: sql`version + 1` })
    .where('id', '=', id).where('version', '=', version).where('status', '=', 'open').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Names and dates of birth of the people a reviewer was granted. */
export async function reviewIdentities(trx: Tx, ids: string[]) {
  if (!ids.length) return [];
  return own(trx).selectFrom('people as p').innerJoin('person_identities as i', 'i.person_id', 'p.id')
    .select(['p.id', 'i.given_name', 'i.family_name', 'p.birth_date']).where('p.id', 'in', ids).execute();
}

/** Erasure: a review of an erased record has nothing left to decide. */
export async function deleteDuplicateReviewsOf(trx: Tx, ids: string[]) {
  if (!ids.length) return;
  await own(trx).deleteFrom('duplicate_reviews').where((eb) => eb.or([eb('person_id', 'in', ids), eb('other_person_id', 'in', ids)])).execute();
}

/** How many reviews wait for a decision in the territory (a figure, no people). */
export async function openReviewCount(trx: Tx, territoryPath: string) {
  const prefix = escapeLike(territoryPath) + '%';
  const r = await reviewsBase(trx).where('t1.path', 'like', prefix).where('t2.path', 'like', prefix).where('r.status', '=', 'open')
    .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
