// Feeds and sharing in Chromium: a demo resident (serve --dev) posts news; a visitor finds the
// Atom feed announced in the page head, the share links and a working "copy link" button, and
// without JavaScript the link field to copy by hand. Every page: 0 axe violations, no console
// errors, no request to another site.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { launchBrowser, openPage, assertAccessible } from './lib/browser.mjs';

const DEMO_PASSWORD = 'buurtplein demo wachtwoord';  // README "Demo logins"
const T = { timeout: 90_000 };
const TITLE = 'Rommelmarkt op het plein & koffie';

let server;
let browser;
let postPath;

before(async () => {
  server = await startServer({ serveArgs: ['--dev'] });
  browser = await launchBrowser();
}, { timeout: 180_000 });

after(async () => {
  await browser?.close();
  await server?.stop();
});

const url = (path) => server.baseUrl + path;

// Records requests that leave the test server: sharing must not contact a third party.
function watchForeignRequests(page) {
  const foreign = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(server.baseUrl) && !r.url().startsWith('data:')) foreign.push(r.url());
  });
  return foreign;
}

test('a resident posts news; the page shows share links and announces the feed', T, async () => {
  const context = await browser.newContext({ locale: 'nl-NL' });
  const { page, problems } = await openPage(context);
  await page.goto(url('/account/login'));
  await page.fill('#field-email', 'bewoner1.oost@example.nl');
  await page.fill('#field-password', DEMO_PASSWORD);
  await Promise.all([page.waitForNavigation(), page.locator('main form button[type="submit"]').click()]);

  await page.goto(url('/nijmegen/oost/nieuws/nieuw'));
  await page.fill('#field-title', TITLE);
  await page.fill('#field-body', 'Zaterdag van **10 tot 14 uur**. Neem je spullen mee!');
  await Promise.all([page.waitForNavigation(), page.locator('main form button[type="submit"]').click()]);
  postPath = new URL(page.url()).pathname;
  assert.match(postPath, /^\/nijmegen\/oost\/nieuws\/\d+$/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a visitor with JavaScript copies the link; nothing is loaded from elsewhere', T, async () => {
  const context = await browser.newContext({ locale: 'nl-NL' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.baseUrl });
  const { page, problems } = await openPage(context);
  const foreign = watchForeignRequests(page);
  await page.goto(url(postPath));
  assert.equal((await page.textContent('h1')).trim(), TITLE);

  const feed = await page.getAttribute('link[rel="alternate"][type="application/atom+xml"]', 'href');
  assert.match(feed, /\/nijmegen\/oost\/nieuws\.atom$/);
  assert.equal(await page.getAttribute('meta[property="og:type"]', 'content'), 'article');
  assert.equal(await page.getAttribute('meta[property="og:title"]', 'content'), TITLE);
  assert.match(await page.getAttribute('meta[property="og:url"]', 'content'), new RegExp(`${postPath}$`));

  const mail = await page.getAttribute('.share a[href^="mailto:"]', 'href');
  assert.ok(mail.includes(encodeURIComponent('Rommelmarkt op het plein')), mail);
  const whatsapp = await page.getAttribute('.share a[href^="https://wa.me/"]', 'href');
  assert.ok(decodeURIComponent(whatsapp).includes(postPath), whatsapp);

  const copy = page.getByRole('button', { name: 'Kopieer de link' });
  assert.ok(await copy.isVisible(), 'share.js shows the copy button');
  await assertAccessible(page, 'news item with share links');
  await copy.click();
  await page.waitForFunction(() => document.querySelector('[data-share-status]').textContent !== '');
  assert.equal((await page.textContent('[data-share-status]')).trim(), 'De link is gekopieerd.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, await page.inputValue('#share-url'));
  assert.match(copied, new RegExp(`${postPath}$`));
  await assertAccessible(page, 'news item after copying');

  // The feed itself is served as Atom and carries the post.
  const atom = await page.request.get(url('/nijmegen/oost/nieuws.atom'));
  assert.equal(atom.status(), 200);
  assert.match(atom.headers()['content-type'], /^application\/atom\+xml/);
  assert.ok((await atom.text()).includes('Rommelmarkt op het plein &amp; koffie'));

  assert.deepEqual(foreign, [], 'no request to another site');
  assert.deepEqual(problems, []);
  await context.close();
});

test('without JavaScript the link field is there to copy by hand', T, async () => {
  const context = await browser.newContext({ locale: 'nl-NL', javaScriptEnabled: false });
  const { page, problems } = await openPage(context);
  await page.goto(url(postPath));
  assert.equal(await page.locator('[data-share-copy]').isVisible(), false, 'no button that cannot work');
  assert.ok(await page.isVisible('#share-url'));
  assert.equal(await page.getAttribute('#share-url', 'readonly'), '');
  assert.equal(await page.textContent('label[for="share-url"]'), 'Link naar dit nieuws');
  assert.ok(await page.isVisible('.share a[href^="mailto:"]'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('the city portal announces the city feed and is accessible', T, async () => {
  const context = await browser.newContext({ locale: 'nl-NL' });
  const { page, problems } = await openPage(context);
  await page.goto(url('/nijmegen/'));
  const feed = await page.getAttribute('link[rel="alternate"][type="application/atom+xml"]', 'href');
  assert.match(feed, /\/nijmegen\/nieuws\.atom$/);
  assert.equal(await page.getAttribute('meta[property="og:locale"]', 'content'), 'nl_NL');
  const atom = await page.request.get(url('/nijmegen/nieuws.atom'));
  assert.ok((await atom.text()).includes('Rommelmarkt op het plein'));
  assert.deepEqual(problems, []);
  await context.close();
});
