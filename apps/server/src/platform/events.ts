// The event bus: how every screen learns, live, that something in its reach changed.
//
//  write path   publish(trx, event) inside the command's own transaction:
//               1. INSERT INTO events … RETURNING id  (the durable log: replay and notifications)
//               2. SELECT pg_notify('localpact_events', json)
//               PostgreSQL delivers a NOTIFY only when (and if) the transaction commits, so a
//               rolled-back command announces nothing and listeners never see uncommitted data.
//  fan-out      Each server instance holds ONE listener: on PostgreSQL a dedicated pg.Client
//               (outside the pool) that LISTENs and reconnects with back-off; after a reconnect it
//               reads the events it may have missed from the table (id > last seen). On the
//               embedded PGlite (one process) the same NOTIFY arrives through PGlite's listen().
//               Every instance fans each event out to its own SSE clients, so two instances behind
//               one PostgreSQL both deliver a write made on either.
//  the gate     Each SSE client carries its Actor; an event is written to it only when
//               eventVisibleTo(actor, event) — the access gate's own reaches() on the event's owner
//               (and second owner: a notice concerns its issuer and its addressee), or, for capacity
//               figures, reachesAggregate().
//  replay       SSE frames carry `id:` = events.id. A reconnecting EventSource sends Last-Event-ID;
//               the stream first replays events with a greater id (through the same gate), then goes
//               live. Ids are assigned at insert and transactions may commit out of order, so the
//               replay also re-sends the last few seconds of events; clients drop ids they have.
//  heartbeats   A comment line every 15 s keeps proxies from closing an idle stream.
import pg from 'pg';
import { sql } from 'kysely';
import type { Tx, Db } from './context.ts';
import type { DatabaseHandle } from './database.ts';
import { aggregateOnly, nuts3PathOf, reaches, reachesAggregate, type Actor, type Owner } from './access.ts';

export const EVENTS_CHANNEL = 'localpact_events';

export interface EventInput {
  type: string;
  actor?: Actor | null;
  owner: Owner;
  /** A second party the record concerns (a notice: its issuer besides its addressee). */
  other?: Owner | null;
  recordId?: string | null;
  payload: Record<string, unknown>;
}

export interface StoredEvent {
  id: number;
  at: string;
  type: string;
  actorId: string | null;
  organisationId: string;
  territoryPath: string;
  otherOrganisationId: string | null;
  otherTerritoryPath: string | null;
  recordId: string | null;
  payload: Record<string, unknown>;
}

type EventRow = {
  id: number; at: Date | string; type: string; actor_id: string | null; organisation_id: string; territory_path: string;
  other_organisation_id: string | null; other_territory_path: string | null; record_id: string | null; payload: unknown;
};

export function toStoredEvent(r: EventRow): StoredEvent {
  return {
    id: Number(r.id), at: new Date(r.at).toISOString(), type: r.type, actorId: r.actor_id,
    organisationId: r.organisation_id, territoryPath: r.territory_path,
    otherOrganisationId: r.other_organisation_id, otherTerritoryPath: r.other_territory_path,
    recordId: r.record_id, payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>,
  };
}

/** Stores the event and announces it on commit. Call inside the command's transaction. */
export async function publish(trx: Tx, e: EventInput): Promise<StoredEvent> {
  const row = await trx.insertInto('events').values({
    type: e.type, actor_id: e.actor?.id ?? null,
    organisation_id: e.owner.organisationId, territory_path: e.owner.territoryPath,
    other_organisation_id: e.other?.organisationId ?? null, other_territory_path: e.other?.territoryPath ?? null,
    record_id: e.recordId ?? null, payload: JSON.stringify(e.payload),
  }).returningAll().executeTakeFirstOrThrow();
  const stored = toStoredEvent(row as unknown as EventRow);
  let message = JSON.stringify(stored);
  // NOTIFY payloads must stay under 8000 bytes: a large event travels by reference.
  if (Buffer.byteLength(message) > 7000) message = JSON.stringify({ id: stored.id, ref: true });
  await sql`select pg_notify(${EVENTS_CHANNEL}, ${message})`.execute(trx);
  return stored;
}

/**
 * The gate, for events: what this actor may see of one. The event itself when the actor reaches
 * the record it is about (either owner: a notice concerns its issuer and its addressee); for
 * aggregate-only readers (the EU observer), a capacity change coarsened to its NUTS 3 region —
 * the region's code and the resource, no organisation, no figures (they reload the roll-up or the
 * map, which coarsen the same way); otherwise nothing.
 */
export function eventFor(actor: Actor, e: StoredEvent): StoredEvent | null {
  if (reaches(actor, 'shared', 'read', { organisationId: e.organisationId, territoryPath: e.territoryPath })) return e;
  if (e.otherOrganisationId && e.otherTerritoryPath && reaches(actor, 'shared', 'read', { organisationId: e.otherOrganisationId, territoryPath: e.otherTerritoryPath })) return e;
  if (!e.type.startsWith('capacity.')) return null;
  if (aggregateOnly(actor)) {
    const area = nuts3PathOf(e.territoryPath);
    if (!reachesAggregate(actor, area)) return null;
    const code = area.split('/').filter(Boolean).pop()!;
    const declaration = e.payload.declaration as { resource?: unknown } | undefined;
    return {
      id: e.id, at: e.at, type: e.type, actorId: null, organisationId: '', territoryPath: area, otherOrganisationId: null, otherTerritoryPath: null,
      recordId: null, payload: { area: { code }, resource: typeof declaration?.resource === 'string' ? declaration.resource : null },
    };
  }
  // Capacity figures are also aggregates: readers of a territory's aggregates see them change.
  return reachesAggregate(actor, e.territoryPath) ? e : null;
}

export function eventVisibleTo(actor: Actor, e: StoredEvent): boolean {
  return eventFor(actor, e) !== null;
}

export async function eventsAfter(db: Db, afterId: number, opts: { limit?: number; recentSeconds?: number } = {}): Promise<StoredEvent[]> {
  let q = db.selectFrom('events').selectAll();
  q = opts.recentSeconds
    ? q.where((eb) => eb.or([eb('id', '>', afterId), eb('at', '>', sql<Date>`clock_timestamp() - make_interval(secs => ${opts.recentSeconds})`)]))
    : q.where('id', '>', afterId);
  const rows = await q.orderBy('id').limit(opts.limit ?? 1000).execute();
  return rows.map((r) => toStoredEvent(r as unknown as EventRow));
}

export type Listener = (e: StoredEvent) => void;

/** One per server instance: receives every committed event and hands it to the subscribers. */
export class EventBus {
  private listeners = new Set<Listener>();
  private client: pg.Client | null = null;
  private stopped = false;
  private lastSeen = 0;
  private retryMs = 250;
  private unlistenPglite: (() => Promise<void>) | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  /** Resolves when the listener is connected (tests and benchmarks wait for it). */
  ready: Promise<void>;
  private markReady!: () => void;

  constructor(private readonly database: DatabaseHandle, private readonly log: (msg: string, err?: unknown) => void = () => {}) {
    this.ready = new Promise((r) => (this.markReady = r));
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => { this.listeners.delete(fn); };
  }

  get subscriberCount(): number { return this.listeners.size; }

  async start(): Promise<void> {
    const last = await this.database.db.selectFrom('events').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst();
    this.lastSeen = Number(last?.m ?? 0);
    if (this.database.driver === 'pglite') {
      const pglite = this.database.pglite as { listen(ch: string, cb: (payload: string) => void): Promise<() => Promise<void>> };
      this.unlistenPglite = await pglite.listen(EVENTS_CHANNEL, (payload) => void this.onMessage(payload));
      this.markReady();
      return;
    }
    await this.connect();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.database.databaseUrl! });
    client.on('error', (err) => { this.log('event listener connection error', err); this.scheduleReconnect(client); });
    client.on('end', () => this.scheduleReconnect(client));
    client.on('notification', (n) => { if (n.channel === EVENTS_CHANNEL && n.payload) void this.onMessage(n.payload); });
    try {
      await client.connect();
      await client.query(`listen ${EVENTS_CHANNEL}`);
      this.client = client;
      this.retryMs = 250;
      // Whatever was committed while no listener was connected.
      await this.catchUp();
      this.markReady();
    } catch (err) {
      this.log('event listener could not connect', err);
      this.scheduleReconnect(client);
    }
  }

  private scheduleReconnect(client: pg.Client) {
    if (this.stopped || this.reconnectTimer || (this.client && this.client !== client)) return;
    this.client = null;
    client.removeAllListeners('end');
    client.end().catch(() => {});
    this.reconnectTimer = setTimeout(() => { this.reconnectTimer = null; void this.connect(); }, this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, 10_000);
  }

  private async catchUp() {
    const missed = await eventsAfter(this.database.db, this.lastSeen);
    for (const e of missed) this.deliver(e);
  }

  private async onMessage(payload: string) {
    try {
      const parsed = JSON.parse(payload) as StoredEvent & { ref?: boolean };
      if (parsed.ref) {
        const rows = await eventsAfter(this.database.db, parsed.id - 1, { limit: 1 });
        if (rows[0]?.id === parsed.id) this.deliver(rows[0]);
      } else this.deliver(parsed);
    } catch (err) { this.log('bad event notification', err); }
  }

  private deliver(e: StoredEvent) {
    if (e.id > this.lastSeen) this.lastSeen = e.id;
    for (const fn of this.listeners) {
      try { fn(e); } catch (err) { this.log('event subscriber failed', err); }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.listeners.clear();
    if (this.unlistenPglite) await this.unlistenPglite().catch(() => {});
    const c = this.client;
    this.client = null;
    if (c) { c.removeAllListeners('end'); await c.end().catch(() => {}); }
  }
}
