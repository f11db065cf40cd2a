// The record types of integration pathways for the gate procedure (platform/gate.ts): people and
// households (personal data: row-level security, reads audited with a purpose, break the glass for
// a person), and pathway templates (shared records of the organisation that wrote them).
import { recordType } from '../../platform/gate.ts';
import * as repo from './repository.ts';

export const personRecord = recordType({
  name: 'person', what: 'person', class: 'personal', personal: true,
  readAction: 'person.read', breakGlassAction: 'person.break_glass',
  async load(trx, id) {
    const owner = await repo.personOwner(trx, id);
    // Erased people are gone for everyone.
    return owner ? { owner, gone: owner.erased } : undefined;
  },
  testRecord: async (trx, o) => (await repo.insertTestPeople(trx, o.organisationId, 1)).people[0],
});

export const householdRecord = recordType({
  name: 'household', what: 'household', class: 'personal', personal: true, readAction: 'household.read',
  async load(trx, id) {
    const h = await repo.householdOwner(trx, id);
    // Reaching a household beyond the ordinary reach grants its members too.
    return h ? { owner: { organisationId: h.organisationId, territoryPath: h.territoryPath }, grants: h.members } : undefined;
  },
  testRecord: async (trx, o) => (await repo.insertTestPeople(trx, o.organisationId, 2)).household,
});

export const templateRecord = recordType({
  name: 'template', what: 'template', class: 'shared', personal: false,
  async load(trx, id) {
    const t = await repo.templateWithOwner(trx, id);
    return t ? { ...t, owner: { organisationId: t.organisation_id, territoryPath: t.path } } : undefined;
  },
  testRecord: (trx, o) => repo.insertTestTemplate(trx, o.organisationId),
});
