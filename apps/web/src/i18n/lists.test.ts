// Every value of the contracts' lists that the UI shows has words in English (and so, by
// locales.test.ts, in every language): a new audit action, role or status cannot appear as a code.
import { describe, expect, it } from 'vitest';
import { auditActions, auditOutcomes, noticeStates, organisationKinds, procedures, recordTypeNames, roles, rights, stepStatuses } from '@localpact/contracts';
import enCentral from './locales/en.json';

// The central English catalogue with the features' own (features/<capability>/locales/en.json).
type Tree = { [key: string]: string | Tree };
const fragments = import.meta.glob<Tree>('../features/*/locales/en.json', { eager: true, import: 'default' });
function merge(into: Tree, from: Tree): Tree {
  const out: Tree = { ...into };
  for (const [k, v] of Object.entries(from)) out[k] = typeof v === 'string' || typeof out[k] !== 'object' ? v : merge(out[k] as Tree, v);
  return out;
}
const en = Object.values(fragments).reduce(merge, enCentral as Tree);

function lookup(path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), en);
}
const missing = (prefix: string, values: readonly string[]) => values.filter((v) => typeof lookup(`${prefix}.${v}`) !== 'string');

describe('labels for the contracts\' lists', () => {
  it('names every audit action and outcome', () => {
    expect(missing('audit.actions', auditActions)).toEqual([]);
    expect(missing('audit.outcomes', auditOutcomes)).toEqual([]);
    expect(missing('audit.recordTypes', recordTypeNames)).toEqual([]);
  });
  it('names every role, right and organisation kind', () => {
    expect(missing('roles', roles)).toEqual([]);
    expect(missing('rights', rights)).toEqual([]);
    expect(missing('kinds', organisationKinds)).toEqual([]);
  });
  it('names every notice state, procedure and step status', () => {
    expect(missing('reception.states', noticeStates)).toEqual([]);
    expect(missing('reception.procedures', procedures)).toEqual([]);
    expect(missing('pathways.stepStatuses', stepStatuses)).toEqual([]);
  });
});
