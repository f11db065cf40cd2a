// What a capability module gives the platform. Each modules/<name>/index.ts exports one manifest;
// the list in modules/index.ts feeds buildApp, migrate, boot, the demo, the messages and the CLI.
// The platform imports no module by name: where it needs something a module provides (who a
// session belongs to), it defines the interface here and a module fills it in.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Migration } from 'kysely';
import type { Right } from '@localpact/contracts';
import type { Actor } from './access.ts';
import type { Config } from './config.ts';
import type { Db, Tx } from './context.ts';
import type { DatabaseHandle } from './database.ts';
import type { RecordType } from './gate.ts';
import type { Messages } from './i18n.ts';

export interface CapabilityModule {
  /** The folder's name: 'reception'. */
  name: string;
  /** Its HTTP routes, registered under /api. */
  routes?: FastifyPluginAsyncTypebox;
  /**
   * Its migrations, name → migration. Names are global and forever (`NNNN_<module>[_what]`, the
   * next free number): a database records them by name.
   */
  migrations?: Record<string, Migration>;
  /** Its tables, children first: `localpact demo --yes` empties them (modules in reverse order). */
  tables?: readonly string[];
  /** The rights it introduces (declared with their roles in packages/contracts/src/lists/<name>.ts). */
  rights?: readonly Right[];
  /** Its record types: owner loader, class, personal or not. Every one passes the gate procedure. */
  recordTypes?: readonly RecordType<any>[];
  /** Demo data, loaded on the first start of an empty embedded database and by `localpact demo`. */
  demo?: DemoData;
  /** Its server messages (problem titles, validation messages) in every language. */
  messages?: Messages;
  /** The module that knows who a session belongs to (exactly one: accounts). */
  sessions?: SessionProvider;
  /** Runs at every start after the migrations, before the demo (e.g. import reference data when missing). */
  onBoot?(db: Db, say: (message: string) => void): Promise<void>;
  /** Background work on a timer. */
  jobs?: readonly BackgroundJob[];
  /** Sub-commands of `localpact`. */
  commands?: readonly CliCommand[];
  /**
   * Every text and JSON column of its tables, classified: free text that may name a person is
   * erased with that person (GDPR art. 17), so each such column says whose it is.
   */
  freeText?: readonly FreeTextColumn[];
  /** What it holds about a person, exported and erased with the person (platform/person-data.ts). */
  personData?: PersonData;
}

export interface PersonData {
  /** Its part of the person's export (GDPR Art. 15, 20), or null when it holds nothing. */
  export(trx: Tx, personId: string): Promise<unknown>;
  /** Deletes or anonymises what it holds about these people (Art. 17 erasure, retention). */
  erase(trx: Tx, personIds: readonly string[]): Promise<void>;
}

export interface FreeTextColumn {
  table: string;
  column: string;
  /**
   * 'personal': may name a person (a note, a reason, a purpose, an answer typed by staff) and is
   * redacted when that person is erased; 'reference': codes, identifiers, labels and content that
   * organisations publish, never about one person.
   */
  holds: 'personal' | 'reference';
  /** For 'personal': the column of the same row that says which person the text belongs to. */
  personColumn?: string;
  /** For 'personal': a column of the same row whose value replaces the text (a step's title becomes its domain); else it is emptied. */
  redactAs?: string;
  /**
   * For 'personal': a condition on the row (SQL over its own columns) under which the column holds
   * no personal text and is kept, e.g. "field = 'languages'" for a correction of CEFR levels.
   */
  keepWhere?: string;
}

export interface DemoContext {
  /** Demo organisations by key ('sollentuna', 'se110', 'hamburg', …) → id; earlier modules fill it. */
  organisations: Map<string, string>;
  /** The password every demo account shares (published in the README). */
  password: string;
}

export interface DemoData {
  seed(trx: Tx, ctx: DemoContext): Promise<void>;
  /** True when the database holds this module's data already (then no demo is loaded at start). */
  present?(db: Db): Promise<boolean>;
  /** Sign-ins to print when the server starts with demo data. */
  signIns?: ReadonlyArray<{ role: string; email: string }>;
}

export interface SessionProvider {
  /** Resolves a session token to its actor (sliding the expiry), or null. */
  resolve(db: Db, config: Config, token: string, ip: string | null): Promise<Actor | null>;
  /** Whether the session is still valid, without sliding it (live streams check on each heartbeat). */
  isAlive(db: Db, token: string): Promise<boolean>;
}

export interface BackgroundJob {
  name: string;
  everyMs: number;
  /** First run after this long (default: everyMs). */
  firstAfterMs?: number;
  /** 'app': with every running app (tests too); 'serve': only in `localpact serve`. */
  runsIn: 'app' | 'serve';
  /** Returns a line worth printing, if any. */
  run(db: Db, config: Config): Promise<string | void>;
}

export interface CliContext {
  config: Config;
  say(message: string): void;
  /** Opens the database migrated, with reference data (onBoot), without demo data. */
  prepare(): Promise<DatabaseHandle>;
  /** Opens the database migrated only. */
  open(): Promise<DatabaseHandle>;
}

export interface CliCommand {
  /** 'user add', 'retention'. */
  name: string;
  /** One line for `localpact --help`. */
  summary: string;
  /** Printed for --help; a command without it answers --help itself. */
  help?: string;
  run(args: string[], ctx: CliContext): Promise<number>;
}

/** Checks a module list once: unique names and migrations, one session provider. */
export function checkModules(modules: readonly CapabilityModule[]): void {
  const names = new Set<string>();
  const migrations = new Set<string>();
  const recordTypes = new Set<string>();
  for (const m of modules) {
    if (names.has(m.name)) throw new Error(`module ${m.name} is listed twice`);
    names.add(m.name);
    for (const n of Object.keys(m.migrations ?? {})) {
      if (migrations.has(n)) throw new Error(`migration ${n} of ${m.name} has the name of another`);
      migrations.add(n);
    }
    for (const rt of m.recordTypes ?? []) {
      if (recordTypes.has(rt.name)) throw new Error(`record type ${rt.name} of ${m.name} is declared twice`);
      recordTypes.add(rt.name);
    }
  }
  const providers = modules.filter((m) => m.sessions);
  if (providers.length !== 1) throw new Error(`exactly one module must provide sessions (found ${providers.length})`);
}

export function sessionProvider(modules: readonly CapabilityModule[]): SessionProvider {
  return modules.find((m) => m.sessions)!.sessions!;
}
