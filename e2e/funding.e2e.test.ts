/// <reference lib="dom" />
// Issue 15 in the browser: Hamburg's officer finds an open AMIF call, records a project with the
// Sprachbrücke NGO as partner, moves it to running, links the language-course steps, and the AMIF
// indicators show the participant whose plan holds such a step, with her CEFR improvement; then
// the 31 July report is exported as CSV without a name. Axe-clean in English and Arabic.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession } from './browser.ts';

const { signedIn, settled, expectAccessible, inArabicToo } = browserSession();
let page: Page;
let projectUrl = '';

describe('an officer runs an AMIF project and reports its indicators', () => {
  it('finds the open AMIF call that fits Hamburg', async () => {
    page = await signedIn('officer@hamburg.localpact.eu');
    await settled(page);
    // The home page's card: the open calls that fit, the soonest deadline first.
    const card = page.locator('section.home-card', { hasText: 'Funding calls open to you' });
    await expect.poll(() => card.locator('.home-figure__value').textContent()).toBe('2');
    expect(await card.locator('.home-list').textContent()).toContain('DEMO-AMIF-');
    await expectAccessible(page, 'home with the funding card');
    await page.locator('nav.app-nav a[href="/funding/calls"]').click();
    await page.waitForURL((u) => u.pathname === '/funding/calls');
    await settled(page);
    const table = page.locator('main table');
    await expect.poll(() => table.textContent()).toContain('AMIF national programme: integration measures');
    // Sweden's ESF+ call is not open to Hamburg.
    expect(await table.textContent()).not.toContain('DEMO-ESF-SE');
    await expectAccessible(page, 'funding calls');
  });

  it('records an application from the call, with the language NGO as partner; the money is computed', async () => {
    await page.getByRole('link', { name: /^Start an application to DEMO-AMIF-DE-/ }).click();
    await page.waitForURL((u) => u.pathname === '/funding/projects');
    await settled(page);
    const form = page.locator('form[aria-labelledby=new-project]');
    await expect.poll(() => form.locator('select[name=callId]').inputValue()).not.toBe('');
    await form.locator('input[name=title]').fill('Sprachbrücke: German for newcomers in Hamburg');
    await form.locator('input[name=acronym]').fill('SPRB');
    // 95 % is above the call's 90 %: refused at the field.
    await form.locator('input[name=cofinancingPercent]').fill('95');
    await form.locator('input[name=staff]').fill('100000');
    await form.locator('input[name=otherDirect]').fill('50000');
    await expect.poll(() => form.locator('select[name=partner] option').count()).toBeGreaterThan(1);
    await form.locator('select[name=partner]').selectOption({ label: 'Sprachbrücke Hamburg e.V. — language courses for newcomers' });
    await form.getByRole('button', { name: 'Create the application' }).click();
    await expect.poll(() => form.locator('input[name=cofinancingPercent]').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'application with a field error');
    await form.locator('input[name=cofinancingPercent]').fill('90');
    await form.getByRole('button', { name: 'Create the application' }).click();
    await page.waitForURL((u) => /^\/funding\/projects\/[0-9a-f-]{36}$/.test(u.pathname));
    await settled(page);
    projectUrl = new URL(page.url()).pathname;
    expect(await page.getByTestId('project-status').textContent()).toBe('Draft');
    // 150,000 direct + 7 % flat rate = 160,500; EU share 90 % = 144,450.
    expect((await page.getByTestId('total').textContent())?.replace(/\D/g, '')).toBe('160500');
    expect((await page.getByTestId('eu-share').textContent())?.replace(/\D/g, '')).toBe('144450');
    expect(await page.locator('main').textContent()).toContain('Sprachbrücke Hamburg e.V.');
    await expectAccessible(page, 'project (draft)');
  });

  it('moves the project to running, one step at a time', async () => {
    for (const [button, status] of [['Submit the application', 'Submitted'], ['Record the grant', 'Granted'], ['Start the project', 'Running']]) {
      await page.getByRole('button', { name: button }).click();
      await expect.poll(() => page.getByTestId('project-status').textContent()).toBe(status);
    }
    expect(await page.getByRole('button', { name: 'Close the project' }).count()).toBe(1);
  });

  it('links the language-course steps delivered by Sprachbrücke', async () => {
    const form = page.locator('form[aria-labelledby=add-activity]');
    await form.locator('select[name=kind]').selectOption('language_course');
    await form.locator('select[name=domain]').selectOption('language');
    await form.locator('select[name=by]').selectOption({ label: 'Sprachbrücke Hamburg e.V. — language courses for newcomers' });
    await form.locator('input[name=languageCode]').fill('de');
    await form.getByRole('button', { name: 'Add the activity' }).click();
    await expect.poll(() => page.locator('main table', { hasText: 'Counts as' }).textContent()).toContain('Language course');
    await expectAccessible(page, 'project (running, with activities)');
  });

  it('shows the participant whose plan holds such a step, and her CEFR improvement', async () => {
    // The record, as a case worker keeps it: Ірина's language course is delivered by Sprachbrücke and
    // finished, and her German is now A2 (she had none when the course began).
    const people = (await (await page.request.get(`/api/people?purpose=${encodeURIComponent('e2e funding')}&q=${encodeURIComponent('Приклад')}`)).json()) as { items: Array<{ id: string; givenName: string }> };
    const iryna = people.items.find((p) => p.givenName === 'Ірина')!;
    const detail = (await (await page.request.get(`/api/people/${iryna.id}?purpose=${encodeURIComponent('e2e funding')}`)).json()) as { version: number; languages: Array<{ code: string; level: string | null }>; steps: Array<{ id: string; domain: string; version: number }> };
    const orgs = (await (await page.request.get('/api/organisations?q=Sprachbr%C3%BCcke')).json()) as { items: Array<{ id: string }> };
    const step = detail.steps.find((s) => s.domain === 'language')!;
    expect((await page.request.patch(`/api/steps/${step.id}`, { data: { version: step.version, status: 'done', responsibleOrganisationId: orgs.items[0].id } })).status()).toBe(200);
    expect((await page.request.patch(`/api/people/${iryna.id}`, { data: { version: detail.version, languages: [...detail.languages, { code: 'de', level: 'A2' }], reason: 'Language certificate A2' } })).status()).toBe(200);

    await page.getByRole('link', { name: 'Indicators computed from the record' }).click();
    await page.waitForURL((u) => u.pathname === `${projectUrl}/indicators`);
    await settled(page);
    await expect.poll(() => page.getByTestId('value-AMIF-SO2-O3.1').textContent()).toBe('1');
    expect(await page.getByTestId('value-AMIF-SO2-O3').textContent()).toBe('1');
    expect(await page.getByTestId('value-AMIF-SO2-R8').textContent()).toBe('1');
    expect(await page.getByTestId('value-AMIF-SO2-O7').textContent()).toBe('1');
    // No name on the report.
    expect(await page.locator('main').textContent()).not.toContain('Ірина');
    await expectAccessible(page, 'indicators');
    await inArabicToo(page, 'indicators');
    await page.locator('.language-switcher select').selectOption('en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
  });

  it('exports the 31 July report as CSV, without a name', async () => {
    const year = new Date().getUTCFullYear();
    await page.locator('select[name=asOf]').selectOption(`${year}-07-31`);
    await settled(page);
    const link = page.getByRole('link', { name: /^Export the report of .* \(CSV\)$/ });
    const href = await link.getAttribute('href');
    expect(href).toContain(`asOf=${year}-07-31`);
    const csv = await page.request.get(href!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const text = await csv.text();
    expect(text).toContain('AMIF-SO2-O3.1');
    expect(text).toContain(`${year}-07-31`);
    for (const name of ['Ірина', 'Приклад', 'Amal', 'Mithal']) expect(text).not.toContain(name);
  });
});
