// Search with stemming in the browser (issue 4 §8, §13): a resident of Oost (demo account)
// posts news titled with "speelotheken"; a visitor types "speelotheek" in the search box on the
// site home and finds it, with the matched word highlighted; the same works without
// JavaScript and from the city portal; members-only news stays hidden from visitors. Every
// page is checked with axe (WCAG 2.x A/AA): 0 violations. Run: node --test tests/e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { launchBrowser, openPage, assertAccessible } from './lib/browser.mjs';

const T = { timeout: 90_000 };
const DEMO_PASSWORD = 'buurtplein demo wachtwoord';  // README "Demo logins"
const RESIDENT = 'bewoner1.oost@example.nl';         // a verified member of Oost, no two-step login
const TITLE = 'Twee nieuwe speelotheken in Oost';

let server;
let browser;

before(async () => {
  // Demo logins work only in development mode.
  server = await startServer({ serveArgs: ['--dev'] });
  browser = await launchBrowser();
}, { timeout: 180_000 });

after(async () => {
  await browser?.close();
  await server?.stop();
});

const url = (path) => server.baseUrl + path;
const newContext = (options = {}) => browser.newContext({ locale: 'nl-NL', ...options });

async function logIn(page) {
  await page.goto(url('/account/login'));
  await page.fill('#field-email', RESIDENT);
  await page.fill('#field-password', DEMO_PASSWORD);
  await Promise.all([page.waitForNavigation(), page.locator('main form button[type="submit"]').click()]);
  assert.notEqual(new URL(page.url()).pathname, '/account/login', 'the demo resident is logged in');
}

async function postNews(page, title, body, visibility = 'public') {
  const res = await page.goto(url('/nijmegen/oost/nieuws/nieuw'));
  assert.equal(res.status(), 200, 'the resident may write news');
  await page.fill('#field-title', title);
  await page.fill('#field-body', body);
  await page.locator(`input[name="visibility"][value="${visibility}"]`).check();
  await Promise.all([page.waitForNavigation(), page.locator('main form#field-form button[type="submit"]').first().click()]);
  assert.match(new URL(page.url()).pathname, /^\/nijmegen\/oost\/nieuws\/\d+$/, 'the post is saved');
}

test('a resident posts news; a visitor searching "speelotheek" finds "speelotheken"', T, async () => {
  const writer = await newContext();
  const { page: w, problems: wp } = await openPage(writer);
  await logIn(w);
  await postNews(w, TITLE, 'Vanaf maandag kun je in het **café** van het buurthuis spelletjes lenen.');
  await postNews(w, 'Sleutel van het buurthuis', 'Alleen voor leden: de sleutel ligt bij nummer 12.', 'members');
  await writer.close();
  assert.deepEqual(wp, []);

  const visitor = await newContext();
  const { page, problems } = await openPage(visitor);
  await page.goto(url('/nijmegen/oost/'));
  await assertAccessible(page, 'site home with the search box');
  await page.getByLabel('Zoek naar').fill('speelotheek');
  await Promise.all([page.waitForNavigation(), page.locator('.search-box button[type="submit"]').click()]);
  assert.equal(new URL(page.url()).pathname, '/nijmegen/oost/zoeken');
  assert.equal(await page.locator('#search-count').textContent(), 'Gevonden: 1');
  const result = page.locator('.search-results .card-title a');
  assert.equal(await result.count(), 1);
  assert.equal((await result.textContent()).trim(), TITLE);
  await assertAccessible(page, 'search results');

  // The result leads to the post.
  await Promise.all([page.waitForNavigation(), result.click()]);
  assert.equal(await page.locator('h1').first().textContent(), TITLE);

  // "cafe" finds "café", highlighted; members-only news is not found by a visitor.
  await page.goto(url('/nijmegen/oost/zoeken?q=cafe'));
  // (the demo has its own cafés, e.g. "Repair Café": look for ours among the marks)
  const marks = await page.locator('.search-snippet mark').allTextContents();
  assert.ok(marks.includes('café'), `"café" is highlighted among ${JSON.stringify(marks)}`);
  await page.goto(url('/nijmegen/oost/zoeken?q=sleutel'));
  assert.equal(await page.locator('#search-count').textContent(), 'Niets gevonden.');
  await assertAccessible(page, 'search without results');
  await page.goto(url('/nijmegen/zoeken?q=speelotheken'));
  const titles = (await page.locator('.search-results .card-title a').allTextContents()).map((t) => t.trim());
  assert.ok(titles.includes(TITLE), `the city search finds the post among ${JSON.stringify(titles)}`);
  await assertAccessible(page, 'city search');
  await page.goto(url('/nijmegen/'));
  await assertAccessible(page, 'city portal with the search box');
  assert.deepEqual(problems, []);
  await visitor.close();
});

test('without JavaScript: the city portal searches every neighbourhood', T, async () => {
  const context = await newContext({ javaScriptEnabled: false });
  const { page, problems } = await openPage(context);
  await page.goto(url('/nijmegen/'));
  await page.getByLabel('Zoek naar').fill('speelotheken');
  await Promise.all([page.waitForNavigation(), page.locator('.search-box button[type="submit"]').click()]);
  assert.equal(new URL(page.url()).pathname, '/nijmegen/zoeken');
  assert.equal(await page.locator('#search-count').textContent(), 'Gevonden: 1');
  assert.match(await page.locator('.search-results .card-meta').first().textContent(), /Oost/);
  // The kind filter is a plain form field.
  await page.selectOption('#search-kind', 'agenda');
  await Promise.all([page.waitForNavigation(), page.locator('.search-form button[type="submit"]').click()]);
  assert.equal(await page.locator('#search-count').textContent(), 'Niets gevonden.');
  // (axe needs JavaScript in the page: the city search is checked with it in the first test.)
  assert.deepEqual(problems, []);
  await context.close();
});

test('the demo\'s groups are found from the site home and lead to the group\'s page', T, async () => {
  const context = await newContext();
  const { page, problems } = await openPage(context);
  await page.goto(url('/nijmegen/oost/'));
  await page.getByLabel('Zoek naar').fill('Boekenkring');  // a demo group of Oost
  await Promise.all([page.waitForNavigation(), page.locator('.search-box button[type="submit"]').click()]);
  const result = page.locator('.search-results .card-title a', { hasText: 'Boekenkring' });
  assert.equal(await result.count(), 1);
  assert.match(await result.getAttribute('href'), /^\/nijmegen\/oost\/groepen\/\d+$/);
  await assertAccessible(page, 'search results with a group');
  await Promise.all([page.waitForNavigation(), result.click()]);
  assert.match(new URL(page.url()).pathname, /^\/nijmegen\/oost\/groepen\/\d+$/);
  assert.equal((await page.locator('h1').first().textContent()).trim(), 'Boekenkring');
  assert.deepEqual(problems, []);
  await context.close();
});
