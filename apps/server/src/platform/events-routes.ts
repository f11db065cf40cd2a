// Live events over Server-Sent Events, and the notification centre, both through the gate
// (eventFor: aggregate-only readers get capacity changes coarsened to NUTS 3 regions, named here).
// See events.ts for how events travel between instances.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ServerResponse } from 'node:http';
import { Type } from 'typebox';
import { sql } from 'kysely';
import { MarkRead, NotificationList, Problem } from '@localpact/contracts';
import { eventFor, eventsAfter, toStoredEvent, type EventBus, type StoredEvent } from './events.ts';
import { reachFilter, type Actor } from './access.ts';
import type { Db, Tx } from './context.ts';
import { withActor } from './context.ts';

/** Heartbeat period (15 s); tests shorten it. */
export const sseSettings = { heartbeatMs: 15_000 };

declare module 'fastify' {
  interface FastifyInstance { events: EventBus }
}

// Names of the NUTS 3 regions that coarsened events carry (a few hundred in the EU): kept once read.
const areaNames = new Map<string, string>();
async function nameAreas(db: Db | Tx, events: StoredEvent[]): Promise<StoredEvent[]> {
  const area = (e: StoredEvent) => (e.payload.area as { code: string; name?: string } | undefined);
  const missing = [...new Set(events.map(area).filter((a) => a && !areaNames.has(a.code)).map((a) => a!.code))];
  if (missing.length) {
    for (const t of await db.selectFrom('territories').select(['code', 'name']).where('code', 'in', missing).execute()) areaNames.set(t.code, t.name);
  }
  return events.map((e) => { const a = area(e); return a ? { ...e, payload: { ...e.payload, area: { code: a.code, name: areaNames.get(a.code) ?? a.code } } } : e; });
}

function frame(e: StoredEvent): string {
  const data = JSON.stringify({ id: e.id, at: e.at, type: e.type, recordId: e.recordId, payload: e.payload });
  return `id: ${e.id}\nevent: ${e.type}\ndata: ${data}\n\n`;
}

/** The notification centre: the events of the actor's reach, with what they have read. */
const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/notifications', {
    schema: {
      tags: ['events'], summary: 'The notification centre: recent events in your reach (not your own actions), unread first counted',
      querystring: Type.Object({
        unreadOnly: Type.Optional(Type.Boolean()),
        limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
      }, { additionalProperties: false }),
      response: { 200: NotificationList, 401: Problem },
    },
  }, async (req) => listNotifications(app.db, req.actor(), req.query));

  app.post('/notifications/read', {
    schema: { tags: ['events'], summary: 'Mark notifications read (ids) or all of them (all: true)', body: MarkRead, response: { 204: Type.Null(), 400: Problem, 401: Problem } },
  }, async (req, reply) => {
    const actor = req.actor();
    await withActor(app.db, actor, async (trx) => {
      if (req.body.all) {
        const max = await trx.selectFrom('events').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst();
        const upTo = Number(max?.m ?? 0);
        await trx.insertInto('notification_cursors').values({ user_id: actor.id, read_up_to: upTo })
          .onConflict((oc) => oc.column('user_id').doUpdateSet({ read_up_to: upTo })).execute();
      }
      const ids = [...new Set(req.body.ids ?? [])];
      if (ids.length) {
        const existing = await trx.selectFrom('events').select('id').where('id', 'in', ids).execute();
        if (existing.length) {
          await trx.insertInto('notification_reads').values(existing.map((e) => ({ user_id: actor.id, event_id: e.id })))
            .onConflict((oc) => oc.doNothing()).execute();
        }
      }
    });
    return reply.code(204).send(null);
  });
};

export const eventRoutes: FastifyPluginAsyncTypebox = async (app, opts) => {
  const open = new Set<ServerResponse>();
  // Close the streams first, or the HTTP server would wait for them forever.
  app.addHook('preClose', async () => { for (const res of open) res.end(); open.clear(); });

  app.get('/events/stream', {
    schema: {
      tags: ['events'],
      summary: 'Live events in your reach (text/event-stream); send Last-Event-ID (header, or lastEventId) to resume',
      querystring: Type.Object({ lastEventId: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'Resume after this event id (as the Last-Event-ID header does)' })) }, { additionalProperties: false }),
      // Documentation: the stream is written to the socket itself, never serialised by Fastify.
      produces: ['text/event-stream'],
      response: { 200: Type.String({ description: 'Server-Sent Events: "id", "event" (the event type) and "data" (JSON) per event; a comment line every 15 s keeps the connection open' }), 401: Problem },
    },
  }, async (req, reply) => {
    const actor = req.actor();
    const header = req.headers['last-event-id'];
    const fromHeader = typeof header === 'string' && /^\d{1,15}$/.test(header) ? Number(header) : undefined;
    const resumeFrom = fromHeader ?? req.query.lastEventId;
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive',
      'x-accel-buffering': 'no', 'x-content-type-options': 'nosniff',
    });
    res.write('retry: 2000\n\n');
    open.add(res);
    const sent = new Set<number>();
    const remember = (id: number) => { sent.add(id); if (sent.size > 2000) sent.delete(sent.values().next().value!); };
    let buffering: StoredEvent[] | null = resumeFrom !== undefined ? [] : null;
    // Frames leave in order: naming a coarsened event's region may wait on the database.
    let queue = Promise.resolve();
    const send = (e: StoredEvent) => {
      if (sent.has(e.id)) return;
      const view = eventFor(actor, e);
      if (!view) return;
      remember(e.id);
      queue = queue.then(async () => { const [named] = await nameAreas(app.db, [view]); if (!res.writableEnded) res.write(frame(named)); })
        .catch((err) => req.log.warn({ err }, 'event frame failed'));
    };
    const unsubscribe = app.events.subscribe((e) => { if (buffering) buffering.push(e); else send(e); });
    // Each heartbeat also re-checks the session (without sliding its expiry): the stream of a user
    // who signed out, expired or was disabled ends, and EventSource's reconnect then gets a 401.
    const token = req.sessionToken;
    const heartbeat = setInterval(() => {
      res.write(`: heartbeat ${Date.now()}\n\n`);
      if (!token) return;
      app.sessions.isAlive(app.db, token).then((alive) => { if (!alive) res.end(); }, () => {});
    }, sseSettings.heartbeatMs);
    const close = () => { clearInterval(heartbeat); unsubscribe(); open.delete(res); };
    req.raw.on('close', close);
    res.on('close', close);
    res.on('error', close);
    if (resumeFrom !== undefined) {
      try {
        // Subscribed first, replayed second, then the buffer: nothing falls between the two.
        for (const e of await eventsAfter(app.db, resumeFrom, { limit: 5000, recentSeconds: 5 })) send(e);
      } catch (err) { req.log.error({ err }, 'event replay failed'); }
      const pending = buffering ?? [];
      buffering = null;
      for (const e of pending) send(e);
    }
  });
  await notificationRoutes(app, opts);
};

/** 30 days back at most; the gate's SQL predicate on both owners, then the exact decision in code. */
export async function listNotifications(db: Parameters<typeof withActor>[0], actor: Actor, q: { unreadOnly?: boolean; limit: number }) {
  return withActor(db, actor, async (trx) => {
    const cursor = await trx.selectFrom('notification_cursors').select('read_up_to').where('user_id', '=', actor.id).executeTakeFirst();
    const upTo = Number(cursor?.read_up_to ?? 0);
    const rows = await trx.selectFrom('events as e')
      .leftJoin('notification_reads as r', (j) => j.onRef('r.event_id', '=', 'e.id').on('r.user_id', '=', actor.id))
      .selectAll('e').select(sql<boolean>`(r.event_id is not null or e.id <= ${upTo})`.as('read'))
      .where('e.at', '>', sql<Date>`now() - interval '30 days'`)
      .where((eb) => eb.or([eb('e.actor_id', 'is', null), eb('e.actor_id', '!=', actor.id)]))
      .where((eb) => eb.or([
        reachFilter(actor, 'shared', 'e.organisation_id', 'e.territory_path'),
        reachFilter(actor, 'shared', 'e.other_organisation_id', 'e.other_territory_path'),
        ...(actor.rights.includes('aggregates.read') ? [eb.and([eb('e.type', 'like', 'capacity.%'), eb('e.territory_path', 'like', actor.territoryPath.replace(/[\\%_]/g, (c) => '\\' + c) + '%')])] : []),
      ]))
      .orderBy('e.id', 'desc').limit(500).execute();
    const views = rows.map((r) => ({ e: eventFor(actor, toStoredEvent(r as never)), read: !!r.read })).filter((x): x is { e: StoredEvent; read: boolean } => x.e !== null);
    const named = await nameAreas(trx, views.map((x) => x.e));
    const visible = views.map((x, i) => ({ e: named[i], read: x.read }));
    const unread = visible.filter((x) => !x.read).length;
    const items = visible.filter((x) => !q.unreadOnly || !x.read).slice(0, q.limit)
      .map((x) => ({ id: x.e.id, at: x.e.at, type: x.e.type, recordId: x.e.recordId, payload: x.e.payload, read: x.read }));
    return { items, unread };
  });
}
