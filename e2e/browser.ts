/// <reference lib="dom" />
// Shared by the browser tests: one real server and one Chromium per test file, signed-in pages,
// waiting for a page to settle, and the axe scan (WCAG 2.1 A/AA) in English and Arabic.
import { AxeBuilder } from '@axe-core/playwright';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchBrowser, ROOT, startServer, type RunningServer } from './harness.ts';

export const DEMO_PASSWORD = 'localpact-demo';

/**
 * Registers the file's beforeAll/afterAll (server + browser) and returns the helpers.
 * `serverLog`: a file name under test-results/ (ignored by git) for the server's own output.
 */
export function browserSession(o: { serverLog?: string } = {}) {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** Every axe scan that passed, with the page's language ("audit [ar]"). */
  const scanned: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.stop();
    if (server && o.serverLog) {
      mkdirSync(join(ROOT, 'test-results'), { recursive: true });
      writeFileSync(join(ROOT, 'test-results', o.serverLog), server.output());
    }
  });

  /** A fresh, signed-out page in a context of its own (English, desktop size). */
  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.baseUrl, locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    return context.newPage();
  }

  async function settled(page: Page): Promise<void> {
    // React Router renders a navigation in a transition: until <main data-path> shows the new
    // location, the previous page (its h1, no loading indicator) is still on screen.
    await page.waitForFunction(() => document.querySelector('main')?.getAttribute('data-path') === location.pathname + location.search, undefined, { timeout: 30_000 });
    await page.waitForSelector('h1#page-title');
    await page.waitForFunction(() => document.querySelectorAll('.loading').length === 0, undefined, { timeout: 60_000 });
  }

  async function signedIn(email: string): Promise<Page> {
    const page = await newPage();
    await page.goto('/sign-in');
    await page.locator('input[name=email]').fill(email);
    await page.locator('input[name=password]').fill(DEMO_PASSWORD);
    await page.locator('form button[type=submit]').click();
    await page.waitForURL((url) => url.pathname === '/');
    // Other browser tests on a shared database may have left another language in the profile.
    await page.waitForFunction(() => !!document.documentElement.lang);
    if ((await page.evaluate(() => document.documentElement.lang)) !== 'en') {
      await page.locator('.language-switcher select').selectOption('en');
      await page.waitForFunction(() => document.documentElement.lang === 'en');
    }
    return page;
  }

  async function expectAccessible(page: Page, label: string): Promise<void> {
    await settled(page);
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const violations = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n` + v.nodes.map((n) => `    ${n.target.join(' ')} — ${n.failureSummary ?? ''}`).join('\n'));
    expect(result.passes.length, `axe ran no checks on ${label}`).toBeGreaterThan(10);
    expect(violations, `axe violations on ${label}`).toEqual([]);
    scanned.push(`${label} [${await page.evaluate(() => document.documentElement.lang)}]`);
  }

  async function inArabicToo(page: Page, label: string): Promise<void> {
    await page.locator('.language-switcher select').selectOption('ar');
    await page.waitForFunction(() => document.documentElement.lang === 'ar' && document.documentElement.dir === 'rtl');
    await expectAccessible(page, `${label} (ar)`);
    await page.locator('.language-switcher select').selectOption('en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await settled(page);
  }

  return { newPage, signedIn, settled, expectAccessible, inArabicToo, scanned, server: () => server };
}
