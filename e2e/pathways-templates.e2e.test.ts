/// <reference lib="dom" />
// Issue 5, pathway templates in the browser: a Hamburg officer creates a template with two steps
// (using only buttons to add and reorder them), edits it, meets a stale version (409: told, and
// the latest version is loaded), and the page is axe-clean in English and in Arabic (RTL).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession } from './browser.ts';

const { signedIn, settled, expectAccessible } = browserSession();
let page: Page;

const editor = () => page.locator('main section.card').filter({ has: page.locator('form.template-form') });
const step = (n: number) => editor().locator('li.template-step').nth(n - 1);

describe('an officer maintains the pathway templates', () => {
  it('signs in and finds the templates page in the navigation', async () => {
    page = await signedIn('officer@hamburg.localpact.eu');
    await settled(page);
    await page.locator('nav.app-nav a[href="/pathways/templates"]').click();
    await page.waitForURL((u) => u.pathname === '/pathways/templates');
    await settled(page);
    // The demo templates (adult, family, unaccompanied minor) are listed.
    await expect.poll(() => page.locator('main table').textContent()).toContain('Family with school-age children');
    await expectAccessible(page, 'templates');
  });

  it('creates a template with two steps, added and reordered with the keyboard', async () => {
    await page.getByRole('button', { name: 'New template' }).click();
    const form = editor();
    await expect.poll(() => form.count()).toBe(1);
    // The new form's heading takes the focus.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H2');

    // Saving without a name or a step title is refused at the fields.
    await form.getByRole('button', { name: 'Add a step' }).click();
    await form.getByRole('button', { name: 'Create the template' }).click();
    await expect.poll(() => form.locator('.field--error').count()).toBe(2);
    expect(await form.locator('input[name=templateName]').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'template with field errors');

    await form.locator('input[name=templateName]').fill('Adult: language and work first');
    await form.locator('select[name=templateAudience]').selectOption('adult');
    await form.locator('textarea[name=templateDescription]').fill('For adults with a language certificate from home.');
    await step(1).locator('select[name="steps.0.domain"]').selectOption('employment_training');
    await step(1).locator('input[name="steps.0.title"]').fill('Meet the job centre');
    await step(1).locator('input[name="steps.0.dueAfterDays"]').fill('30');
    await step(1).locator('select[name="steps.0.for"]').selectOption('adult');

    // The second step, added by keyboard: focus moves into it.
    await form.getByRole('button', { name: 'Add a step' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLSelectElement | null)?.name)).toBe('steps.1.domain');
    await step(2).locator('select[name="steps.1.domain"]').selectOption('language');
    await step(2).locator('input[name="steps.1.title"]').fill('Integration course B1');
    await step(2).locator('input[name="steps.1.dueAfterDays"]').fill('14');
    await step(2).locator('input[name="steps.1.followUp"]').check();

    // Language first: move step 2 up with the keyboard; the focus follows the step.
    await step(2).getByRole('button', { name: /^Move up/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => step(1).locator('input[name="steps.0.title"]').inputValue()).toBe('Integration course B1');
    expect(await step(2).locator('input[name="steps.1.title"]').inputValue()).toBe('Meet the job centre');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Move down');
    await expectAccessible(page, 'template editor');

    await form.getByRole('button', { name: 'Create the template' }).click();
    await expect.poll(() => page.locator('main [role=status]').first().textContent()).toContain('Adult: language and work first');
    const row = page.locator('main table tr', { hasText: 'Adult: language and work first' });
    expect(await row.textContent()).toContain('2 steps');
  });

  it('edits it, and a stale version is refused with a clear message and the latest loaded', async () => {
    await page.getByRole('button', { name: 'Edit — Adult: language and work first' }).click();
    const form = editor();
    await expect.poll(() => form.locator('input[name=templateName]').inputValue()).toBe('Adult: language and work first');
    expect(await step(1).locator('input[name="steps.0.followUp"]').isChecked()).toBe(true);
    await step(2).locator('input[name="steps.1.dueAfterDays"]').fill('45');
    await form.locator('input[name=templateName]').fill('Adult: language, then work');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.locator('main table').textContent()).toContain('Adult: language, then work');

    // Someone else saves the template meanwhile (through the API, as a second officer would).
    await page.getByRole('button', { name: 'Edit — Adult: language, then work' }).click();
    await expect.poll(() => editor().locator('input[name=templateName]').inputValue()).toBe('Adult: language, then work');
    const status = await page.evaluate(async () => {
      const list = await (await fetch('/api/pathway-templates')).json() as { items: Array<{ id: string; name: string; version: number }> };
      const tpl = list.items.find((x) => x.name === 'Adult: language, then work')!;
      const r = await fetch(`/api/pathway-templates/${tpl.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version: tpl.version, description: 'Changed by a colleague.' }) });
      return r.status;
    });
    expect(status).toBe(200);
    await editor().locator('input[name=templateName]').fill('Adult: my stale edit');
    await editor().getByRole('button', { name: 'Save changes' }).click();
    const alert = editor().locator('.alert--error');
    await expect.poll(() => alert.textContent()).toContain('Someone else changed this template');
    await expectAccessible(page, 'stale template');
    await alert.getByRole('button', { name: 'Load the latest version' }).click();
    await expect.poll(() => editor().locator('textarea[name=templateDescription]').inputValue()).toBe('Changed by a colleague.');
    expect(await editor().locator('input[name=templateName]').inputValue()).toBe('Adult: language, then work');
    await editor().locator('input[name=templateName]').fill('Adult: language, then work (2027)');
    await editor().getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.locator('main table').textContent()).toContain('Adult: language, then work (2027)');
  });

  it('is axe-clean in Arabic, right to left, with the editor open', async () => {
    await page.locator('.language-switcher select').selectOption('ar');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page.locator('main table button').first().click();
    await expect.poll(() => editor().locator('li.template-step').count()).toBeGreaterThan(0);
    expect(await page.locator('h1').textContent()).toBe('قوالب الخطط');
    await expectAccessible(page, 'templates (ar)');
    await page.locator('.language-switcher select').selectOption('en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
  });
});
