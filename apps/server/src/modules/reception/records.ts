// The record types of reception, for the gate procedure (platform/gate.ts): an organisation's
// capacity (its declarations, owned by the organisation) and arrival notices (owned by their
// addressee, concerning their issuer too: either party's reach opens them).
import { recordType } from '../../platform/gate.ts';
import * as organisations from '../organisations/service.ts';
import * as repo from './repository.ts';

export const capacityRecord = recordType({
  name: 'capacity', what: 'organisation', class: 'shared', personal: false,
  async load(trx, organisationId) {
    const org = await organisations.findForReference(trx, organisationId);
    return org ? { ...org, owner: { organisationId: org.id, territoryPath: org.territoryPath } } : undefined;
  },
  // The capacity of an organisation is reached by the organisation's id.
  testRecord: async (_trx, o) => o.organisationId,
});

export const noticeOwners = (n: { target_organisation_id: string; target_territory_path: string; issuer_organisation_id: string; issuer_territory_path: string }) => ({
  owner: { organisationId: n.target_organisation_id, territoryPath: n.target_territory_path },
  other: { organisationId: n.issuer_organisation_id, territoryPath: n.issuer_territory_path },
});

export const noticeRecord = recordType({
  name: 'notice', what: 'notice', class: 'shared', personal: false,
  async load(trx, id, { forUpdate }) {
    // Transitions lock the row first, so parallel answers are serialised.
    if (forUpdate && !(await repo.lockNotice(trx, id))) return undefined;
    const n = await repo.findNotice(trx, id);
    return n ? { ...n, ...noticeOwners(n) } : undefined;
  },
  testRecord: (trx, o) => repo.insertTestNotice(trx, o.otherOrganisationId, o.organisationId, o.userId),
});
