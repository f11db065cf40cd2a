// Erasure leaves no name, and the log shows when it was changed (issue 11).
//
// Free text that reaches the audit log (a read's purpose, a reason for erasure or for breaking the
// glass, a search term) may name a person, and the log is append-only: so that text is kept apart,
// in audit_texts, tied to the person (or household) the entry is about. The audit row holds a
// commitment to it, sha256(salt ‖ text): erasure deletes the text and its salt, the row stays
// unchanged and the commitment can no longer be tested against a guessed name.
//
// audit_chain links every audit row, in the order a sealing pass saw them, by
// hash = sha256(previous hash ‖ the row's columns): a changed or deleted row breaks the chain from
// there on (`localpact audit verify`). It is append-only like the log.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table audit_texts (
      id bigserial primary key,
      person_id uuid,
      household_id uuid,
      salt text not null,
      text text not null
    )`.execute(db);
  await sql`create index audit_texts_person on audit_texts (person_id) where person_id is not null`.execute(db);
  await sql`create index audit_texts_household on audit_texts (household_id) where household_id is not null`.execute(db);
  await sql`alter table audit_texts enable row level security`.execute(db);
  await sql`alter table audit_texts force row level security`.execute(db);
  await sql`create policy audit_texts_write on audit_texts for insert with check (true)`.execute(db);
  await sql`
    create policy audit_texts_read on audit_texts for select using (
      current_setting('localpact.system', true) = 'on'
      or current_setting('localpact.actor_role', true) in ('dpo', 'platform_admin')
    )`.execute(db);
  // Only erasure deletes, and it runs as the platform (platformLookup) once the gate let it erase.
  await sql`create policy audit_texts_erase on audit_texts for delete using (current_setting('localpact.system', true) = 'on')`.execute(db);
  await sql`grant select, insert, delete on audit_texts to localpact_app`.execute(db);

  await sql`alter table audit_log add column text_id bigint`.execute(db);
  await sql`alter table audit_log add column text_hash text`.execute(db);

  await sql`
    create table audit_chain (
      seq bigserial primary key,
      audit_id bigint not null unique,
      hash text not null,
      sealed_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create function audit_chain_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_chain is append-only' using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create trigger audit_chain_no_update before update or delete on audit_chain for each row execute function audit_chain_append_only()`.execute(db);
  await sql`create trigger audit_chain_no_truncate before truncate on audit_chain for each statement execute function audit_chain_append_only()`.execute(db);
  await sql`alter table audit_chain enable row level security`.execute(db);
  await sql`alter table audit_chain force row level security`.execute(db);
  await sql`create policy audit_chain_write on audit_chain for insert with check (current_setting('localpact.system', true) = 'on')`.execute(db);
  await sql`
    create policy audit_chain_read on audit_chain for select using (
      current_setting('localpact.system', true) = 'on'
      or current_setting('localpact.actor_role', true) in ('dpo', 'platform_admin')
    )`.execute(db);
  await sql`grant select, insert on audit_chain to localpact_app`.execute(db);
  await sql`grant usage on all sequences in schema public to localpact_app`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('localpact migrations are forward-only');
}
