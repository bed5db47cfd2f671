// News journey (issue 4 §2, §13): a demo resident of Oost logs in, posts news with an image
// (a generated PNG: clearly not a photo of a real place), sees it on the post, in the list and
// on the site home; a second resident says "bedankt" with JavaScript (the count changes without
// a reload) and takes it back; the news list filters on a category. Every page: 0 axe
// violations, no console error, CSP violation or failed sub-resource.
// The server runs with the demo and `serve --dev` (demo logins work only then).
// Run: node --test tests/e2e/news.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { startServer } from './lib/server.mjs';
import { launchBrowser, openPage, assertAccessible } from './lib/browser.mjs';
import { totp } from './lib/totp.mjs';

const T = { timeout: 90_000 };
const DEMO_PASSWORD = 'buurtplein demo wachtwoord';  // README "Demo logins"
const DEMO_TOTP_SECRET = 'BUURTPLEINDEMOBUURTPLEINDEMO2345';
const SITE = '/nijmegen/oost/';
const TITLE = `Tekenwedstrijd in de buurt ${Date.now().toString(36)}`;

let server;
let browser;
const contexts = [];

before(async () => {
  server = await startServer({ serveArgs: ['--dev'] });
  browser = await launchBrowser();
}, { timeout: 180_000 });

after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

const url = (path) => server.baseUrl + path;

/** A PNG of width×height with coloured stripes, made here (CRC-32 and zlib by hand/node). */
function stripesPng(width, height) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;  // bit depth
  header[9] = 2;  // RGB
  const colours = [[29, 78, 137], [244, 162, 89], [255, 255, 255], [45, 106, 47]];
  const rows = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const [r, g, b] = colours[Math.floor((x + y) / 60) % colours.length];
      row[1 + x * 3] = r;
      row[2 + x * 3] = g;
      row[3 + x * 3] = b;
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A demo resident of Oost, logged in, in their own Dutch browser. */
async function resident(n) {
  const context = await browser.newContext({ locale: 'nl-NL' });
  contexts.push(context);
  const { page, problems } = await openPage(context);
  await page.goto(url('/account/login'));
  await page.fill('#field-email', `bewoner${n}.oost@example.nl`);
  await page.fill('#field-password', DEMO_PASSWORD);
  await Promise.all([page.waitForNavigation(), page.locator('main form button[type="submit"]').click()]);
  assert.doesNotMatch(new URL(page.url()).pathname, /\/account\/login/, 'logged in');
  return { page, problems };
}

let postPath;

test('a member posts news with an image and sees it on the site', T, async () => {
  const { page, problems } = await resident(1);
  const form = await page.goto(url(`${SITE}nieuws/nieuw`));
  assert.equal(form.status(), 200);
  await assertAccessible(page, 'news form');

  await page.fill('#field-title', TITLE);
  await page.fill('#field-body', 'Teken je **mooiste plek** in de buurt. Dit is een voorbeeld voor de test.');
  await page.selectOption('#field-category', { label: 'Activiteiten' });
  await page.setInputFiles('#field-image', { name: 'strepen.png', mimeType: 'image/png', buffer: stripesPng(1200, 800) });
  await page.fill('#field-image_alt', 'Gekleurde strepen, gemaakt voor de test');
  const [res] = await Promise.all([page.waitForNavigation(), page.locator('#field-form button[type="submit"]').click()]);
  assert.equal(res.status(), 200, `after posting: ${page.url()}`);
  postPath = new URL(page.url()).pathname;
  assert.match(postPath, /^\/nijmegen\/oost\/nieuws\/\d+$/);
  assert.equal((await page.textContent('h1')).trim(), TITLE);

  const img = page.locator('.news-image img');
  assert.equal(await img.getAttribute('alt'), 'Gekleurde strepen, gemaakt voor de test');
  assert.match(await img.getAttribute('srcset'), /480w.*960w.*1200w/);
  await img.evaluate((el) => el.decode());
  assert.ok(await img.evaluate((el) => el.naturalWidth > 0), 'the image loads');
  assert.equal(await page.locator('.news-post .tag-category').textContent(), 'Activiteiten');
  await assertAccessible(page, 'news post with image');

  // On the list (also filtered on its category) and on the site home.
  await page.goto(url(`${SITE}nieuws/`));
  assert.ok(await page.getByRole('link', { name: TITLE }).isVisible());
  await assertAccessible(page, 'news list');
  await page.locator('.news-filters').getByRole('link', { name: 'Activiteiten' }).click();
  await page.waitForURL(/categorie=\d+/);
  assert.ok(await page.getByRole('link', { name: TITLE }).isVisible());
  await assertAccessible(page, 'news list of one category');
  await page.goto(url(SITE));
  assert.ok(await page.getByRole('link', { name: TITLE }).isVisible());
  await assertAccessible(page, 'site home');

  // The edit form shows the image, with a way to remove or replace it.
  await page.goto(url(`${postPath}/bewerken`));
  assert.ok(await page.locator('.news-image-current img').isVisible());
  assert.ok(await page.locator('#field-remove_image').isVisible());
  await assertAccessible(page, 'edit form with an image');
  assert.deepEqual(problems, []);
});

test('a neighbour says "bedankt" with JavaScript, without a reload', T, async () => {
  assert.ok(postPath, 'the first test posted the news');
  const { page, problems } = await resident(2);
  await page.goto(url(postPath));
  await assertAccessible(page, 'news post as a neighbour');
  const button = page.locator('.news-thanks button');
  const count = page.locator('.js-thanks-count');
  assert.equal(await button.getAttribute('aria-pressed'), 'false');
  const before = Number(await count.textContent());

  await page.evaluate(() => { window.notReloaded = true; });
  await button.click();
  await page.waitForFunction(() => document.querySelector('.news-thanks button').getAttribute('aria-pressed') === 'true');
  assert.equal(Number(await count.textContent()), before + 1);
  assert.equal(await page.evaluate(() => window.notReloaded), true, 'the page was not reloaded');
  await assertAccessible(page, 'news post after bedankt');

  await button.click();  // and back
  await page.waitForFunction(() => document.querySelector('.news-thanks button').getAttribute('aria-pressed') === 'false');
  assert.equal(Number(await count.textContent()), before);

  // The comment form works too (a plain form post).
  await page.fill('#field-comment', 'Wat een leuk idee!');
  await Promise.all([page.waitForNavigation(), page.locator('.comment-form button[type="submit"]').click()]);
  assert.ok(await page.locator('.comment-list').getByText('Wat een leuk idee!').isVisible());
  await assertAccessible(page, 'news post with a comment');
  assert.deepEqual(problems, []);
});

test('the buurtverbinder manages the categories', T, async () => {
  const context = await browser.newContext({ locale: 'nl-NL' });
  contexts.push(context);
  const { page, problems } = await openPage(context);
  await page.goto(url(`${SITE}nieuws/categorieen/`));  // → login, then back here
  await page.fill('#field-email', 'buurtverbinder.oost@example.nl');
  await page.fill('#field-password', DEMO_PASSWORD);
  await Promise.all([page.waitForNavigation(), page.locator('main form button[type="submit"]').click()]);
  await page.fill('#field-code', totp(DEMO_TOTP_SECRET));
  await Promise.all([page.waitForNavigation(), page.locator('main form button[type="submit"]').click()]);
  assert.equal(new URL(page.url()).pathname, `${SITE}nieuws/categorieen/`);
  await assertAccessible(page, 'categories');
  assert.equal(await page.locator('.category-list > li').count(), 3, 'the demo categories');

  await page.fill('#field-name', 'Groen');  // taken: refused, accessibly
  const [refused] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Categorie toevoegen' }).click()]);
  assert.equal(refused.status(), 422);
  assert.equal(await page.getAttribute('#field-name', 'aria-invalid'), 'true');
  await assertAccessible(page, 'categories with an error');

  await page.fill('#field-name', 'Speeltuin');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Categorie toevoegen' }).click()]);
  assert.equal(await page.locator('.category-list > li').count(), 4);
  await assertAccessible(page, 'categories after adding one');
  assert.deepEqual(problems, []);
});
