/// <reference lib="dom" />
// Issue 17's scenario in real Chromium against the real server: the March 2027 cohort of Hamburg
// (temporary protection ends on the status table's date, 4 March 2027). The officer filters those
// employed, previews and applies a "work permit application" step to 40 of them with one reason; a
// case worker records two grants; the transition progress changes accordingly. In English and in
// Ukrainian; every page is scanned with axe.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSession } from './browser.ts';

const { signedIn, settled, expectAccessible } = browserSession({ serverLog: 'transition-server.log' });

let officer: Page;
let caseWorker: Page;
const employed: string[] = [];

async function api(page: Page, method: 'POST' | 'PATCH' | 'GET', url: string, data?: unknown) {
  const r = await page.request.fetch(url, { method, data, headers: { 'content-type': 'application/json' } });
  if (!r.ok()) throw new Error(`${method} ${url}: ${r.status()} ${await r.text()}`);
  return r.json();
}

/** The figure of one state on the progress page. */
const figure = async (page: Page, state: string) => Number(await page.locator(`[data-testid=progress-${state}]`).textContent());

async function showProgress(page: Page) {
  await page.goto('/transition/progress');
  await settled(page);
  await page.locator('input[name=from]').fill('2027-03-01');
  await page.locator('input[name=to]').fill('2027-03-31');
  await page.locator('form[aria-label] button[type=submit]').click();
  await settled(page);
  await page.waitForSelector('[data-testid=progress-granted]');
}

describe('the March 2027 cohort of Hamburg', () => {
  beforeAll(async () => {
    officer = await signedIn('officer@hamburg.localpact.eu');
    caseWorker = await signedIn('caseworker@hamburg.localpact.eu');
    // 45 employed adults and 5 without work, all under temporary protection (the type's end date).
    for (let n = 0; n < 50; n++) {
      const p = await api(caseWorker, 'POST', '/api/people', {
        givenName: `Olena${n}`, familyName: 'Perekhid', birthDate: `19${60 + (n % 40)}-0${1 + (n % 9)}-1${n % 10}`, sex: 'female', nationalities: ['UA'],
        preferredLocale: 'uk', languages: [{ code: 'uk', level: 'native' }], confirmNotDuplicate: true, status: { typeCode: 'temporary_protection', validFrom: '2022-05-01' },
      });
      if (n < 45) {
        const s = await api(caseWorker, 'POST', `/api/people/${p.id}/steps`, { domain: 'employment_training', title: 'Employed as a nurse' });
        await api(caseWorker, 'PATCH', `/api/steps/${s.id}`, { version: s.version, status: 'done' });
        employed.push(p.id);
      }
    }
  }, 240_000);

  it('shows the cohort, filters those employed, previews and applies a work-permit step to 40 people with one reason', async () => {
    const page = officer;
    await page.locator('nav.app-nav a[href="/transition"]').click();
    await page.waitForURL((u) => u.pathname === '/transition');
    await settled(page);
    await expectAccessible(page, 'transition cohort');
    await page.locator('select[name=employed]').selectOption('yes');
    await page.locator('form[aria-label] button[type=submit]').first().click();
    await settled(page);
    await expect.poll(() => page.locator('p[role=status]').first().textContent()).toMatch(/^4[5-9] people|^\d{2,} people/);
    const boxes = page.locator('table input[type=checkbox]');
    expect(await boxes.count()).toBeGreaterThanOrEqual(45);
    for (let i = 0; i < 40; i++) await boxes.nth(i).check();
    await expect.poll(() => page.getByText('40 selected').count()).toBe(1);
    const form = page.locator('section[aria-labelledby=bulk-title]');
    await form.locator('input[name=title]').fill('Work permit application (§ 18a AufenthG)');
    await form.locator('input[name=dueOn]').fill('2027-02-01');
    await form.locator('input[name=reason]').fill('Temporary protection ends on 4 March 2027');
    await form.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => form.locator('p[role=status]').textContent()).toContain('40 will get the step; 0 are left out');
    await expectAccessible(page, 'bulk preview');
    await form.getByRole('button', { name: 'Add the step to 40 plans' }).click();
    await expect.poll(() => form.locator('.alert--success').textContent()).toContain('Step added to 40 plans');
    const actions = await api(page, 'GET', '/api/transition/bulk-steps');
    expect(actions.items[0]).toMatchObject({ affected: 40, reason: 'Temporary protection ends on 4 March 2027' });
  });

  it('changes the progress when a case worker records two grants', async () => {
    await showProgress(officer);
    const before = { granted: await figure(officer, 'granted'), pending: await figure(officer, 'pending') };
    expect(before.pending).toBeGreaterThanOrEqual(40);
    await expectAccessible(officer, 'transition progress');
    // Two of those who got the step are granted a residence permit for employment.
    const actionPeople = (await api(officer, 'GET', '/api/transition/cohort?purpose=e2e&from=2027-03-01&to=2027-03-31&employed=true&limit=500')).items
      .filter((m: { personId: string; state: string }) => employed.includes(m.personId) && m.state === 'pending').slice(0, 2);
    expect(actionPeople).toHaveLength(2);
    for (const m of actionPeople) await api(caseWorker, 'POST', `/api/people/${m.personId}/statuses`, { typeCode: 'other_permit', validFrom: '2027-02-20', note: '§ 18a AufenthG' });
    await showProgress(officer);
    expect(await figure(officer, 'granted')).toBe(before.granted + 2);
    expect(await figure(officer, 'pending')).toBe(before.pending - 2);
  });

  it('reads the same in Ukrainian', async () => {
    const page = officer;
    await page.locator('.language-switcher select').selectOption('uk');
    await page.waitForFunction(() => document.documentElement.lang === 'uk');
    await settled(page);
    expect(await page.locator('h1').textContent()).toBe('Перебіг переходу');
    expect(await page.locator('[data-state=granted]').textContent()).toContain('Надано');
    await expectAccessible(page, 'transition progress');
    await page.goto('/transition');
    await settled(page);
    expect(await page.locator('h1').textContent()).toBe('Перехід із тимчасового захисту');
    await expectAccessible(page, 'transition cohort');
    await page.locator('.language-switcher select').selectOption('en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
  });
});
