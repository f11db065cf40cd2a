/// <reference lib="dom" />
// Issue 5's scenario in real Chromium against the real server: a Hamburg case worker registers a
// mother and two children under temporary protection from Kharkiv, is warned of a duplicate for a
// transliterated name, builds the family's plan from the template, refers the mother to a language
// course (refused without consent, sent with it); the admin moves the end of temporary protection
// and the status-ending alert appears; the DPO exports the mother's data (printable, in Ukrainian)
// and erases the family. Every page is scanned with axe (WCAG 2.1 A/AA), one in Arabic (RTL).
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSession } from './browser.ts';

const { signedIn, settled, expectAccessible } = browserSession();

const inDays = (n: number) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);

async function register(page: Page, p: { given: string; family: string; birth: string; role?: string }) {
  const form = page.locator('section[aria-labelledby=register-heading]');
  await form.locator('input[name=givenName]').fill(p.given);
  await form.locator('input[name=familyName]').fill(p.family);
  await form.locator('input[name=birthDate]').fill(p.birth);
  await form.locator('input[name=nationalities]').fill('UA');
  await form.locator('input[name=languages]').fill(p.role ? 'uk native' : 'uk native, ru C1, de A1');
  await form.locator('select[name=preferredLocale]').selectOption('uk');
  if (p.role) await form.locator('select[name=householdRole]').selectOption(p.role);
  if (p.role) await form.locator('select[name=sex]').selectOption(p.given === 'Taras' ? 'male' : 'female');
  await form.locator('select[name=statusType]').selectOption('temporary_protection');
  await form.locator('form button[type=submit]').click();
}

describe('a family from Kharkiv, from registration to erasure', () => {
  let cw: { page: Page };
  let motherUrl = '';

  beforeAll(async () => {
    cw = { page: await signedIn('caseworker@hamburg.localpact.eu') };
  });

  it('registers the mother after a duplicate warning for the same name in Cyrillic', async () => {
    const { page } = cw;
    await page.locator('nav.app-nav a[href="/people"]').click();
    await page.waitForURL((u) => u.pathname === '/people');
    await expectAccessible(page, 'people');
    // Contact and identity document: a malformed e-mail address is refused at the field first.
    const form = page.locator('section[aria-labelledby=register-heading]');
    await form.locator('select[name=identifierType]').selectOption('tp_certificate');
    await form.locator('input[name=identifierValue]').fill('HH-TP-2026-004711');
    await form.locator('input[name=phone]').fill('+49 40 1234567');
    await form.locator('input[name=email]').fill('iryna.pryklad');
    await form.locator('input[name=address]').fill('Wandsbeker Chaussee 12, 22089 Hamburg');
    await register(page, { given: 'Iryna', family: 'Pryklad', birth: '1987-09-23' });
    await expect.poll(() => form.locator('.field--error').textContent()).toContain('e-mail address');
    expect(await form.locator('input[name=email]').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'registration field error');
    await form.locator('input[name=email]').fill('iryna.pryklad@example.org');
    await form.locator('form button[type=submit]').click();
    const warning = page.locator('.alert--warning');
    await expect.poll(() => warning.textContent(), { timeout: 15_000 }).toContain('Ірина Приклад');
    await expectAccessible(page, 'duplicate warning');
    await page.getByLabel('I checked: this is a different person').check();
    await page.locator('section[aria-labelledby=register-heading] form button[type=submit]').click();
    await page.waitForURL((u) => /^\/people\/[0-9a-f-]{36}$/.test(u.pathname));
    await settled(page);
    motherUrl = new URL(page.url()).pathname;
    expect(await page.locator('h1').textContent()).toContain('Iryna Pryklad');
    const facts = await page.locator('section[aria-labelledby=facts-h]').textContent();
    for (const v of ['HH-TP-2026-004711', 'Temporary protection certificate', '+49 40 1234567', 'iryna.pryklad@example.org', 'Wandsbeker Chaussee 12']) expect(facts).toContain(v);
    await expectAccessible(page, 'person');
  });

  it('adds her two children to the household', async () => {
    const { page } = cw;
    for (const child of [{ given: 'Sofiia', birth: '2015-04-02' }, { given: 'Taras', birth: '2018-10-12' }]) {
      await page.goto(motherUrl);
      await settled(page);
      await page.getByRole('link', { name: 'Add a household member' }).click();
      await page.waitForURL((u) => u.pathname === '/people' && u.search.includes('household='));
      await settled(page);
      await register(page, { given: child.given, family: 'Pryklad', birth: child.birth, role: 'child' });
      await page.waitForURL((u) => /^\/people\/[0-9a-f-]{36}$/.test(u.pathname) && u.pathname !== motherUrl);
      await settled(page);
    }
    await page.goto(motherUrl);
    await settled(page);
    const household = await page.locator('section[aria-labelledby=household-h]').textContent();
    expect(household).toContain('Sofiia Pryklad');
    expect(household).toContain('Taras Pryklad');
  });

  it('builds the family plan from the template', async () => {
    const { page } = cw;
    const plan = page.locator('section[aria-labelledby=plan-h]');
    await plan.getByRole('button', { name: 'Build from a template' }).click();
    await expect.poll(() => plan.locator('select[name=template] option').count()).toBeGreaterThan(2);
    await plan.locator('select[name=template]').selectOption({ label: 'Family with school-age children' });
    await plan.getByRole('button', { name: 'Build the household\'s plan from this template' }).click();
    await expect.poll(() => plan.locator('[role=status]').textContent()).toContain('every member');
    await plan.getByRole('button', { name: 'Edit goals' }).click();
    await plan.locator('textarea[name=goals]').fill('Працювати медсестрою, як у Харкові; діти — до школи поруч.');
    await plan.getByRole('button', { name: 'Save goals' }).click();
    await expect.poll(() => page.locator('section[aria-labelledby=steps-h] .pathway-step').count()).toBeGreaterThan(3);
    await expectAccessible(page, 'person with plan');
  });

  it('refers the mother to a language course only with her consent', async () => {
    const { page } = cw;
    const referral = page.locator('section[aria-labelledby=referral-h]');
    await referral.getByRole('button', { name: 'Refer to a partner' }).click();
    await expect.poll(() => referral.locator('select[name=referralPartner] option').count()).toBeGreaterThan(2);
    await referral.locator('select[name=referralPartner]').selectOption({ label: 'Sprachbrücke Hamburg e.V. — language courses for newcomers' });
    expect(await referral.locator('.alert--info').textContent()).toContain('has not consented');
    await referral.getByRole('button', { name: 'Refer to the partner' }).click();
    await expect.poll(() => referral.locator('.alert--error').textContent()).toContain('consent');
    await expectAccessible(page, 'referral refused');

    const consent = page.locator('section[aria-labelledby=consent-h]');
    await consent.getByRole('button', { name: 'Record a consent' }).click();
    await consent.locator('select[name=consentPurpose]').selectOption('share_with_partner');
    await consent.locator('select[name=consentPartner]').selectOption({ label: 'Sprachbrücke Hamburg e.V. — language courses for newcomers' });
    await consent.locator('select[name=consentHow]').selectOption('orally_with_interpreter');
    await consent.getByRole('button', { name: 'Record a consent' }).click();
    await expect.poll(() => consent.locator('table').textContent()).toContain('Sprachbrücke');

    await referral.locator('select[name=referralPartner]').selectOption({ label: 'Sprachbrücke Hamburg e.V. — language courses for newcomers' });
    await referral.getByRole('button', { name: 'Refer to the partner' }).click();
    await expect.poll(() => referral.locator('table').textContent()).toContain('Sent');
    await expectAccessible(page, 'referral sent');
  });

  it('tells the case file\'s story on a timeline, and corrects contact details in place', async () => {
    const { page } = cw;
    const summary = page.locator('section[aria-labelledby=summary-h]');
    expect(await summary.textContent()).toContain('Temporary protection');
    expect(await summary.textContent()).toContain('3 people (Head of household)');
    const timeline = page.locator('section[aria-labelledby=timeline-h] ol.timeline > li');
    const events = await timeline.allInnerTexts();
    const at = (text: string) => events.findIndex((e) => e.includes(text));
    // Dated events in order: the status first, then the consent, then the referral that needed it.
    expect(at('Temporary protection from this date')).toBeGreaterThanOrEqual(0);
    expect(at('Consent given: Sharing with a named partner (Sprachbrücke')).toBeGreaterThan(at('Temporary protection from this date'));
    expect(at('Referred to Sprachbrücke')).toBeGreaterThan(at('Consent given'));
    const dates = await page.locator('section[aria-labelledby=timeline-h] ol.timeline time').evaluateAll((ts) => ts.map((x) => x.getAttribute('datetime')!));
    expect(dates).toEqual([...dates].sort());

    // Editing in place: the contact form opens from its section; a wrong email is refused with a
    // message at the field, which disappears as soon as the field is right, before saving.
    const facts = page.locator('section[aria-labelledby=facts-h]');
    await facts.getByRole('button', { name: 'Correct contact details' }).click();
    await facts.locator('input[name=email]').fill('iryna.pryklad@example');
    await facts.getByRole('button', { name: 'Save' }).click();
    const error = facts.locator('.field__error');
    await expect.poll(() => error.count()).toBe(1);
    expect(await facts.locator('input[name=email]').getAttribute('aria-invalid')).toBe('true');
    await facts.locator('input[name=email]').fill('iryna.pryklad@example.org');
    await expect.poll(() => error.count()).toBe(0);
    await facts.locator('input[name=email]').fill('iryna@example.org');
    await facts.locator('input[name=correctionReason]').fill('New address given by phone');
    await facts.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => facts.locator('[role=status]').textContent()).toContain('corrected');
    // The facts are fetched again after the save: wait for them rather than read them once.
    await expect.poll(() => facts.locator('dl').textContent()).toContain('iryna@example.org');
    await expect.poll(() => page.locator('section[aria-labelledby=timeline-h]').textContent()).toContain('Personal data corrected: email');
    await expectAccessible(page, 'case file');

    // The same file in Arabic, right to left, with its events in words.
    await page.locator('.language-switcher select').selectOption('ar');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await expect.poll(() => page.locator('#timeline-h').textContent()).toBe('ما جرى');
    expect(await page.locator('section[aria-labelledby=timeline-h]').textContent()).toContain('أُحيل إلى Sprachbrücke');
    await expectAccessible(page, 'case file (ar)');
    await page.locator('.language-switcher select').selectOption('en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
  });

  it('shows the language-course partner only what the referral shares', async () => {
    const partner = { page: await signedIn('partner@sprachbruecke-hamburg.localpact.eu') };
    await partner.page.locator('nav.app-nav a[href="/referrals"]').click();
    await partner.page.waitForURL((u) => u.pathname === '/referrals');
    await settled(partner.page);
    const main = await partner.page.locator('main').textContent();
    expect(main).toContain('Iryna Pryklad');
    expect(main).toContain('Ukrainian (native)'); // languages by name (Intl.DisplayNames), not codes
    expect(main).not.toContain('1987');
    expect(main).not.toContain('Працювати');
    await expectAccessible(partner.page, 'partner referrals');
    await partner.page.getByRole('button', { name: 'Accept the referral' }).first().click();
    await expect.poll(() => partner.page.locator('main').textContent()).toContain('Accepted');
    await partner.page.context().close();
  });

  it('shows the status-ending alert after the admin moves the end of temporary protection', async () => {
    const admin = { page: await signedIn('admin@localpact.eu') };
    await admin.page.locator('nav.app-nav a[href="/admin/status-types"]').click();
    await admin.page.waitForURL((u) => u.pathname === '/admin/status-types');
    await expectAccessible(admin.page, 'status end dates');
    const tp = admin.page.locator('section[aria-labelledby=st-temporary_protection]');
    await tp.locator('input[type=date]').fill(inDays(60));
    await tp.getByRole('button', { name: /Save/ }).click();
    await expect.poll(() => tp.locator('[role=status]').textContent()).toContain('saved');
    await admin.page.context().close();

    const { page } = cw;
    await page.locator('nav.app-nav a[href="/worklist"]').click();
    await page.waitForURL((u) => u.pathname === '/worklist');
    await settled(page);
    await page.locator('main select').first().selectOption('status_ending');
    await expect.poll(() => page.locator('table').textContent()).toContain('Iryna Pryklad');
    expect(await page.locator('table').textContent()).toContain(inDays(60));
    await expectAccessible(page, 'worklist');
    // The same page in Arabic, right to left.
    await page.locator('.language-switcher select').selectOption('ar');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await expectAccessible(page, 'worklist (ar)');
    await page.locator('.language-switcher select').selectOption('en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
  });

  it('lets the DPO export the mother\'s data in Ukrainian and erase the family', async () => {
    const page = await signedIn('dpo@localpact.eu');
    await page.locator('nav.app-nav a[href="/subject-requests"]').click();
    await page.waitForURL((u) => u.pathname === '/subject-requests');
    await expectAccessible(page, 'DPO desk');
    const search = async () => {
      await page.locator('input[name=dpoName]').fill('Pryklad');
      await page.locator('input[name=dpoReference]').fill('GDPR-2026-017');
      await page.locator('form[role=search] button[type=submit]').click();
      await expect.poll(() => page.locator('section[aria-labelledby=dpo-find] table').textContent()).toContain('Sofiia Pryklad');
    };
    await search();
    await page.getByRole('link', { name: /Export.*Iryna Pryklad/ }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/export'));
    await settled(page);
    const article = page.locator('article[lang=uk]');
    expect(await article.locator('h1').textContent()).toContain('Ваші дані');
    expect(await article.textContent()).toContain('Тимчасовий захист');
    expect(await article.textContent()).toContain('Sprachbrücke');
    await expectAccessible(page, 'export in Ukrainian');

    await page.goBack();
    await settled(page);
    await search();
    await page.locator('label', { hasText: 'Sofiia Pryklad' }).click();
    await page.locator('input[name=eraseReason]').fill('Art. 17 request GDPR-2026-017');
    await page.locator('input[name=eraseConfirm]').check();
    await page.getByRole('button', { name: 'Erase the household' }).click();
    await expect.poll(() => page.locator('.alert--success').textContent()).toContain('3');
    await expect.poll(() => page.locator('section[aria-labelledby=dpo-find] table').textContent()).not.toContain('Sofiia');
    await expectAccessible(page, 'after erasure');
    await page.context().close();

    // Gone from the case worker's lists.
    await cw.page.goto('/people');
    await settled(cw.page);
    expect(await cw.page.locator('main table').textContent()).not.toContain('Sofiia');
    await cw.page.goto(motherUrl);
    await cw.page.waitForSelector('.alert--error');
  });
});
