/// <reference lib="dom" />
// Issue 11 in real Chromium — capacity a municipality can trust: Sollentuna's officer downloads the
// capacity template (it carries today's figures), changes one resource, uploads it, sees the
// preview (one change, nine unchanged), confirms, and finds the other nine as they were. The
// national coordinator approves a placement into Sollentuna and the officer's free places drop at
// once (on the page, live, and through the API). The officer accepts the households and marks the
// arrival: the people appear in the People list as new arrivals. Every page passes axe, in English
// and in Arabic.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSession } from './browser.ts';

const { signedIn, settled, expectAccessible, inArabicToo } = browserSession({ serverLog: 'trust-capacity.log' });

type Item = { resource: string; total: number; occupied: number; reserved: number; free: number; version: number };

describe('capacity a municipality can trust', () => {
  let officer: Page;
  let national: Page;
  let sollentuna = '';
  const capacity = async (page: Page): Promise<Item[]> => (await (await page.request.get(`/api/reception/capacity/${sollentuna}`)).json()).items;
  const free = async (page: Page, resource: string) => Number(await page.locator(`[data-testid="free-${resource}"]`).innerText());

  beforeAll(async () => {
    officer = await signedIn('officer@sollentuna.localpact.eu');
    national = await signedIn('coordinator@migrationsverket.localpact.eu');
    const me = await (await officer.request.get('/api/me')).json() as { organisation: { id: string } };
    sollentuna = me.organisation.id;
  });

  it('downloads the template with today\'s figures, changes one resource, previews and confirms; the other nine stay as they were', async () => {
    await officer.locator('nav.app-nav a[href="/reception/capacity"]').click();
    await settled(officer);
    const before = await capacity(officer);
    const [download] = await Promise.all([officer.waitForEvent('download'), officer.getByRole('link', { name: 'Download the template with the current figures' }).click()]);
    const template = readFileSync((await download.path())!, 'utf8');
    const seats = before.find((i) => i.resource === 'language_course_seats')!;
    const line = `language_course_seats,${seats.total},${seats.occupied},${seats.reserved}`;
    expect(template.split('\n')).toContain(line);
    expect(template.split('\n').filter((l) => /^[a-z_]+,\d+,\d+,\d+$/.test(l))).toHaveLength(10);
    const edited = template.replace(line, `language_course_seats,${seats.total + 7},${seats.occupied},${seats.reserved}`);

    await officer.locator('#csv-file').setInputFiles({ name: 'capacity.csv', mimeType: 'text/csv', buffer: Buffer.from(edited) });
    await officer.getByRole('button', { name: 'Preview the changes' }).click();
    const preview = officer.locator('[data-testid="csv-preview"]');
    await preview.waitFor();
    expect(await preview.locator('caption').innerText()).toBe('What the file changes, row by row (changes: 1)');
    expect(await preview.locator('tbody tr').count()).toBe(10);
    expect(await officer.locator('[data-testid="csv-status-language_course_seats"]').innerText()).toBe('Changed');
    expect(await preview.locator('[data-testid^="csv-status-"]', { hasText: /^Unchanged$/ }).count()).toBe(9);
    const row = preview.locator('tbody tr', { has: officer.locator('[data-testid="csv-status-language_course_seats"]') });
    expect(await row.locator('td').first().innerText()).toContain(`${seats.total} → ${seats.total + 7}`);
    // Nothing is saved by the preview.
    expect(await capacity(officer)).toEqual(before);
    await expectAccessible(officer, 'capacity upload preview');
    await inArabicToo(officer, 'capacity upload preview');

    await officer.getByRole('button', { name: 'Save the changes (1)' }).click();
    await officer.locator('.alert', { hasText: 'Resources updated from the file: 1.' }).waitFor();
    await officer.waitForFunction((expected) => document.querySelector('[data-testid="free-language_course_seats"]')?.textContent === String(expected), seats.free + 7);
    const after = await capacity(officer);
    for (const i of after) {
      if (i.resource === 'language_course_seats') expect(i).toMatchObject({ total: seats.total + 7, occupied: seats.occupied, reserved: seats.reserved });
      else expect(i).toEqual(before.find((b) => b.resource === i.resource));
    }
    await expectAccessible(officer, 'capacity after the upload');
  });

  it('a coordinator approves a placement into Sollentuna and its free places drop at once', async () => {
    const ids: string[] = [];
    for (const [reference, ages] of [['SE-E2E-0001', [41, 39, 19]], ['SE-E2E-0002', [33, 30]]] as const) {
      const r = await national.request.post('/api/placement/households', { data: { reference, ages, languages: ['uk'], procedure: 'temporary_protection' } });
      expect(r.status()).toBe(201);
      ids.push((await r.json()).id);
    }
    const created = await national.request.post('/api/placement/runs', { data: { territoryCode: 'SE_0163', distributionKey: 'population', householdIds: ids, timeLimitSeconds: 5 } });
    expect(created.status()).toBe(201);
    const run = await created.json() as { id: string; assignments: Array<{ municipality: { id: string } | null }> };
    expect(run.assignments.every((a) => a.municipality?.id === sollentuna)).toBe(true);

    const housingBefore = (await capacity(officer)).find((i) => i.resource === 'housing_places')!;
    expect(await free(officer, 'housing_places')).toBe(housingBefore.free);
    await national.goto(`/placement/runs/${run.id}`);
    await settled(national);
    expect(await national.locator('[data-testid="of-target-SE_0163"]').innerText()).toMatch(/%$/);
    await expectAccessible(national, 'placement run before approval');
    national.once('dialog', (d) => void d.accept());
    await national.getByRole('button', { name: 'Approve and notify the municipalities' }).click();
    await national.locator('.alert', { hasText: 'The municipalities have received arrival notices.' }).waitFor({ timeout: 30_000 });
    // The officer's page, open all along, shows five fewer free places: live, without a reload.
    await officer.waitForFunction((expected) => document.querySelector('[data-testid="free-housing_places"]')?.textContent === String(expected), housingBefore.free - 5, { timeout: 15_000 });
    const housing = (await capacity(officer)).find((i) => i.resource === 'housing_places')!;
    expect(housing).toMatchObject({ reserved: housingBefore.reserved + 5, free: housingBefore.free - 5, occupied: housingBefore.occupied });
    // The run list counts what each run assigned.
    await national.goto('/placement');
    await settled(national);
    expect(await national.locator(`[data-testid="run-assigned-${run.id}"]`).innerText()).toBe('2');
  });

  it('accepting and marking the arrival brings the people into the People list', async () => {
    await officer.locator('nav.app-nav a[href="/reception/notices"]').click();
    await settled(officer);
    const link = officer.locator('main table a', { hasText: /^AN-/ }).first();
    await link.click();
    await settled(officer);
    const reference = (await officer.locator('h1').innerText()).replace('Arrival notice ', '').trim();
    expect(await officer.locator('[data-testid="notice-held"]').innerText()).toBe('5 reserved, 0 occupied');
    expect(await officer.locator('#households-heading ~ .table-wrap tbody tr').count()).toBe(2);
    await expectAccessible(officer, 'notice with its households');
    await inArabicToo(officer, 'notice with its households');
    await officer.getByRole('button', { name: 'Accept the households ticked (persons: 5)' }).click();
    await officer.waitForFunction(() => document.querySelector('[data-testid="notice-state"]')?.textContent === 'Accepted');
    expect(await officer.locator('[data-testid="notice-held"]').innerText()).toBe('5 reserved, 0 occupied');
    await officer.getByRole('button', { name: 'Mark as arrived' }).click();
    await officer.waitForFunction(() => document.querySelector('[data-testid="notice-state"]')?.textContent === 'Arrived');
    expect(await officer.locator('[data-testid="notice-held"]').innerText()).toBe('0 reserved, 5 occupied');
    await officer.getByRole('link', { name: 'Open these new arrivals in the People list' }).click();
    await settled(officer);
    const rows = officer.locator('#people-list ~ .table-wrap tbody tr');
    await expect.poll(() => rows.count()).toBe(5);
    const names = await rows.locator('th').allInnerTexts();
    for (let k = 1; k <= 5; k++) expect(names.some((n) => n.includes(`New arrival — ${reference}, person ${k} of 5`))).toBe(true);
    expect(await officer.locator('[data-testid="new-arrival"]').count()).toBe(5);
    await expectAccessible(officer, 'people with new arrivals');
    await inArabicToo(officer, 'people with new arrivals');
    // One of them: the notice, the household, and the form to complete the identity.
    await rows.first().locator('a').click();
    await settled(officer);
    expect(await officer.locator('h1').innerText()).toContain(`New arrival — ${reference}`);
    await officer.getByRole('heading', { name: 'Complete the identity' }).waitFor();
    expect(await officer.locator('main').innerText()).toContain('Temporary protection');
    await expectAccessible(officer, 'new arrival');
  });
});
