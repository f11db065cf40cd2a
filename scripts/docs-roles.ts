// Writes docs/roles.md from the one role table (packages/contracts: lists/platform.ts and the rights
// each capability's lists file declares).
// A test fails when the file and the table disagree: run `npm run docs:roles` after changing roles.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rightMeaning, roleTable, roles, rights } from '@localpact/contracts';

const reachText: Record<string, string> = {
  all: 'every territory', subtree: 'its territory and all below it', own: 'its own organisation', none: '—',
};

export function rolesMarkdown(): string {
  const lines = [
    '# Roles and rights',
    '',
    'Generated from `packages/contracts/src/lists/` by `npm run docs:roles`; a test keeps the two equal.',
    '',
    'A right says what a role may do; the reach says whose records: the access gate',
    '(`apps/server/src/platform/access.ts`) decides from the role, the user\'s organisation and the',
    'territory tree (EU → country → NUTS 1–3 → municipality). A record out of reach answers 404.',
    '',
    '| right | what it allows | ' + roles.join(' | ') + ' |',
    '|---|---|' + roles.map(() => ':-:').join('|') + '|',
    ...rights.map((r) => `| \`${r}\` | ${rightMeaning[r]} | ` + roles.map((role) => (roleTable[role].rights.includes(r) ? '✓' : '')).join(' | ') + ' |'),
    '| reach of shared records | | ' + roles.map((role) => reachText[roleTable[role].sharedReach]).join(' | ') + ' |',
    '| reach of personal records | | ' + roles.map((role) => reachText[roleTable[role].peopleReach]).join(' | ') + ' |',
    '',
    'Accounts: user managers reach every account; everyone else reads the accounts of their own',
    'organisation (colleagues) and their own. The audit log is read by the data-protection officer',
    'and the platform administrator. EU and national levels see aggregates, never people.',
    '',
  ];
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(new URL('../docs/roles.md', import.meta.url), rolesMarkdown());
  console.log('docs/roles.md written');
}
