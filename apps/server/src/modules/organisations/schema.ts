// Kysely's view of the organisations table (migration 0001_platform); merged into platform's Database.
import type { Generated } from 'kysely';
import type { Timestamp } from '../../platform/schema.ts';

export interface OrganisationTable {
  id: Generated<string>;
  name: string;
  kind: string;
  territory_code: string;
  parent_id: string | null;
  email: string | null;
  website: string | null;
  created_at: Timestamp;
  version: Generated<number>;
}

declare module '../../platform/schema.ts' {
  interface Database {
    organisations: OrganisationTable;
  }
}
