// ESLint 9 (flat config) with typescript-eslint, for the whole tree: `npm run lint` and `npm test`'s
// lint stage check apps/, packages/, scripts/, bench/ and e2e/ (scripts/test.mjs LINTED).
// Formatting is Biome's (biome.json, `npm run format`), so no stylistic rules here.
//
// Size and complexity limits, and why (`npm run sizes` lists the largest of each package):
// - max-lines-per-function 80 (blank lines and comments not counted): a function that does one
//   named step of an algorithm or one request fits a screen; runEngine (910 lines) was split
//   into its phases to meet it, the migrations' up() into their tables, the route plugins into
//   groups. Test files get 150: a describe block is a list of cases, not logic. Browser journeys
//   (e2e/*.e2e.test.ts) get 210: one story in order on one signed-in page, each step using what
//   the one before made. A React component (apps/web .tsx) gets 120: most of it is its markup;
//   the largest pages were split into named parts (NoticeFacts, RunQuotas…) to meet it.
// - max-lines 400 per file (same counting): one room per file; the largest file in packages/
//   (assignment.ts: auction and shortest augmenting path) has 398. FILES_TO_SPLIT below are the
//   two files over it, held at their size until the branches open on them have landed.
// - complexity (cyclomatic, ESLint's count, which includes ?:, && and ||): 20 in packages/ (the
//   numeric kernels test capacity, quota and tie rules in one loop); 40 elsewhere for now, the
//   ceiling the tree meets (NoticePage 31, access.ts reaches 35, fuzz.test 36): a ratchet to
//   lower, not a target.
// - no-unused-vars as an error (a leading _ marks a deliberately unused name); no-explicit-any
//   as a warning, since some library boundaries need it.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const FILES_TO_SPLIT = [
  'apps/server/src/modules/pathways/service.ts', // 690 lines: people, plans, referrals, transfer, erasure
  'apps/web/src/features/pathways/PersonPage.tsx', // 535: the case file's sections
];
const QUERY_BUILDERS = '/^(selectFrom|selectNoFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)$/';
const AUDIT_WRITES = [
  { selector: "CallExpression[callee.property.name=/^(insertInto|updateTable|deleteFrom|replaceInto|mergeInto)$/][arguments.0.value=/^audit_log\\b/]", message: 'audit-log-written-by-the-audit-writer: write the audit log with audit() or auditReads() (platform/audit.ts).' },
  { selector: 'TemplateElement[value.raw=/(insert\\s+into|update|delete\\s+from|truncate)\\s+audit_log\\b/i]', message: 'audit-log-written-by-the-audit-writer: write the audit log with audit() or auditReads() (platform/audit.ts).' },
];
const unused = ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }];
const size = (max) => ['error', { max, skipBlankLines: true, skipComments: true }];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'apps/web/dist/**', '.localpact/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': unused,
      '@typescript-eslint/no-explicit-any': 'warn',
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }],
      'max-lines': size(400),
      complexity: ['error', 20],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', '**/test/**', 'e2e/**'],
    rules: { 'max-lines-per-function': ['error', { max: 150, skipBlankLines: true, skipComments: true, IIFEs: true }] },
  },
  {
    files: ['apps/**', 'scripts/**', 'bench/**', 'e2e/**'],
    rules: { complexity: ['error', 40] },
  },
  {
    files: ['apps/web/**/*.tsx'],
    rules: { 'max-lines-per-function': ['error', { max: 120, skipBlankLines: true, skipComments: true, IIFEs: true }] },
  },
  {
    files: ['e2e/**/*.e2e.test.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 210, skipBlankLines: true, skipComments: true, IIFEs: true }] },
  },
  {
    // Over 400 lines today; each is split when the branches working in it have landed (splitting
    // now would move code under their feet). The cap stops them growing meanwhile.
    files: FILES_TO_SPLIT,
    rules: { 'max-lines': size(700) },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  // ---- the walls that are about text, not imports (the others: .dependency-cruiser.cjs) -------
  {
    // service-builds-no-sql: a service sees repositories, not tables. Its module's repository.ts
    // holds every query (typed to the module's tables: platform/sql.ts tablesOf).
    files: ['apps/server/src/modules/*/service*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'kysely', message: 'service-builds-no-sql: SQL lives in the repository.', allowTypeImports: true }] }],
      'no-restricted-syntax': ['error',
        { selector: `CallExpression[callee.property.name=${QUERY_BUILDERS}]`, message: 'service-builds-no-sql: a service calls its repository; the query goes in repository.ts.' },
        { selector: "TaggedTemplateExpression[tag.name='sql'], MemberExpression[object.name='sql']", message: 'service-builds-no-sql: raw SQL goes in repository.ts.' },
        ...AUDIT_WRITES,
      ],
    },
  },
  {
    // audit-log-written-by-the-audit-writer: platform/audit.ts (audit(), auditReads()) is the one
    // writer; the audit module reads. Tests that prove the log append-only and migrations that
    // create it are the exceptions.
    files: ['apps/server/src/**/*.ts', 'scripts/**', 'bench/**'],
    ignores: ['apps/server/src/platform/audit.ts', 'apps/server/src/**/migrations/**', '**/*.test.ts', 'apps/server/src/modules/*/service*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...AUDIT_WRITES] },
  },
);
