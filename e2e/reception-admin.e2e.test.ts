/// <reference lib="dom" />
// Reception administration in real Chromium: the platform administrator adds a resource type
// (resource types are data, issue 3) — a field error for an invalid code first, then the new type
// appears in the list and on Sollentuna's capacity page; the page passes axe in English and
// Arabic. And the notification centre's navigation entry shows the unread count, live.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSession } from './browser.ts';

const { signedIn, settled, expectAccessible, inArabicToo } = browserSession();

describe('resource types are data the platform administrator adds', () => {
  // Unique per run: a PostgreSQL database used by earlier runs may already hold an earlier one.
  const suffix = Math.random().toString(36).slice(2, 8);
  const code = `interpreter_hours_${suffix}`;
  const label = `Interpreter hours ${suffix}`;
  let admin: Page;

  beforeAll(async () => { admin = await signedIn('admin@localpact.eu'); });

  it('the resource types page lists the types and passes axe in English and Arabic', async () => {
    await admin.locator('nav.app-nav a[href="/reception/resource-types"]').click();
    await settled(admin);
    expect(await admin.locator('h1').innerText()).toBe('Resource types');
    const rows = await admin.locator('main table tbody th').allInnerTexts();
    expect(rows).toEqual(expect.arrayContaining(['Emergency beds', 'Language-course seats']));
    await expectAccessible(admin, 'resource types');
    await inArabicToo(admin, 'resource types');
  });

  it('an invalid code gets a field error at the code field; nothing is added', async () => {
    await admin.getByLabel('Code', { exact: true }).fill('Interpreter-Hours');
    await admin.getByLabel('Unit').selectOption('slots');
    await admin.getByLabel('Name in English').fill(label);
    await admin.getByRole('button', { name: 'Add resource type' }).click();
    await admin.waitForSelector('input[name=code][aria-invalid=true]');
    const describedBy = (await admin.locator('input[name=code]').getAttribute('aria-describedby')) ?? '';
    const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'))!;
    expect(errorId).toBeTruthy();
    expect(await admin.locator(`[id="${errorId}"]`).innerText()).toBe('has the wrong form'); // the server's field error
    expect(await admin.locator('[role=alert]').innerText()).toContain('The resource type was not added');
    await expectAccessible(admin, 'resource types with a field error');
    expect(await admin.locator('main table tbody th').allInnerTexts()).not.toContain(label);
  });

  it('a valid type is added and appears in the list; the same code again is a duplicate at the code field', async () => {
    await admin.getByLabel('Code', { exact: true }).fill(code);
    await admin.getByLabel('Name in French (optional)').fill(`Heures d'interprétariat ${suffix}`);
    await admin.getByLabel('Sort order (optional)').fill('150');
    await admin.getByRole('button', { name: 'Add resource type' }).click();
    await admin.waitForFunction((l) => Array.from(document.querySelectorAll('main table tbody th')).some((th) => th.textContent === l), label, { timeout: 10_000 });
    expect(await admin.locator('main').innerText()).toContain(code);
    expect(await admin.locator('input[name=code]').getAttribute('aria-invalid')).toBeNull();

    await admin.getByLabel('Code', { exact: true }).fill(code);
    await admin.getByLabel('Unit').selectOption('slots');
    await admin.getByLabel('Name in English').fill(label);
    await admin.getByRole('button', { name: 'Add resource type' }).click();
    await admin.waitForSelector('input[name=code][aria-invalid=true]');
    expect(await admin.locator('.field--error').innerText()).toContain('Already exists');
  });

  it('the new type appears on Sollentuna\'s capacity page', async () => {
    const officer = await signedIn('officer@sollentuna.localpact.eu');
    await officer.locator('nav.app-nav a[href="/reception/capacity"]').click();
    await settled(officer);
    expect(await officer.locator('h1').innerText()).toBe('Capacity of Sollentuna kommun');
    expect(await officer.locator('main table tbody th').allInnerTexts()).toContain(label);
  });

  it('only platform administrators see the page in the navigation', async () => {
    const officer = await signedIn('officer@sollentuna.localpact.eu');
    expect(await officer.locator('nav.app-nav a[href="/reception/resource-types"]').count()).toBe(0);
  });
});

describe('the unread badge on the notification centre\'s navigation entry', () => {
  it('shows the unread count after a live event, with an accessible text', async () => {
    const officer = await signedIn('officer@sollentuna.localpact.eu');
    const national = await signedIn('coordinator@migrationsverket.localpact.eu');
    expect((await officer.request.post('/api/notifications/read', { data: { all: true } })).status()).toBe(204);
    await officer.goto('/reception/notices');
    await settled(officer);
    const link = officer.locator('nav.app-nav a[href="/reception/notifications"]');
    await officer.waitForFunction(() => !document.querySelector('[data-testid="unread-badge"]'));
    expect(await link.innerText()).toBe('Notifications');

    // Sweden's national coordinator changes Sollentuna's capacity: an event in the officer's reach.
    const me = await (await officer.request.get('/api/me')).json() as { organisation: { id: string } };
    const cap = await (await national.request.get(`/api/reception/capacity/${me.organisation.id}`)).json() as { items: Array<{ resource: string; total: number; occupied: number; reserved: number; version: number }> };
    const beds = cap.items.find((i) => i.resource === 'emergency_beds')!;
    const put = await national.request.put(`/api/reception/capacity/${me.organisation.id}/emergency_beds`, { data: { total: beds.total + 1, occupied: beds.occupied, reserved: beds.reserved, version: beds.version } });
    expect(put.status()).toBe(200);

    await officer.waitForSelector('[data-testid="unread-badge"]', { timeout: 10_000 });
    const count = Number(await officer.locator('[data-testid="unread-badge"] [aria-hidden="true"]').innerText());
    expect(count).toBeGreaterThanOrEqual(1);
    expect(await officer.locator('[data-testid="unread-badge"] .visually-hidden').innerText()).toBe(`${count} unread`);
    await expect.poll(() => officer.getByRole('link', { name: `Notifications ${count} unread` }).count()).toBe(1);
    await expect.poll(() => officer.locator('[data-testid="unread-announcement"]').textContent()).toMatch(/unread notification/);
    await expectAccessible(officer, 'notices with the unread badge');
    await inArabicToo(officer, 'notices with the unread badge');

    // Marking all read on the notification centre clears the badge.
    await link.click();
    await settled(officer);
    await officer.getByRole('button', { name: 'Mark all as read' }).click();
    await officer.waitForFunction(() => !document.querySelector('[data-testid="unread-badge"]'), undefined, { timeout: 10_000 });
  });
});
