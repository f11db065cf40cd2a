/// <reference lib="dom" />
// The web UI against the real server in real Chromium: keyboard sign-in, right-to-left Arabic,
// territories, organisations, roles, user administration (with a version conflict), the audit log,
// sign-out — and an axe scan (WCAG 2.1 A/AA) of every page in English and Arabic.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSession, DEMO_PASSWORD as PASSWORD } from './browser.ts';

const OFFICER = 'officer@sollentuna.localpact.eu';
const ADMIN = 'admin@localpact.eu';
const DPO = 'dpo@localpact.eu';

// The server's own log goes to test-results/e2e-server.log, for diagnosing failures.
const { newPage, settled, expectAccessible, scanned } = browserSession({ serverLog: 'e2e-server.log' });

/** Waits until the app has rendered `path` (pathname + search), then until it has settled. */
async function arrive(page: Page, path: string): Promise<void> {
  await page.waitForSelector(`main[data-path="${path}"]`);
  await settled(page);
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await page.locator('input[name=email]').fill(email);
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.locator('form button[type=submit]').click();
  await arrive(page, '/');
}

async function switchLanguage(page: Page, code: string): Promise<void> {
  await page.locator('.language-switcher select').selectOption(code);
  await page.waitForFunction((c) => document.documentElement.lang === c, code);
  await settled(page);
}

async function goVia(page: Page, href: string): Promise<void> {
  await page.locator(`nav.app-nav a[href="${href}"]`).click();
  await arrive(page, href);
}

async function activeElement(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName.toLowerCase() ?? '', name: el?.getAttribute('name') ?? '', id: el?.id ?? '' };
  });
}

describe('municipal officer (Sollentuna)', () => {
  let page: Page;
  let territoryCode = '';

  beforeAll(async () => {
    page = await newPage();
  });

  it('signs in with the keyboard only (Tab, typing, Enter)', async () => {
    await page.goto('/');
    await arrive(page, '/sign-in');
    await expectAccessible(page, 'sign-in');

    // A fresh load of the sign-in page; Tab from the top: skip link, language, then the form.
    await page.goto('/sign-in');
    await arrive(page, '/sign-in');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    let focused = await activeElement(page);
    for (let i = 0; i < 10 && focused.name !== 'email'; i++) {
      await page.keyboard.press('Tab');
      focused = await activeElement(page);
    }
    expect(focused.name).toBe('email');
    await page.keyboard.type(OFFICER);
    await page.keyboard.press('Tab');
    expect((await activeElement(page)).name).toBe('password');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');

    await arrive(page, '/');
    // Focus moved to the new page's heading.
    expect((await activeElement(page)).id).toBe('page-title');
  });

  it('announces a wrong password', async () => {
    const other = await newPage();
    try {
      await other.goto('/sign-in');
      await other.locator('input[name=email]').fill(OFFICER);
      await other.locator('input[name=password]').fill('not-the-password');
      await other.keyboard.press('Enter');
      const alert = other.locator('[role=alert]');
      await alert.waitFor();
      expect(await alert.innerText()).toMatch(/not correct/i);
      await expectAccessible(other, 'sign-in with error');
    } finally {
      await other.context().close();
    }
  });

  it('home shows the organisation and its territory, with only the allowed navigation', async () => {
    const me = (await (await page.request.get('/api/me')).json()) as { organisation: { name: string; territory: { code: string; name: string } } };
    territoryCode = me.organisation.territory.code;
    expect(me.organisation.territory.name).toMatch(/Sollentuna/);
    const main = page.locator('main');
    expect(await main.innerText()).toContain(me.organisation.name);
    expect(await main.innerText()).toContain(me.organisation.territory.name);
    const nav = await page.locator('nav.app-nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(nav).toContain('/organisations');
    expect(nav).toContain('/roles');
    expect(nav).not.toContain('/admin/users');
    expect(nav).not.toContain('/audit');
    await expectAccessible(page, 'home');
  });

  it('opens the municipality page and shows its population', async () => {
    await page.locator(`main a[href="/territories/${encodeURIComponent(territoryCode)}"]`).first().click();
    await arrive(page, `/territories/${territoryCode}`);
    expect(await page.locator('h1').innerText()).toMatch(/Sollentuna/);
    const territory = (await (await page.request.get(`/api/territories/${territoryCode}`)).json()) as { population: number | null; ancestors: { name: string }[] };
    expect(territory.population).toBeGreaterThan(0);
    expect(await page.getByTestId('population').innerText()).toBe(new Intl.NumberFormat('en').format(territory.population!));
    // Breadcrumb of ancestors.
    const crumbs = await page.locator('nav.breadcrumb li').allInnerTexts();
    expect(crumbs.length).toBe(territory.ancestors.length + 1);
    await expectAccessible(page, 'territory (municipality)');

    // The organisations of this territory.
    await page.locator(`main a[href="/organisations?territory=${encodeURIComponent(territoryCode)}"]`).click();
    await arrive(page, `/organisations?territory=${territoryCode}`);
    expect(await page.locator('main table tbody').innerText()).toMatch(/Sollentuna/);
    await expectAccessible(page, 'organisations in a territory');
    await page.goBack();
    await arrive(page, `/territories/${territoryCode}`);
  });

  it('searches names within the country, accent-insensitively', async () => {
    await page.locator('form[role=search] input[type=search]').fill('malmo');
    await page.locator('form[role=search] button[type=submit]').click();
    const hit = page.locator('.result-list a', { hasText: 'Malmö' }).first();
    await hit.waitFor();
    const target = await hit.getAttribute('href');
    await hit.click();
    await arrive(page, target!);
    expect(await page.locator('h1').innerText()).toMatch(/Malmö/);
  });

  it('browses a territory with sub-territories (sortable table)', async () => {
    await goVia(page, '/territories/EU');
    const table = page.locator('main table').first();
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(1);
    await table.locator('thead button', { hasText: 'Population' }).click();
    await page.waitForSelector('main th[aria-sort=descending]');
    await settled(page);
    await expectAccessible(page, 'territory (EU root)');
  });

  it('pages through a long list of sub-territories', async () => {
    // CZ020 (Střední Čechy) has over a thousand municipalities: 50 a page.
    await page.goto('/territories/CZ020');
    await arrive(page, '/territories/CZ020');
    const rows = page.locator('main table tbody tr');
    expect(await rows.count()).toBe(50);
    const first = await rows.first().innerText();
    const pager = page.locator('main nav.pagination');
    expect(await pager.innerText()).toMatch(/Showing 1–50 of 1,\d{3} results/);
    await pager.locator('button', { hasText: 'Next' }).click();
    await page.waitForFunction(() => /51–100/.test(document.querySelector('main nav.pagination')?.textContent ?? ''));
    await settled(page);
    expect(await rows.first().innerText()).not.toBe(first);
    await expectAccessible(page, 'territory (second page)');
  });

  it('hides what the role does not allow', async () => {
    await page.goto('/audit');
    await settled(page);
    expect(await page.locator('h1').innerText()).toBe('Page not found');
    await page.goto('/admin/users');
    await settled(page);
    expect(await page.locator('h1').innerText()).toBe('Page not found');
  });

  it('organisations and roles pages', async () => {
    await goVia(page, '/organisations');
    expect(await page.locator('main table tbody tr').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'organisations');
    const detail = page.locator('main table tbody a[href^="/organisations/"]').first();
    const detailHref = await detail.getAttribute('href');
    await detail.click();
    await arrive(page, detailHref!);
    await expectAccessible(page, 'organisation detail');
    await goVia(page, '/roles');
    expect(await page.locator('main table tbody tr').count()).toBeGreaterThan(3);
    await expectAccessible(page, 'roles');
    await page.goto('/no-such-page');
    await settled(page);
    await expectAccessible(page, 'not found');
  });

  it('speaks French, German and Ukrainian (left-to-right)', async () => {
    await goVia(page, '/');
    const english = await page.locator('h1').innerText();
    for (const code of ['fr', 'de', 'uk']) {
      await switchLanguage(page, code);
      expect(await page.locator('html').getAttribute('dir')).toBe('ltr');
      expect(await page.locator('h1').innerText()).not.toBe(english);
      expect(await page.locator('nav.app-nav').innerText()).not.toContain('Home');
      await expectAccessible(page, 'home');
    }
    expect(await page.locator('h1').innerText()).toMatch(/[\u0400-\u04FF]/);
    await switchLanguage(page, 'en');
  });

  it('switches to Arabic: lang, right-to-left, navigation on the right', async () => {
    await goVia(page, '/');
    const ltrNav = await page.locator('nav.app-nav').boundingBox();
    const ltrMain = await page.locator('main').boundingBox();
    expect(ltrNav!.x).toBeLessThan(ltrMain!.x);

    await switchLanguage(page, 'ar');
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('html[dir=rtl]').count()).toBe(1);
    const nav = await page.locator('nav.app-nav').boundingBox();
    const main = await page.locator('main').boundingBox();
    expect(nav!.x).toBeGreaterThan(main!.x);
    expect(nav!.x + nav!.width).toBeGreaterThan(main!.x + main!.width);
    expect(await page.locator('h1').innerText()).toMatch(/[\u0600-\u06FF]/);
    await expectAccessible(page, 'home');
  });

  it('passes axe in Arabic on every page', async () => {
    await page.goto(`/territories/${encodeURIComponent(territoryCode)}`);
    await settled(page);
    await expectAccessible(page, 'territory (municipality)');
    await goVia(page, '/territories/EU');
    await expectAccessible(page, 'territory (EU root)');
    await goVia(page, '/organisations');
    await expectAccessible(page, 'organisations');
    await goVia(page, '/roles');
    await expectAccessible(page, 'roles');
  });

  it('keeps the language after a reload (and in the profile)', async () => {
    await page.reload();
    await settled(page);
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('h1').innerText()).toMatch(/[\u0600-\u06FF]/);
    const me = (await (await page.request.get('/api/me')).json()) as { locale: string | null };
    expect(me.locale).toBe('ar');
  });

  it('signs out', async () => {
    await page.locator('.account__sign-out').click();
    await arrive(page, '/sign-in');
    expect((await page.request.get('/api/me')).status()).toBe(401);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await expectAccessible(page, 'sign-in');
    // Signed-out users are sent back to sign-in.
    await page.goto('/organisations');
    await arrive(page, '/sign-in');
  });
});

describe('platform administrator', () => {
  let page: Page;

  beforeAll(async () => {
    page = await newPage();
    await signIn(page, ADMIN);
  });

  it('user administration passes axe in English and Arabic', async () => {
    await goVia(page, '/admin/users');
    expect(await page.locator('main table tbody tr').count()).toBeGreaterThan(3);
    await expectAccessible(page, 'users admin');
    await switchLanguage(page, 'ar');
    await expectAccessible(page, 'users admin');
    await switchLanguage(page, 'en');
  });

  it('creates a user and shows the conflict when the version is stale', async () => {
    const email = `e2e-${Date.now()}@sollentuna.localpact.eu`;
    const create = page.locator('section[aria-labelledby=create-user-heading]');
    // Validation errors first.
    await create.locator('button[type=submit]').click();
    await create.locator('[role=alert]').waitFor();
    await expectAccessible(page, 'users admin with form errors');

    await create.getByLabel('Email address').fill(email);
    await create.getByLabel('Name', { exact: true }).fill('E2E Officer');
    await create.getByLabel('Role').selectOption('case_worker');
    await create.getByLabel('Find an organisation').fill('Sollentuna');
    const orgSelect = create.locator('select').nth(1);
    await page.waitForFunction(
      () => document.querySelectorAll('section[aria-labelledby=create-user-heading] select')[1]!.querySelectorAll('option').length > 1,
    );
    const options = await orgSelect.locator('option').evaluateAll((os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? '' })));
    const sollentuna = options.find((o) => o.value && /Sollentuna/.test(o.text) && /Municipality/.test(o.text)) ?? options.find((o) => o.value)!;
    await orgSelect.selectOption(sollentuna.value);
    await create.getByLabel('Initial password').fill('a-long-enough-password');
    await create.locator('button[type=submit]').click();
    await page.locator('[role=status].alert--success').waitFor();

    // Find the new user, open the edit form, then change the account behind its back.
    await page.locator('form[role=search] input[type=search]').fill(email);
    await page.locator('form[role=search] button[type=submit]').click();
    await page.waitForFunction((e) => document.querySelector('main table tbody')?.textContent?.includes(e), email);
    await settled(page);
    const users = (await (await page.request.get(`/api/users?q=${encodeURIComponent(email)}`)).json()) as { items: { id: string; version: number }[] };
    const user = users.items[0]!;
    await page.locator(`#edit-${user.id}`).click();
    const edit = page.locator(`section[aria-labelledby="edit-user-${user.id}"]`);
    await edit.waitFor();
    expect((await activeElement(page)).id).toBe(`edit-user-${user.id}`);

    const behind = await page.request.patch(`/api/users/${user.id}`, { data: { version: user.version, displayName: 'Changed elsewhere' } });
    expect(behind.status()).toBe(200);

    await edit.getByLabel('Role').selectOption('municipal_officer');
    await edit.locator('button[type=submit]').click();
    const conflict = edit.locator('[role=alert]');
    await conflict.waitFor();
    expect(await conflict.innerText()).toMatch(/Someone else changed this account/);
    await expectAccessible(page, 'users admin with conflict');

    // Load the latest version, then the change goes through.
    await conflict.locator('button').click();
    await page.waitForFunction(() => !document.querySelector('main [role=alert]'));
    await edit.getByLabel('Role').selectOption('municipal_officer');
    await edit.locator('button[type=submit]').click();
    await page.locator('[role=status].alert--success').waitFor();
    const after = (await (await page.request.get(`/api/users?q=${encodeURIComponent(email)}`)).json()) as { items: { role: string; displayName: string }[] };
    expect(after.items[0]).toMatchObject({ role: 'municipal_officer', displayName: 'Changed elsewhere' });
  });
});

describe('data-protection officer', () => {
  let page: Page;

  beforeAll(async () => {
    page = await newPage();
    await signIn(page, DPO);
  });

  it('audit log: filters, CSV export link, axe in English and Arabic', async () => {
    await goVia(page, '/audit');
    expect(await page.locator('main table tbody tr').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'audit');

    await page.locator('main form[role=search] select').selectOption('auth.sign_in');
    await page.locator('main form[role=search] button[type=submit]').click();
    await arrive(page, '/audit?action=auth.sign_in');
    const href = await page.locator('main a[href^="/api/audit.csv"]').getAttribute('href');
    expect(href).toContain('action=auth.sign_in');
    const csv = await page.request.get(href!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(await csv.text()).toContain('auth.sign_in');

    await switchLanguage(page, 'ar');
    await expectAccessible(page, 'audit');
    const nav = await page.locator('nav.app-nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(nav).toContain('/audit');
    expect(nav).not.toContain('/admin/users');
  });

  it('audit log: pages are in the URL (?offset=), and Back returns to the first page', async () => {
    await switchLanguage(page, 'en');
    // Reading the audit log is itself audited: 51 reads make sure there is a second page of 50.
    for (let i = 0; i < 51; i++) expect((await page.request.get('/api/audit?limit=1')).status()).toBe(200);
    await page.goto('/audit');
    await arrive(page, '/audit');
    const summary = page.locator('main .pagination__summary');
    expect(await summary.textContent()).toMatch(/^Showing 1–50 of [\d,]+ results$/);
    expect(await page.locator('main table tbody tr').count()).toBe(50);

    // (the rows themselves can be alike: the reads above are all "audit.search" by the DPO)
    const secondPage = page.waitForRequest((r) => r.url().includes('/api/audit?') && new URL(r.url()).searchParams.get('offset') === '50');
    await page.locator('main .pagination').getByRole('button', { name: 'Next' }).click();
    await secondPage;
    await arrive(page, '/audit?offset=50');
    expect(await summary.textContent()).toMatch(/^Showing 51–\d+ of [\d,]+ results$/);
    expect(await page.locator('main .pagination__page').textContent()).toMatch(/^Page 2 of \d+$/);
    expect(await page.locator('main table tbody tr').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'audit page 2');

    await page.goBack();
    await arrive(page, '/audit');
    expect(await summary.textContent()).toMatch(/^Showing 1–50 of /);
  });

  afterAll(() => {
    console.log(`axe: zero violations on ${scanned.length} scans:\n  ${scanned.join('\n  ')}`);
  });
});
