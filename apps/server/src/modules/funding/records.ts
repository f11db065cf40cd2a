// The record types of funding for the gate procedure (platform/gate.ts). A project is a shared
// record of the organisation that applies; a partner organisation reaches it as its second party
// (the loader names the partner when the acting organisation is one). Calls are reference data.
import { recordType } from '../../platform/gate.ts';
import * as repo from './repository.ts';

export const projectRecord = recordType({
  name: 'funding_project', what: 'funding_project', class: 'shared', personal: false,
  async load(trx, id, { forUpdate }) {
    const p = await repo.projectOwner(trx, id, forUpdate);
    if (!p) return undefined;
    return {
      ...p,
      owner: { organisationId: p.organisation_id, territoryPath: p.path },
      other: p.partner_id && p.partner_path ? { organisationId: p.partner_id, territoryPath: p.partner_path } : null,
    };
  },
  testRecord: (trx, o) => repo.insertTestProject(trx, o.organisationId),
});

export const callRecord = recordType({
  name: 'funding_call', what: 'funding_call', class: 'reference', personal: false,
  async load(trx, id) {
    const c = await repo.call(trx, id);
    return c ? { ...c, owner: { organisationId: c.publisher_id, territoryPath: c.territory_path } } : undefined;
  },
  testRecord: (trx, o) => repo.insertTestCall(trx, o.organisationId),
});
