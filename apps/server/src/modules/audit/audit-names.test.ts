// Issue 12: the audit log in words — who acted by name and for which organisation, not only ids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); }, 120_000);
afterAll(async () => { await t?.close(); });

describe('GET /audit', () => {
  it('names the account and the organisation of each entry', async () => {
    const cw = await t.signIn('caseworker@sollentuna.localpact.eu');
    expect((await t.request({ url: '/api/people?purpose=case_management&limit=5', cookie: cw })).statusCode).toBe(200);
    const me = (await t.request({ url: '/api/me', cookie: cw })).json();
    const dpo = await t.signIn('dpo@localpact.eu');
    const res = await t.request({ url: '/api/audit?actor=caseworker%40sollentuna&action=person.list', cookie: dpo });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ actorName: string | null; organisationName: string | null; organisationId: string }>;
    expect(items.length).toBeGreaterThan(0);
    for (const e of items) expect(e).toMatchObject({ actorName: me.displayName, organisationName: me.organisation.name, organisationId: me.organisation.id });
  });
});
