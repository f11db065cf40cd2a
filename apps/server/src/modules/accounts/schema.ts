// Kysely's view of the account tables (migrations 0001_platform and 0005_security); merged into platform's Database.
import type { Generated } from 'kysely';
import type { Timestamp, NullableTimestamp } from '../../platform/schema.ts';

export interface UserTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  role: string;
  organisation_id: string;
  password_hash: string;
  active: Generated<boolean>;
  locale: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_sign_in_at: NullableTimestamp;
  version: Generated<number>;
}

export interface SessionTable {
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
}

export interface SignInThrottleTable {
  key_hash: string;
  kind: 'account' | 'account_address' | 'address' | 'device';
  failures: Generated<number>;
  next_at: Timestamp;
  last_at: Timestamp;
}

export interface SignInDeviceTable {
  token_hash: string;
  user_id: string;
  created_at: Generated<Date>;
  last_used_at: Generated<Date>;
}

declare module '../../platform/schema.ts' {
  interface Database {
    users: UserTable;
    sessions: SessionTable;
    sign_in_throttle: SignInThrottleTable;
    sign_in_devices: SignInDeviceTable;
  }
}
