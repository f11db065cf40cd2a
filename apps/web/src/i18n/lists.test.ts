// Every value of the contracts' lists that the UI shows has words in English (and so, by
// locales.test.ts, in every language): a new audit action, role or status cannot appear as a code.
import { describe, expect, it } from 'vitest';
import { auditActions, auditOutcomes, noticeStates, organisationKinds, procedures, roles, rights, stepStatuses } from '@localpact/contracts';
import en from './locales/en.json';

function lookup(path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), en);
}
const missing = (prefix: string, values: readonly string[]) => values.filter((v) => typeof lookup(`${prefix}.${v}`) !== 'string');

describe('labels for the contracts\' lists', () => {
  it('names every audit action and outcome', () => {
    expect(missing('audit.actions', auditActions)).toEqual([]);
    expect(missing('audit.outcomes', auditOutcomes)).toEqual([]);
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
