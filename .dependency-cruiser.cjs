// The walls of the house (ARCHITECTURE.md, wall 7), checked by `npm test` (scripts/test.mjs, stage
// "walls"): `npx depcruise apps packages scripts bench e2e`.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'platform-imports-no-module',
      comment: 'The platform knows no module by name: modules reach it through their manifests (platform/module.ts).',
      severity: 'error',
      from: { path: '^apps/server/src/platform/' },
      to: { path: '^apps/server/src/modules/' },
    },
    {
      name: 'module-reaches-module-through-its-service',
      comment: 'A module uses another module only through its service.ts (or the module list through index.ts): never its repository, schema, records or other files.',
      severity: 'error',
      from: { path: '^apps/server/src/modules/([^/]+)/' },
      to: {
        path: '^apps/server/src/modules/([^/]+)/',
        pathNot: ['^apps/server/src/modules/$1/', '^apps/server/src/modules/[^/]+/service\\.ts$'],
      },
    },
    {
      name: 'web-imports-no-server-code',
      comment: 'The web app speaks to the server over HTTP; what they share lives in packages/contracts.',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^apps/server/' },
    },
    {
      name: 'packages-import-no-app',
      comment: 'packages/ (contracts, placement engine) stand on their own: apps use them, never the reverse.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-unresolvable-import',
      comment: 'An import that resolves to nothing would let a wall be walked around unseen.',
      severity: 'error',
      from: { pathNot: '\\.d\\.m?ts$' },
      // Type-only imports of DefinitelyTyped-only modules (geojson, topojson-specification: @types
      // packages with no runtime package) carry no code across a wall.
      to: { couldNotResolve: true, pathNot: '^(geojson|topojson-specification)$' },
    },
    {
      name: 'service-builds-no-sql',
      comment: 'A service sees repositories, not tables: SQL lives in its module\'s repository.ts. A service imports no value from kysely (type imports stay allowed); the query-builder calls on a transaction it holds are caught by the lint rule of the same name (eslint.config.js).',
      severity: 'error',
      from: { path: '^apps/server/src/modules/[^/]+/service[^/]*\\.ts$' },
      to: { path: '^node_modules/kysely/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'audit-log-written-by-the-audit-writer',
      comment: 'Only platform/audit.ts writes audit_log (audit(), auditReads()); the audit module reads it through its repository. Checked on the text by the lint rule of the same name (eslint.config.js); here: nothing but a module\'s own files imports the audit repository.',
      severity: 'error',
      from: { pathNot: '^apps/server/src/modules/audit/' },
      to: { path: '^apps/server/src/modules/audit/repository\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^apps/web/dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.mjs', '.js', '.json'] },
    moduleSystems: ['es6', 'cjs'],
  },
};
