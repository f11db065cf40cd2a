/// <reference lib="dom" />
// Issue 11, privacy of the duplicate check in the browser: Sigtuna registers a person whom
// Sollentuna already holds and is told nothing; the national coordinator (Migrationsverket) finds
// the pair on the duplicate reviews page, sees both records, decides "different people", and the
// page is axe-clean in English and in Arabic (RTL).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession } from './browser.ts';

const { signedIn, settled, expectAccessible, inArabicToo } = browserSession();
let page: Page;
let held: { id: string; givenName: string; familyName: string; birthDate: string };

describe('the national authority reviews a duplicate that the registering municipality never saw', () => {
  it('Sigtuna registers a person Sollentuna holds, and the answer says nothing about Sollentuna', async () => {
    const sollentuna = await signedIn('caseworker@sollentuna.localpact.eu');
    const people = await (await sollentuna.request.get('/api/people?purpose=case_management&limit=50')).json();
    held = people.items.find((p: { birthDate: string | null; identityPending: boolean }) => p.birthDate && !p.identityPending);
    const sigtuna = await signedIn('officer@sigtuna.localpact.eu');
    const check = await sigtuna.request.post('/api/people/duplicates', { data: { givenName: held.givenName, familyName: held.familyName, birthDate: held.birthDate } });
    expect(await check.json()).toEqual({ matches: [] });
    const res = await sigtuna.request.post('/api/people', {
      data: { givenName: held.givenName, familyName: held.familyName, birthDate: held.birthDate, sex: 'female', nationalities: ['UA'], languages: [{ code: 'uk', level: 'native' }] },
    });
    expect(res.status()).toBe(201);
    expect(await res.text()).not.toMatch(/Sollentuna/i);
  });

  it('the national coordinator finds the pair on the duplicate reviews page', async () => {
    page = await signedIn('coordinator@migrationsverket.localpact.eu');
    await settled(page);
    await page.locator('nav.app-nav a[href="/duplicate-reviews"]').click();
    await page.waitForURL((u) => u.pathname === '/duplicate-reviews');
    await settled(page);
    const review = page.locator('main section.card').filter({ hasText: 'Sigtuna kommun' }).filter({ hasText: 'Sollentuna kommun' }).first();
    await expect.poll(() => review.count()).toBe(1);
    const text = await review.textContent();
    expect(text).toContain(`${held.givenName} ${held.familyName}`);
    expect(text).toContain(held.birthDate);
    await expectAccessible(page, 'duplicate reviews');
    await inArabicToo(page, 'duplicate reviews');
  });

  it('decides: different people, with a note; the review leaves the open list and shows under its decision', async () => {
    const review = page.locator('main section.card').filter({ hasText: 'Sigtuna kommun' }).filter({ hasText: 'Sollentuna kommun' }).first();
    // A decision is required.
    await review.getByRole('button', { name: 'Record the decision' }).click();
    await expect.poll(() => review.locator('.field__error').textContent()).toContain('Choose a decision');
    await review.getByLabel('Different people').check();
    await review.getByLabel('Note (optional)').fill('Different places of birth on the two passports');
    await review.getByRole('button', { name: 'Record the decision' }).click();
    await expect.poll(() => page.locator('main .alert').first().textContent()).toContain('Decision recorded');
    await settled(page);
    await expect.poll(() => page.locator('main section.card').filter({ hasText: 'Sigtuna kommun' }).count()).toBe(0);
    await page.locator('select[name=reviewStatus]').selectOption('different_people');
    await settled(page);
    const decided = page.locator('main section.card').filter({ hasText: 'Sigtuna kommun' }).first();
    await expect.poll(() => decided.textContent()).toContain('Different places of birth on the two passports');
    await expectAccessible(page, 'decided duplicate reviews');
  });
});
