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
    // Stage 2 of issue 13 (after the SQL moves into repositories): a service builds no SQL (it
    // imports no value from kysely; type imports stay allowed). Ready, switched off until
    // pathways/service.ts and reception/service.ts are through the move: switched on today it
    // reports exactly those two. Query-builder calls on a transaction need a lint rule besides.
    // {
    //   name: 'service-builds-no-sql',
    //   severity: 'error',
    //   from: { path: '^apps/server/src/modules/[^/]+/service\\.ts$' },
    //   to: { path: '^node_modules/kysely/', dependencyTypesNot: ['type-only'] },
    // },
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
