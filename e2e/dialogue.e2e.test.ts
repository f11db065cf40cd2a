/// <reference lib="dom" />
// Dialogue between levels in real Chromium: the Stockholm county board opens a consultation to the
// municipalities of its county with the editor; Sollentuna's case worker drafts and its officer
// signs; Sigtuna answers; the board sees the aggregate with its chart. The pages pass axe in
// English and Arabic. And the good-practice library finds Mechelen's practice.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSession } from './browser.ts';

const { signedIn, settled, expectAccessible, inArabicToo } = browserSession({ serverLog: 'dialogue-server.log' });

describe('a region consults its municipalities', () => {
  const title = `Draft reception plan ${Math.random().toString(36).slice(2, 7)}`;
  let region: Page;
  let url = '';

  beforeAll(async () => { region = await signedIn('coordinator@stockholm-region.localpact.eu'); });

  it('the county board opens a consultation with the editor', async () => {
    await region.locator('nav.app-nav a[href="/dialogue/consultations"]').click();
    await settled(region);
    await region.getByRole('link', { name: 'Open a consultation' }).click();
    await settled(region);
    await expectAccessible(region, 'consultation editor');
    await region.getByLabel('Title').fill(title);
    await region.locator('textarea#purpose').fill('Your view on the draft plan before the county adopts it.');
    const deadline = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    await region.getByLabel('Deadline (end of the day)').fill(deadline);
    expect(await region.getByLabel('Territory code').inputValue()).toBe('SE110');
    await region.locator('input[name=prompt-0]').fill('Can your municipality meet the reception deadline?');
    await region.locator('textarea[name=options-0]').fill('Yes\nPartly\nNo');
    await region.getByRole('button', { name: 'Add a question' }).click();
    await region.locator('select[name=kind-1]').selectOption('scale');
    await region.locator('input[name=prompt-1]').fill('How clear is the distribution key?');
    await region.getByRole('button', { name: 'Add a question' }).click();
    await region.locator('select[name=kind-2]').selectOption('free_text');
    await region.locator('input[name=prompt-2]').fill('What would you need?');
    await region.locator('select[name=showif-2]').selectOption('0');
    await region.locator('select[name=showifeq-2]').selectOption('No');
    await region.getByRole('button', { name: 'Open the consultation' }).click();
    await region.waitForURL((u) => /\/dialogue\/consultations\/[0-9a-f-]{36}$/.test(u.pathname));
    await settled(region);
    url = new URL(region.url()).pathname;
    expect(await region.locator('h1').innerText()).toBe(title);
    expect(await region.locator('main').innerText()).toContain('0 of 3');
  });

  it('Sollentuna drafts with two staff and signs; Sigtuna answers', async () => {
    const caseworker = await signedIn('caseworker@sollentuna.localpact.eu');
    await caseworker.goto(url);
    await settled(caseworker);
    expect(await caseworker.locator('main').innerText()).toContain('Answer of Sollentuna kommun');
    await caseworker.getByLabel('No', { exact: true }).check();
    await caseworker.locator('input[inputmode=decimal]').fill('2');
    await caseworker.getByRole('button', { name: 'Save the draft' }).click();
    await caseworker.getByText('Draft saved (version 1).').waitFor();
    expect(await caseworker.getByRole('button', { name: 'Sign and submit' }).count()).toBe(0);
    await expectAccessible(caseworker, 'answer form');

    const officer = await signedIn('officer@sollentuna.localpact.eu');
    await officer.goto(url);
    await settled(officer);
    expect(await officer.getByLabel('No', { exact: true }).isChecked()).toBe(true);
    await officer.locator('section[aria-labelledby=answer-heading] textarea').fill('Two more social workers and temporary housing.');
    await officer.getByLabel('Who may see this answer').selectOption('public');
    await officer.getByRole('button', { name: 'Sign and submit' }).click();
    await officer.getByText('The answer was signed and submitted.').waitFor();

    const sigtuna = await signedIn('officer@sigtuna.localpact.eu');
    await sigtuna.goto(url);
    await settled(sigtuna);
    await sigtuna.getByLabel('Yes', { exact: true }).check();
    await sigtuna.locator('input[inputmode=decimal]').fill('4');
    // The free-text question follows "No" only.
    expect(await sigtuna.locator('section[aria-labelledby=answer-heading] textarea').count()).toBe(0);
    await sigtuna.getByRole('button', { name: 'Sign and submit' }).click();
    await sigtuna.getByText('The answer was signed and submitted.').waitFor();
  });

  it('the board sees the aggregate, with a chart per question, in English and Arabic', async () => {
    await region.reload();
    await settled(region);
    const main = await region.locator('main').innerText();
    expect(main).toContain('Counting all 2 signed answers');
    const row = async (option: string) => (await region.locator('table.dialogue-bars tbody tr', { has: region.locator(`th:text-is("${option}")`) }).locator('td').first().innerText()).trim();
    expect(await row('Yes')).toBe('1');
    expect(await row('No')).toBe('1');
    expect(await row('Partly')).toBe('0');
    expect(main).toContain('Two more social workers and temporary housing.');
    await expectAccessible(region, 'consultation results');
    await inArabicToo(region, 'consultation results');
  });
});

describe('the good-practice library', () => {
  it('finds Mechelen\'s practice by words and passes axe', async () => {
    const officer = await signedIn('officer@sollentuna.localpact.eu');
    await officer.locator('nav.app-nav a[href="/dialogue/practices"]').click();
    await settled(officer);
    await officer.getByLabel('Words').fill('Mechelen');
    await officer.getByRole('button', { name: 'Search' }).click();
    await officer.getByText('Practices found: 1', { exact: true }).waitFor();
    expect(await officer.locator('main h2').allInnerTexts()).toEqual([expect.stringContaining('Mechelen')]);
    await expectAccessible(officer, 'practice library');
    await officer.locator('nav.app-nav a[href="/dialogue/issues"]').click();
    await settled(officer);
    await expectAccessible(officer, 'issues');
  });
});
