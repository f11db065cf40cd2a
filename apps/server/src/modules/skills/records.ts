// The skills profile for the gate procedure (platform/gate.ts). Its id is the person's id: a
// person's profile belongs to whoever holds the person (pathways), so the owner comes from the
// person record. A person without a profile yet has an empty one, reached the same way.
import { recordType } from '../../platform/gate.ts';
import { personRecord } from '../pathways/service.ts';

export const profileRecord = recordType({
  name: 'skill_profile', what: 'skill_profile', class: 'personal', personal: true,
  readAction: 'skill_profile.read',
  async load(trx, id, opts) {
    const person = await personRecord.load(trx, id, opts);
    return person ? { owner: person.owner, gone: person.gone } : undefined;
  },
  testRecord: (trx, o) => personRecord.testRecord(trx, o),
});
