// The record type of placement for the gate procedure (platform/gate.ts): a run, owned by the
// coordinating organisation. Its households are pseudonymous, but about people: every read of a
// run is audited with its purpose.
import { recordType } from '../../platform/gate.ts';
import * as repo from './repository.ts';

export const runOwner = (r: repo.RunRow) => ({ organisationId: r.organisation_id, territoryPath: r.owner_path });

export const runRecord = recordType({
  name: 'placement_run', what: 'placement_run', class: 'shared', personal: true, readAction: 'placement.run.read',
  async load(trx, id, { forUpdate }) {
    const r = await repo.findRun(trx, id, forUpdate);
    return r ? { ...r, owner: runOwner(r) } : undefined;
  },
  testRecord: (trx, o) => repo.insertTestRun(trx, o.organisationId, o.userId),
});
