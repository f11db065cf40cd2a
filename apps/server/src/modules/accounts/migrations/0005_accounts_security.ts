// Security (issue 11): sign-in throttling that counts and decides in one statement, and the device
// cookies that let a user who signed in from a browser before get past an attack on their email.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per throttle key: an account from every unknown client, an account from one address, an
  // address over all accounts, a device cookie. The key is stored hashed: attackers type passwords
  // into email fields, and the table need not hold what they typed.
  await sql`
    create table sign_in_throttle (
      key_hash text primary key,
      kind text not null check (kind in ('account','account_address','address','device')),
      -- Attempts counted since the last success (or since the counter was forgotten).
      failures integer not null default 0,
      -- No attempt on this key is checked before this instant.
      next_at timestamptz not null default '-infinity',
      last_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index sign_in_throttle_last on sign_in_throttle (last_at)`.execute(db);

  // OWASP "device cookies": a browser that signed in to an account before holds a random token whose
  // hash is kept here; its attempts are throttled on their own, apart from attacks on the account.
  await sql`
    create table sign_in_devices (
      token_hash text primary key,
      user_id uuid not null references users(id) on delete cascade,
      created_at timestamptz not null default now(),
      last_used_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index sign_in_devices_user on sign_in_devices (user_id, last_used_at)`.execute(db);
  await sql`grant select, insert, update, delete on sign_in_throttle, sign_in_devices to localpact_app`.execute(db);

  // Replaced by sign_in_throttle: rows of failures counted after the password check, which let
  // parallel guesses through.
  await sql`drop table sign_in_failures`.execute(db);
}
