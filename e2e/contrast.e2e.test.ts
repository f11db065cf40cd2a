/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Every control visible and usable in every state, on every page of every demo role, in English and
// Arabic: the computed-contrast check of e2e/contrast.ts (independent of axe) over the pages each
// role's navigation offers, plus one detail page behind each list (a person, a notice, an
// organisation, a placement run, a municipality's capacity).
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSession, DEMO_PASSWORD } from './browser.ts';
import { contrastProblems, formatProblems } from './contrast.ts';

const { newPage, signedIn, settled, server } = browserSession({ serverLog: 'e2e-contrast-server.log' });

/** A signed-in API client (the session cookie of one demo account). */
async function api(email: string) {
  const base = server().baseUrl;
  const res = await fetch(`${base}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
  if (!res.ok) throw new Error(`sign-in ${email}: ${res.status}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const me = (await res.json()) as { organisation: { id: string } };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${base}/api${path}`, { method, headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
  return { me, call };
}

/**
 * The demo data has no consents, notices or notifications; the controls that act on them (Withdraw
 * consent, Mark as read, Accept a notice…) appear only once there are some, as in daily use.
 */
let consentPerson = '';
beforeAll(async () => {
  const officer = await api('officer@sollentuna.localpact.eu');
  const caseWorker = await api('caseworker@sollentuna.localpact.eu');
  const people = await caseWorker.call<{ items: { id: string }[] }>('GET', '/people?purpose=case_management&limit=1');
  consentPerson = `/people/${people.items[0].id}`;
  await caseWorker.call('POST', `/people/${people.items[0].id}/consents`, { purpose: 'contact', givenOn: new Date().toISOString().slice(0, 10), how: 'in_writing' });
  const region = await api('coordinator@stockholm-region.localpact.eu');
  const expectedAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
  await region.call('POST', '/reception/notices', { targetOrganisationId: officer.me.organisation.id, procedure: 'temporary_protection', expectedAt, deadlineHours: 72, households: 2, persons: 5 });
  const national = await api('coordinator@migrationsverket.localpact.eu');
  await national.call('POST', '/placement/runs', { territoryCode: 'SE110', distributionKey: 'population', timeLimitSeconds: 5 });
}, 240_000);

/** The demo accounts, one per role (README). */
const ROLES: [string, string][] = [
  ['platform administrator', 'admin@localpact.eu'],
  ['data-protection officer', 'dpo@localpact.eu'],
  ['EU observer', 'observer@ec.localpact.eu'],
  ['national coordinator', 'coordinator@migrationsverket.localpact.eu'],
  ['regional coordinator', 'coordinator@stockholm-region.localpact.eu'],
  ['municipal officer', 'officer@sollentuna.localpact.eu'],
  ['case worker', 'caseworker@sollentuna.localpact.eu'],
  ['partner', 'partner@redcross-sollentuna.localpact.eu'],
];

/** Detail pages reached from list pages: the first link of each kind. */
const DETAILS: RegExp[] = [
  /^\/people\/[0-9a-f-]{36}$/,
  /^\/reception\/notices\/[0-9a-f-]{36}$/,
  /^\/organisations\/[0-9a-f-]{36}$/,
  /^\/placement\/runs\/[0-9a-f-]{36}$/,
  /^\/reception\/capacity\/[0-9a-f-]{36}$/,
];

async function visit(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await settled(page);
}

async function hrefs(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((s) => [...document.querySelectorAll<HTMLAnchorElement>(s)].map((a) => new URL(a.href).pathname + new URL(a.href).search), selector);
}

/** The role's pages: its navigation, then one detail page of each kind found on them. */
async function pagesOf(page: Page): Promise<string[]> {
  const nav = [...new Set(await hrefs(page, 'nav.app-nav a[href]'))];
  const details: string[] = [];
  for (const path of nav) {
    if (DETAILS.every((d) => details.some((x) => d.test(x)))) break;
    await visit(page, path);
    for (const h of await hrefs(page, 'main a[href]')) {
      const kind = DETAILS.find((d) => d.test(h));
      if (kind && !details.some((x) => kind.test(x))) details.push(h);
    }
  }
  // The person page shown is the one with a consent (its Withdraw button).
  return [...nav, ...details.map((d) => (DETAILS[0].test(d) ? consentPerson : d))];
}

async function switchLanguage(page: Page, code: string): Promise<void> {
  await page.locator('.language-switcher select').selectOption(code);
  await page.waitForFunction((c) => document.documentElement.lang === c, code);
  await settled(page);
}

async function checkAll(page: Page, label: string, pages: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const path of pages) {
    await visit(page, path);
    const lang = await page.evaluate(() => document.documentElement.lang);
    out.push(...formatProblems(`${label} ${path} [${lang}]`, await contrastProblems(page)));
  }
  return out;
}

describe('every control is visible in every state (computed contrast, independent of axe)', () => {
  it('on the sign-in page, in English and Arabic', async () => {
    const page = await newPage();
    await visit(page, '/sign-in');
    const problems = formatProblems('sign-in [en]', await contrastProblems(page));
    await switchLanguage(page, 'ar');
    problems.push(...formatProblems('sign-in [ar]', await contrastProblems(page)));
    await page.context().close();
    expect(problems).toEqual([]);
  });

  for (const [role, email] of ROLES) {
    it(`on every page of the ${role}, in English and Arabic`, async () => {
      const page = await signedIn(email);
      const pages = await pagesOf(page);
      expect(pages.length).toBeGreaterThan(2);
      const problems = await checkAll(page, role, pages);
      await switchLanguage(page, 'ar');
      problems.push(...(await checkAll(page, role, pages)));
      await switchLanguage(page, 'en');
      await page.context().close();
      console.log(`${role}: ${pages.length} pages checked in en and ar: ${pages.join(' ')}`);
      expect(problems).toEqual([]);
    }, 600_000);
  }
});
