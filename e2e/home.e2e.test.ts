/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Issue 12: each role's home page says what needs them today. The figures on the cards are the
// API's (checked against the same endpoints the linked pages use), each figure links to its page,
// and every home page passes axe and the computed-contrast check, in English and Arabic.
// Screenshots go to test-results/home-<role>-<lang>.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSession, DEMO_PASSWORD } from './browser.ts';
import { contrastProblems, formatProblems } from './contrast.ts';
import { ROOT } from './harness.ts';

const { signedIn, settled, expectAccessible, server } = browserSession({ serverLog: 'e2e-home-server.log' });

async function api(email: string) {
  const base = server().baseUrl;
  const res = await fetch(`${base}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
  if (!res.ok) throw new Error(`sign-in ${email}: ${res.status}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const me = (await res.json()) as { organisation: { id: string; territory: { code: string } } };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${base}/api${path}`, { method, headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
  return { me, call };
}

/** A card by its heading: its figures (number and words) and the links of its lists. */
async function card(page: Page, heading: RegExp | string) {
  const section = page.locator('section.home-card', { has: page.getByRole('heading', { level: 2, name: heading }) });
  await expect.poll(() => section.count()).toBe(1);
  const figures = await section.locator('.home-figure').evaluateAll((els) => els.map((e) => ({
    value: Number(e.querySelector('.home-figure__value')?.textContent?.trim()),
    label: e.querySelector('.home-figure__label')?.textContent?.trim() ?? '',
    href: e.querySelector('a')?.getAttribute('href') ?? null,
  })));
  const links = await section.locator('.home-list a').evaluateAll((els) => els.map((e) => ({ text: e.textContent ?? '', href: e.getAttribute('href') ?? '' })));
  return { figures, links };
}

async function inBothLanguages(page: Page, label: string): Promise<string[]> {
  await settled(page);
  await expectAccessible(page, label);
  const problems = formatProblems(`${label} [en]`, await contrastProblems(page));
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  await page.screenshot({ path: join(ROOT, 'test-results', `home-${label}-en.png`), fullPage: true });
  await page.locator('.language-switcher select').selectOption('ar');
  await page.waitForFunction(() => document.documentElement.lang === 'ar' && document.documentElement.dir === 'rtl');
  await settled(page);
  await expectAccessible(page, `${label} (ar)`);
  problems.push(...formatProblems(`${label} [ar]`, await contrastProblems(page)));
  // Words, not keys: no text on the cards looks like a translation key.
  const keys = await page.locator('.home-card').evaluateAll((els) => els.flatMap((e) => (e.textContent ?? '').match(/\b(homeCards|charts|home)\.[\w.]+/g) ?? []));
  expect(keys).toEqual([]);
  await page.screenshot({ path: join(ROOT, 'test-results', `home-${label}-ar.png`), fullPage: true });
  await page.locator('.language-switcher select').selectOption('en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  return problems;
}

let referredPerson = '';
let referredName = { givenName: '', familyName: '' };
let noticeId = '';
beforeAll(async () => {
  // A referral the partner answered, and a notice awaiting Sollentuna's answer: both must show.
  const cw = await api('caseworker@sollentuna.localpact.eu');
  const partner = await api('partner@redcross-sollentuna.localpact.eu');
  const people = await cw.call<{ items: { id: string; identityPending: boolean }[] }>('GET', '/people?purpose=case_management&limit=50');
  const named = people.items.find((p) => !p.identityPending)! as { id: string; givenName?: string; familyName?: string };
  referredPerson = named.id;
  referredName = { givenName: named.givenName ?? '', familyName: named.familyName ?? '' };
  await cw.call('POST', `/people/${referredPerson}/consents`, { purpose: 'share_with_partner', partnerOrganisationId: partner.me.organisation.id, givenOn: new Date().toISOString().slice(0, 10), how: 'in_writing' });
  const ref = await cw.call<{ id: string; version: number }>('POST', `/people/${referredPerson}/referrals`, { partnerOrganisationId: partner.me.organisation.id, shares: ['name'] });
  await partner.call('PATCH', `/referrals/${ref.id}`, { version: ref.version, status: 'accepted' });
  const officer = await api('officer@sollentuna.localpact.eu');
  const region = await api('coordinator@stockholm-region.localpact.eu');
  const n = await region.call<{ id: string }>('POST', '/reception/notices', { targetOrganisationId: officer.me.organisation.id, procedure: 'temporary_protection', expectedAt: new Date(Date.now() + 5 * 86_400_000).toISOString(), deadlineHours: 72, households: 1, persons: 3 });
  noticeId = n.id;
}, 240_000);

describe('the home page of each role says what needs them today', () => {
  it('case worker: overdue steps, statuses ending, new arrivals, referrals answered — as the API counts them', async () => {
    const { call } = await api('caseworker@sollentuna.localpact.eu');
    const work = await call<{ counts: Record<string, number> }>('GET', '/worklist?purpose=case_management&limit=1');
    const today = await call<{ newArrivals: number; referralsAnswered: { personId: string }[] }>('GET', '/pathways/today?purpose=case_management');
    const page = await signedIn('caseworker@sollentuna.localpact.eu');
    await settled(page);
    const c = await card(page, 'Your cases today');
    expect(c.figures.map((f) => [f.value, f.href])).toEqual([
      [work.counts.overdue_step, '/worklist?kind=overdue_step'],
      [work.counts.status_ending, '/worklist?kind=status_ending'],
      [today.newArrivals, '/people'],
      [today.referralsAnswered.length, null],
    ]);
    expect(today.referralsAnswered.some((r) => r.personId === referredPerson)).toBe(true);
    expect(c.links.map((l) => l.href)).toContain(`/people/${referredPerson}`);
    // The territory table is no longer the home page.
    expect(await page.locator('main table').count()).toBe(0);
    const problems = await inBothLanguages(page, 'case-worker');
    // A figure leads to its page, filtered.
    await page.locator('.home-figure a[href="/worklist?kind=status_ending"]').click();
    await settled(page);
    expect(await page.locator('main select').first().inputValue()).toBe('status_ending');
    expect(problems).toEqual([]);
  }, 300_000);

  it('municipal officer: notices awaiting an answer with their deadline, capacity nearly full or stale', async () => {
    const { me, call } = await api('officer@sollentuna.localpact.eu');
    const work = await call<{ awaiting: { id: string }[]; overdue: unknown[] }>('GET', '/reception/worklist');
    const cap = await call<{ items: { total: number; free: number; version: number }[] }>('GET', `/reception/capacity/${me.organisation.id}`);
    const page = await signedIn('officer@sollentuna.localpact.eu');
    await settled(page);
    const notices = await card(page, 'Arrival notices');
    expect(notices.figures.map((f) => f.value)).toEqual([work.awaiting.length, work.overdue.length]);
    expect(work.awaiting.length).toBeGreaterThan(0);
    expect(notices.links.map((l) => l.href)).toContain(`/reception/notices/${noticeId}`);
    const capacity = await card(page, 'Your capacity');
    expect(capacity.figures[0].value).toBe(cap.items.filter((d) => d.total > 0 && (d.total - d.free) / d.total >= 0.9).length);
    expect(capacity.figures[2].value).toBe(cap.items.filter((d) => d.version === 0).length);
    expect(await page.getByRole('heading', { level: 2, name: 'Your cases today' }).count()).toBe(1);
    expect(await inBothLanguages(page, 'municipal-officer')).toEqual([]);
  }, 300_000);

  it('national coordinator: pending households, proposals to approve, municipalities near full', async () => {
    const { me, call } = await api('coordinator@migrationsverket.localpact.eu');
    const pending = await call<{ items: { size: number }[] }>('GET', '/placement/households?status=pending&limit=1000');
    const runs = await call<{ items: { status: string }[] }>('GET', '/placement/runs?limit=50');
    const points = await call<{ items: { organisationId: string | null; total: number; free: number }[] }>('GET', `/reception/map?territory=${me.organisation.territory.code}&resource=emergency_beds`);
    const page = await signedIn('coordinator@migrationsverket.localpact.eu');
    await settled(page);
    const placement = await card(page, 'Placement');
    expect(placement.figures.map((f) => f.value)).toEqual([pending.items.length, runs.items.filter((r) => r.status === 'proposed').length]);
    expect(placement.figures[0].label).toContain(String(pending.items.reduce((n, h) => n + h.size, 0)));
    const near = await card(page, /Municipalities near full/);
    expect(near.figures[0].value).toBe(points.items.filter((p) => p.organisationId && p.total > 0 && (p.total - p.free) / p.total >= 0.9).length);
    expect(near.figures[0].label).toContain(`of ${points.items.length}`);
    expect(await inBothLanguages(page, 'national-coordinator')).toEqual([]);
  }, 300_000);

  it('EU observer: the picture by country with its trend over eight weeks', async () => {
    const { call } = await api('observer@ec.localpact.eu');
    const eu = await call<{ children: { code: string; name: string; resources: { resource: string; total: number }[] }[] }>('GET', '/reception/rollup?territory=EU');
    const countries = eu.children.filter((c) => c.resources.some((r) => r.resource === 'emergency_beds' && r.total > 0));
    const page = await signedIn('observer@ec.localpact.eu');
    await settled(page);
    await card(page, /by country/);
    const rows = await page.locator('.home-card table tbody tr th a').evaluateAll((els) => els.map((e) => new URL((e as HTMLAnchorElement).href).searchParams.get('territory')));
    expect(rows.sort()).toEqual(countries.map((c) => c.code).sort());
    // Country names in the reader's language (Intl.DisplayNames), not the codes.
    expect(await page.locator('.home-card table tbody tr th a').allTextContents()).not.toContain('DE');
    expect(await page.locator('.home-card svg[role=img] circle').count()).toBeGreaterThan(1);
    expect(await inBothLanguages(page, 'eu-observer')).toEqual([]);
  }, 300_000);

  it('data-protection officer: emergency accesses to review, the way to subject requests', async () => {
    const page = await signedIn('dpo@localpact.eu');
    await settled(page);
    const dpo = await card(page, 'Data protection');
    const { call } = await api('dpo@localpact.eu');
    const glass = await call<{ items: { at: string }[] }>('GET', '/break-glass?limit=100');
    expect(dpo.figures[0].value).toBe(glass.items.filter((e) => Date.now() - new Date(e.at).getTime() <= 30 * 86_400_000).length);
    expect(dpo.figures[0].href).toBe('/subject-requests#dpo-glass');
    expect(await inBothLanguages(page, 'dpo')).toEqual([]);
  }, 300_000);

  it('partner: referrals waiting for an answer', async () => {
    const { call } = await api('partner@redcross-sollentuna.localpact.eu');
    const incoming = await call<{ items: { status: string }[] }>('GET', '/referrals?purpose=referral_follow_up');
    const page = await signedIn('partner@redcross-sollentuna.localpact.eu');
    await settled(page);
    const c = await card(page, 'Referrals to your organisation');
    expect(c.figures.map((f) => f.value)).toEqual([incoming.items.filter((r) => r.status === 'sent').length, incoming.items.filter((r) => r.status !== 'sent').length]);
    expect(await inBothLanguages(page, 'partner')).toEqual([]);
  }, 300_000);

  it('data-protection officer: finds a person by name and opens their audit entries; the search is audited', async () => {
    const page = await signedIn('dpo@localpact.eu');
    await page.goto('/subject-requests');
    await settled(page);
    await page.locator('input[name=dpoName]').fill(referredName.familyName);
    await page.locator('input[name=dpoReference]').fill('SR-2026-0412');
    await page.locator('form[role=search] button[type=submit]').click();
    const link = page.locator(`a[href="/audit?q=${referredPerson}"]`);
    await link.waitFor();
    await link.click();
    await settled(page);
    // Every row is about that person, and says who acted by name and organisation.
    const rows = await page.locator('main table tbody tr').count();
    expect(rows).toBeGreaterThan(0);
    expect(await page.locator('main table tbody').textContent()).toContain(referredPerson);
    expect(await page.locator('main table tbody').textContent()).toContain('Sollentuna kommun');
    await expectAccessible(page, 'audit entries of a person');
    const { call } = await api('dpo@localpact.eu');
    const searches = await call<{ items: { purpose: string | null; actorName?: string | null }[] }>('GET', '/audit?action=person.subject_request_search&limit=20');
    expect(searches.items.some((e) => e.purpose === 'SR-2026-0412')).toBe(true);
  }, 300_000);
});
