// Words, not codes (issue 12): in every one of the five languages, what the UI shows for a known
// code (role, right, organisation kind, audit action and outcome, record type, notice state,
// procedure, step status, legal status, worklist kind) is a word — never the code itself, its
// translation key, or anything shaped like a key.
import { describe, expect, it } from 'vitest';
import {
  auditActions, auditOutcomes, noticeStates, organisationKinds, procedures, recordTypeNames, roles, rights, statusTypeCodes, stepStatuses, worklistKinds,
} from '@localpact/contracts';
import en from './locales/en.json';
import fr from './locales/fr.json';
import de from './locales/de.json';
import uk from './locales/uk.json';
import ar from './locales/ar.json';

type Tree = { [key: string]: string | Tree };
const fragments = import.meta.glob<Tree>('../features/*/locales/*.json', { eager: true, import: 'default' });
function merge(into: Tree, from: Tree): Tree {
  const out: Tree = { ...into };
  for (const [k, v] of Object.entries(from)) out[k] = typeof v === 'string' || typeof out[k] !== 'object' ? v : merge(out[k] as Tree, v);
  return out;
}
const catalogue = (lng: string, central: Tree) => Object.entries(fragments).filter(([p]) => p.endsWith(`/${lng}.json`)).reduce((t, [, f]) => merge(t, f), central);
const lookup = (tree: Tree, path: string): unknown => path.split('.').reduce<unknown>((n, part) => (n && typeof n === 'object' ? (n as Tree)[part] : undefined), tree);

const LISTS: Array<[string, readonly string[]]> = [
  ['roles', roles], ['rights', rights], ['kinds', organisationKinds], ['audit.actions', auditActions], ['audit.outcomes', auditOutcomes],
  ['audit.recordTypes', recordTypeNames], ['reception.states', noticeStates], ['reception.procedures', procedures],
  ['rolesPage.roleMeanings', roles], ['rolesPage.rightMeanings', rights], ['pathways.stepStatuses', stepStatuses], ['pathways.statusTypes', statusTypeCodes], ['pathways.worklist.kinds', worklistKinds],
];
const KEY_SHAPED = /^[a-z][a-z0-9]*(?:[._][a-z0-9]+)+$/;

describe.each([['en', en], ['fr', fr], ['de', de], ['uk', uk], ['ar', ar]] as const)('%s', (lng, central) => {
  const tree = catalogue(lng, central as Tree);
  it.each(LISTS)('shows words for every code of %s', (prefix, codes) => {
    const bad = codes.flatMap((code) => {
      const key = `${prefix}.${code}`;
      const label = lookup(tree, key);
      if (typeof label !== 'string') return [`${key}: no label`];
      if (label === code || label === key || KEY_SHAPED.test(label)) return [`${key}: "${label}"`];
      return [];
    });
    expect(bad).toEqual([]);
  });
});
