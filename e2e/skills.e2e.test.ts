/// <reference lib="dom" />
// Issue 14 in the browser: a case worker in Sollentuna builds a welder's skills profile by typing
// (the occupation found as she types proposes its essential skills, she ticks what the person
// confirms), records her Swedish, saves, and sees the vacancy in Sigtuna that fits, with the skill
// she lacks and the course in Sollentuna that teaches it; she starts the recognition of her
// diploma. Axe-clean in English and in Arabic (right to left).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession } from './browser.ts';

const { signedIn, settled, expectAccessible, inArabicToo } = browserSession({ serverLog: 'skills-server.log' });
let page: Page;
let personId: string;

describe('a case worker builds a skills profile and sees matches', () => {
  it('opens the skills profile of a newly registered person who consented to job matching', async () => {
    page = await signedIn('caseworker@sollentuna.localpact.eu');
    const api = page.context().request;
    const reg = await api.post('/api/people', { data: { givenName: 'Halyna', familyName: 'Zvarna', birthDate: '1986-05-12', sex: 'female', nationalities: ['UA'], languages: [] } });
    expect(reg.status(), await reg.text()).toBe(201);
    personId = (await reg.json()).id;
    const consent = await api.post(`/api/people/${personId}/consents`, { data: { purpose: 'job_matching', givenOn: '2026-11-02', how: 'in_writing' } });
    expect(consent.status()).toBeLessThan(300);
    await page.goto(`/people/${personId}`);
    await settled(page);
    await page.getByRole('link', { name: 'Open the skills profile' }).click();
    await page.waitForURL((u) => u.pathname === `/people/${personId}/skills`);
    await settled(page);
    await expect.poll(() => page.locator('main').textContent()).toContain('The person has consented to job matching.');
    await expectAccessible(page, 'empty skills profile');
  });

  it('finds the occupation as she types and confirms the essential skills the person has', async () => {
    const occupation = page.getByRole('combobox', { name: 'Find an occupation' });
    await occupation.fill('weld');
    const option = page.getByRole('option', { name: /^welder · ISCO-08 7212/ });
    await expect.poll(() => option.count()).toBe(1);
    await expectAccessible(page, 'occupation suggestions');
    await option.click();
    const proposal = page.locator('fieldset.skills-proposal');
    await expect.poll(() => proposal.locator('legend').textContent()).toContain('Essential skills of welder');
    for (const skill of ['apply arc welding techniques', 'perform metal inert gas welding', 'wear appropriate protective gear']) await proposal.getByLabel(skill, { exact: true }).check();
    await proposal.getByRole('button', { name: 'Add the ticked skills (3)' }).click();
    await expect.poll(() => page.locator('#skills-h').textContent()).toBe('Skills and knowledge (3)');
    await page.getByLabel('Years as welder').fill('8');

    // A skill by typing in French: ESCO skills are found by their French labels too.
    const skill = page.getByRole('combobox', { name: 'Find a skill' });
    await skill.fill('interpréter plans 2D');
    await expect.poll(() => page.getByRole('option').count()).toBeGreaterThan(0);
    // Chosen with the mouse: Enter on the active option was not taken in this headless run (see the module README).
    await page.getByRole('option', { name: /^interpret 2D plans · found as “interpréter des plans en 2D”/ }).click();
    await expect.poll(() => page.locator('#skills-h').textContent()).toBe('Skills and knowledge (4)');

    await page.getByLabel('Language code (ISO 639)').fill('sv');
    await page.getByLabel('Level (CEFR)').selectOption('A2');
    await page.getByRole('button', { name: 'Add this language' }).click();
    await page.getByRole('button', { name: 'Save the profile' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Profile saved.' }).count()).toBe(1);
    await expectAccessible(page, 'skills profile saved');
  });

  it('sees the vacancy in Sigtuna with its reasons and the course that closes her missing skill', async () => {
    await page.getByRole('button', { name: 'Find matching offers' }).click();
    const best = page.locator('li.skills-match').filter({ hasText: 'Welder, steel structures (MIG/TIG)' });
    await expect.poll(() => best.count()).toBe(1);
    const text = await best.textContent();
    expect(text).toContain('Sigtuna');
    expect(text).toContain('8 years as welder');
    expect(text).toContain('Missing (essential): perform tungsten inert gas welding.');
    expect(text).toContain('Taught by: TIG welding, 8-week course with Swedish for the trade (Sollentuna)');
    await expectAccessible(page, 'matches');
  });

  it('starts the recognition of her diploma before the Swedish ENIC-NARIC centre', async () => {
    await page.getByLabel('Recognition body').selectOption('SE-academic');
    await page.getByLabel('Qualification, as the person names it').fill('Welding technician diploma, Kharkiv');
    await page.getByRole('button', { name: 'Start the recognition' }).click();
    await expect.poll(() => page.locator('.skills-case h3').first().textContent()).toContain('Welding technician diploma, Kharkiv — preparing');
    await expectAccessible(page, 'recognition started');
    await inArabicToo(page, 'skills profile');
  });
});
