// The sociale kaart in Chromium (issue 5 §3, §4, §9): the city list and a site's list with
// filters, the map with clustered place markers over the buurt boundaries, a service page;
// 0 axe violations, and everything usable without JavaScript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { launchBrowser, openPage, assertAccessible } from './lib/browser.mjs';

const T = { timeout: 90_000 };
let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, { timeout: 180_000 });

after(async () => {
  await browser?.close();
  await server?.stop();
});

const url = (path) => server.baseUrl + path;

test('the city list, filters, map and a service page are accessible', T, async () => {
  const context = await browser.newContext({ locale: 'nl-NL' });
  const { page, problems } = await openPage(context);
  const res = await page.goto(url('/nijmegen/sociale-kaart/'));
  assert.equal(res.status(), 200);
  await page.waitForFunction(() => {
    const el = document.getElementById('directory-map');
    return el && Number(el.getAttribute('data-map-ready')) > 0;
  }, null, { timeout: 15_000 });
  assert.ok(await page.locator('#directory-map path.leaflet-interactive, #directory-map .marker-cluster').count() > 0);
  await assertAccessible(page, 'sociale kaart (city)');

  await page.selectOption('#filter-categorie', 'geldzaken');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Toon' }).click()]);
  const names = await page.$$eval('.directory-card .card-title a', (as) => as.map((a) => a.textContent.trim()));
  assert.ok(names.includes('Schuldhulpmaatje'), names.join(', '));
  assert.ok(!names.includes('Koffieochtend voor de buurt'));

  await page.getByRole('link', { name: 'Schuldhulpmaatje' }).click();
  await page.waitForSelector('h1');
  assert.equal(await page.textContent('h1'), 'Schuldhulpmaatje');
  assert.match(await page.textContent('main'), /voorbeeld/i);
  await assertAccessible(page, 'service page');
  assert.equal((await page.goto(url('/nijmegen/oost/sociale-kaart/'))).status(), 200);
  await assertAccessible(page, 'sociale kaart (site)');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a site lists what serves its buurten, without JavaScript too', T, async () => {
  const context = await browser.newContext({ locale: 'nl-NL', javaScriptEnabled: false });
  const { page, problems } = await openPage(context);
  const res = await page.goto(url('/nijmegen/oost/sociale-kaart/'));
  assert.equal(res.status(), 200);
  const names = await page.$$eval('.directory-card .card-title a', (as) => as.map((a) => a.textContent.trim()));
  assert.ok(names.includes('Spreekuur in de wijk Oost'));
  assert.ok(names.includes('Vraag het het buurtteam'), 'city-wide services are listed too');
  assert.ok(!names.includes('Koffieochtend voor de buurt'), 'not what serves another site');
  await page.check('#filter-gratis');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Toon' }).click()]);
  assert.match(page.url(), /gratis=1/);
  // No axe run here: it needs JavaScript in the page; the first test checks this markup.
  assert.deepEqual(problems, []);
  await context.close();
});
