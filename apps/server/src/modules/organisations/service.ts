// The organisation directory: every organisation is bound to one territory. Everyone signed in
// reads it (it says who is who, not anything about people); platform admins manage it.
import type { Organisation, CreateOrganisation } from '@localpact/contracts';
import { withActor, type Db, type Tx } from '../../platform/context.ts';
import { assertReach, type Actor } from '../../platform/access.ts';
import { audit } from '../../platform/audit.ts';
import { duplicate, invalid, notFound } from '../../platform/errors.ts';
import { levelNames } from '../territories/service.ts';
import * as territories from '../territories/service.ts';
import * as repo from './repository.ts';

export function toOrganisation(r: repo.OrganisationRow): Organisation {
  return {
    id: r.id, name: r.name, kind: r.kind as Organisation['kind'],
    territory: { code: r.territory_code, name: r.territory_name, level: levelNames[r.territory_level] },
    parentId: r.parent_id, email: r.email, website: r.website, version: r.version,
  };
}

/** For other modules: the organisation's kind and territory, without going through its tables. */
export async function findForReference(db: Db | Tx, id: string) {
  const r = await repo.findById(db, id);
  return r ? { id: r.id, name: r.name, kind: r.kind, territoryCode: r.territory_code, territoryPath: r.territory_path } : undefined;
}

export async function getOrganisation(db: Db, actor: Actor, id: string): Promise<Organisation> {
  assertReach(actor, 'directory', 'read', undefined, 'organisation');
  const r = await repo.findById(db, id);
  if (!r) throw notFound('organisation');
  return toOrganisation(r);
}

export async function listOrganisations(db: Db, actor: Actor, f: { q?: string; kind?: string; territory?: string; limit: number; offset: number }) {
  assertReach(actor, 'directory', 'read', undefined, 'organisation');
  let withinPath: string | undefined;
  if (f.territory) {
    const t = await territories.findByCode(db, f.territory);
    if (!t) throw invalid('querystring.territory', 'validation.territory_unknown');
    withinPath = t.path;
  }
  const { items, total } = await repo.list(db, { q: f.q, kind: f.kind, withinPath, limit: f.limit, offset: f.offset });
  return { items: items.map(toOrganisation), total };
}

export async function createOrganisation(db: Db, actor: Actor, input: CreateOrganisation): Promise<Organisation> {
  assertReach(actor, 'directory', 'write', undefined, 'organisation');
  return withActor(db, actor, async (trx) => {
    const t = await territories.findByCode(trx, input.territoryCode);
    if (!t) throw invalid('body.territoryCode', 'validation.territory_unknown');
    if (input.parentId && !(await repo.findById(trx, input.parentId))) throw invalid('body.parentId', 'validation.organisation_unknown');
    if (await repo.findByNameAndTerritory(trx, input.name.trim(), input.territoryCode)) throw duplicate('organisation', 'name');
    const id = await repo.insert(trx, { ...input, name: input.name.trim() });
    await audit(trx, actor, { action: 'organisation.create', recordType: 'organisation', recordId: id });
    return toOrganisation((await repo.findById(trx, id))!);
  });
}

// For other modules' demo data.
export { addDemoOrganisation } from './demo.ts';
