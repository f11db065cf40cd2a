// Roles and rights come from packages/contracts (lists/platform.ts and each capability's lists
// file): this file only names them for the server. The docs (docs/roles.md) and GET /api/roles
// show the table; the access gate reads it.
export { roles, rights, roleTable, rightsOf, roleOrganisationKinds } from '@localpact/contracts';
export type { Role, Right, Reach, RoleDefinition } from '@localpact/contracts';
