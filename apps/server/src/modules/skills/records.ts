// The skills profile for the gate procedure (platform/gate.ts). Its id is the person's id: a
// person's profile belongs to whoever holds the person (pathways), so the owner comes from the
// person record. A person without a profile yet has an empty one, reached the same way.
import { recordType } from '../../platform/gate.ts';
import { personRecord } from '../pathways/service.ts';
import * as repo from './repository.ts';

export const profileRecord = recordType({
  name: 'skill_profile', what: 'skill_profile', class: 'personal', personal: true,
  readAction: 'skill_profile.read',
  async load(trx, id, opts) {
    const person = await personRecord.load(trx, id, opts);
    return person ? { owner: person.owner, gone: person.gone } : undefined;
  },
  testRecord: (trx, o) => personRecord.testRecord(trx, o),
});

/** One recognition case: owned by the organisation holding the person when the case was opened. */
export const recognitionRecord = recordType({
  name: 'recognition', what: 'recognition', class: 'personal', personal: true,
  readAction: 'recognition.read',
  async load(trx, id) {
    const o = await repo.recognitionOwner(trx, id);
    return o ? { owner: { organisationId: o.organisation_id, territoryPath: o.path }, personId: o.person_id, grants: [o.person_id] } : undefined;
  },
  async testRecord(trx, o) {
    const personId = await personRecord.testRecord(trx, o);
    return repo.insertTestRecognition(trx, personId, o.organisationId);
  },
});
