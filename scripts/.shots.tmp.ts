// Temporary: screenshots of the pages this branch changed (not committed).
import { startServer, launchBrowser } from '../e2e/harness.ts';
const server = await startServer();
const browser = await launchBrowser();
try {
  const ctx = async (email: string, lang = 'en') => {
    const c = await browser.newContext({ baseURL: server.baseUrl, locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    const p = await c.newPage();
    await p.goto('/sign-in'); await p.locator('input[name=email]').fill(email); await p.locator('input[name=password]').fill('localpact-demo');
    await p.locator('form button[type=submit]').click(); await p.waitForURL((u) => u.pathname === '/');
    if (lang !== 'en') { await p.locator('.language-switcher select').selectOption(lang); await p.waitForFunction((l) => document.documentElement.lang === l, lang); }
    return p;
  };
  const officer = await ctx('officer@sollentuna.localpact.eu');
  const national = await ctx('coordinator@migrationsverket.localpact.eu');
  const me = await (await officer.request.get('/api/me')).json();
  await officer.goto('/reception/capacity'); await officer.waitForSelector('[data-testid="free-housing_places"]');
  const tpl = await (await officer.request.get(`/api/reception/capacity/template.csv?organisation=${me.organisation.id}`)).text();
  const edited = tpl.replace(/language_course_seats,(\d+),/, (_m, n) => `language_course_seats,${Number(n) + 7},`).replace(/health_slots,(\d+),(\d+),(\d+)/, 'health_slots,10,20,0');
  await officer.locator('#csv-file').setInputFiles({ name: 'c.csv', mimeType: 'text/csv', buffer: Buffer.from(edited) });
  await officer.getByRole('button', { name: 'Preview the changes' }).click();
  await officer.locator('[data-testid="csv-preview"]').waitFor();
  await officer.locator('#csv-heading').scrollIntoViewIfNeeded();
  await officer.screenshot({ path: '/tmp/shots/1-preview-error.png', fullPage: true });
  const ok = tpl.replace(/language_course_seats,(\d+),/, (_m, n) => `language_course_seats,${Number(n) + 7},`).split('\n').filter((l, i) => i === 0 || /^(language|emergency|housing)/.test(l)).join('\n');
  await officer.locator('#csv-file').setInputFiles({ name: 'c.csv', mimeType: 'text/csv', buffer: Buffer.from(ok) });
  await officer.getByRole('button', { name: 'Preview the changes' }).click();
  await officer.locator('[data-testid="csv-preview"]').waitFor();
  await officer.screenshot({ path: '/tmp/shots/2-preview-ok.png', fullPage: true });
  const ids: string[] = [];
  for (const [reference, ages] of [['SE-SHOT-1', [41, 39, 9, 4]], ['SE-SHOT-2', [33]]] as const) ids.push((await (await national.request.post('/api/placement/households', { data: { reference, ages, sexes: ['female', 'male', 'female', 'male'].slice(0, ages.length), languages: ['uk'], procedure: 'temporary_protection' } })).json()).id);
  const run = await (await national.request.post('/api/placement/runs', { data: { territoryCode: 'SE110', distributionKey: 'population', timeLimitSeconds: 5 } })).json();
  await national.goto(`/placement/runs/${run.id}`); await national.waitForSelector('#quotas');
  await national.locator('#quotas').scrollIntoViewIfNeeded();
  await national.screenshot({ path: '/tmp/shots/3-run.png', fullPage: true });
  await national.request.post(`/api/placement/runs/${run.id}/approve`, { data: { version: run.version } });
  await national.goto('/placement'); await national.waitForSelector('#runs');
  await national.screenshot({ path: '/tmp/shots/4-placement.png', fullPage: true });
  const notices = (await (await officer.request.get('/api/reception/notices?direction=incoming')).json()).items;
  const n = notices.find((x: { households: number }) => x.households > 1);
  await officer.goto(`/reception/notices/${n.id}`); await officer.waitForSelector('#households-heading');
  await officer.screenshot({ path: '/tmp/shots/5-notice.png', fullPage: true });
  await officer.request.post(`/api/reception/notices/${n.id}/accept`, { data: { persons: n.persons } });
  await officer.request.post(`/api/reception/notices/${n.id}/arrived`, { data: {} });
  await officer.goto(`/people?q=${n.reference}`); await officer.waitForSelector('[data-testid="new-arrival"]');
  await officer.screenshot({ path: '/tmp/shots/6-people.png', fullPage: true });
  await officer.locator('main table tbody tr a').first().click(); await officer.waitForSelector('#identity-h');
  await officer.screenshot({ path: '/tmp/shots/7-person.png', fullPage: true });
  const ar = await ctx('officer@sollentuna.localpact.eu', 'ar');
  await ar.goto(`/people?q=${n.reference}`); await ar.waitForSelector('[data-testid="new-arrival"]');
  await ar.screenshot({ path: '/tmp/shots/8-people-ar.png', fullPage: true });
  await ar.goto(`/reception/notices/${n.id}`); await ar.waitForSelector('#households-heading');
  await ar.screenshot({ path: '/tmp/shots/9-notice-ar.png', fullPage: true });
} finally { await browser.close(); await server.stop(); }
