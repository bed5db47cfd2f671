// Keeping the sociale kaart right in Chromium (issue 5 §2, §5): a board member of Nijmegen
// reviews entries (oldest check first) and marks one as checked, adds a category (an error
// first, shown accessibly), opens an organisation's people and edit pages and adds a place with
// weekly opening hours; the buurtverbinder of Oost adds a local place that shows on Oost's list.
// Every page: 0 axe violations, no console error, CSP violation or failed sub-resource.
// The server runs with the demo and `serve --dev` (demo logins work only then).
// Run: node --test tests/e2e/directory_keepers.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { launchBrowser, openPage, assertAccessible } from './lib/browser.mjs';
import { totp } from './lib/totp.mjs';

const T = { timeout: 120_000 };
const DEMO_PASSWORD = 'buurtplein demo wachtwoord';  // README "Demo logins"
const DEMO_TOTP_SECRET = 'BUURTPLEINDEMOBUURTPLEINDEMO2345';

let server;
let browser;

before(async () => {
  server = await startServer({ serveArgs: ['--dev'] });
  browser = await launchBrowser();
}, { timeout: 180_000 });

after(async () => {
  await browser?.close();
  await server?.stop();
});

const url = (path) => server.baseUrl + path;

// The server takes each code of an account once (replay protection) and accepts the next step's
// code too: several log-ins of one account in one 30-second step use the next one, or wait.
const lastStep = new Map();
async function freshCode(email) {
  for (;;) {
    const now = Math.floor(Date.now() / 30_000);
    const last = lastStep.get(email) ?? -1;
    const step = now > last ? now : now + 1 > last ? now + 1 : null;
    if (step !== null) {
      lastStep.set(email, step);
      return totp(DEMO_TOTP_SECRET, { time: step * 30_000 });
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Logs in with the second factor on the way to `path`. */
async function logInTo(email, path) {
  const context = await browser.newContext({ locale: 'nl-NL' });
  const { page, problems } = await openPage(context);
  await page.goto(url(path));  // → login, then back here
  await page.fill('#field-email', email);
  await page.fill('#field-password', DEMO_PASSWORD);
  await Promise.all([page.waitForNavigation(), page.locator('main form button[type="submit"]').click()]);
  await page.fill('#field-code', await freshCode(email));
  await Promise.all([page.waitForNavigation(), page.locator('main form button[type="submit"]').click()]);
  assert.equal(new URL(page.url()).pathname, path);
  return { context, page, problems };
}

test('the board reviews entries, edits categories and keeps an organisation right', T, async () => {
  const { context, page, problems } = await logInTo('bestuur1@example.nl', '/nijmegen/sociale-kaart/beheer/');
  await assertAccessible(page, 'review list');
  const first = (await page.locator('.directory-review tbody th a').first().textContent()).trim();
  assert.ok(first.length > 0);
  await Promise.all([page.waitForNavigation(), page.locator('.directory-review tbody form button').first().click()]);
  assert.equal(new URL(page.url()).pathname, '/nijmegen/sociale-kaart/beheer/');

  await page.getByRole('link', { name: 'Categorieën van de sociale kaart' }).click();
  await page.waitForSelector('#field-name');
  await assertAccessible(page, 'categories');
  const [refused] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Categorie toevoegen' }).click()]);
  assert.equal(refused.status(), 422);
  assert.equal(await page.getAttribute('#field-name', 'aria-invalid'), 'true');
  await assertAccessible(page, 'categories with an error');
  await page.fill('#field-name', 'Digitale hulp');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Categorie toevoegen' }).click()]);
  assert.equal(await page.inputValue('#term-name-digitale-hulp'), 'Digitale hulp');

  // An organisation: the board may edit it and see who works there.
  await page.goto(url('/nijmegen/sociale-kaart/'));
  await page.getByRole('link', { name: 'Stichting Samen in de Wijk (voorbeeld)' }).first().click();
  await page.waitForSelector('h1');
  await assertAccessible(page, 'organisation with the keeper links');
  await page.getByRole('link', { name: 'Wie werkt hier' }).click();
  await page.waitForSelector('#field-email');
  await assertAccessible(page, 'people of an organisation');
  await page.goBack();
  await page.getByRole('link', { name: 'Nieuwe plek' }).click();
  await page.waitForSelector('#opens-MO');
  await assertAccessible(page, 'new place with opening hours');
  await page.fill('#field-name', 'Buurthuis de Test (voorbeeld)');
  await page.fill('#opens-MO', '09:00');
  await page.fill('#closes-MO', '17:00');
  await page.fill('#opens-TU', '09:00');
  await page.fill('#closes-TU', '17:00');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Wijzigingen opslaan' }).click()]);
  assert.match(await page.textContent('main'), /Buurthuis de Test/);
  assert.match(await page.textContent('main'), /maandag, dinsdag: 09:00–17:00/i);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a buurtverbinder adds a local place for their site', T, async () => {
  const { context, page, problems } = await logInTo('buurtverbinder.oost@example.nl',
    '/nijmegen/oost/sociale-kaart/nieuwe-plek');
  await assertAccessible(page, 'local place form');
  const [refused] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Plek toevoegen' }).click()]);
  assert.equal(refused.status(), 422);
  await assertAccessible(page, 'local place form with an error');
  await page.fill('#field-name', 'Bibliotheek Oost (voorbeeld)');
  await page.selectOption('#field-categories', 'cultuur');
  await page.fill('#field-description', 'Boeken lenen en hulp met de computer');
  await page.fill('#opens-WE', '13:00');
  await page.fill('#closes-WE', '17:00');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Plek toevoegen' }).click()]);
  assert.equal(await page.textContent('h1'), 'Bibliotheek Oost (voorbeeld)');
  await assertAccessible(page, 'the new local place');
  await page.goto(url('/nijmegen/oost/sociale-kaart/?q=Bibliotheek'));
  assert.ok(await page.getByRole('link', { name: 'Bibliotheek Oost (voorbeeld)' }).count() > 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the board edits a service\'s areas and languages and a place\'s exception dates', T, async () => {
  const { context, page, problems } = await logInTo('bestuur1@example.nl', '/nijmegen/sociale-kaart/beheer/');
  await page.goto(url('/nijmegen/sociale-kaart/?q=Schuldhulpmaatje'));
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Schuldhulpmaatje' }).first().click()]);
  await page.goto(url(new URL(page.url()).pathname + '/bewerken'));
  await page.waitForSelector('#field-service_areas');
  await assertAccessible(page, 'service form with areas and languages');
  // No area chosen: the error summary links to the areas.
  for (const box of await page.locator('#field-service_areas input[type="checkbox"]').all()) await box.uncheck();
  const [refused] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Wijzigingen opslaan' }).click()]);
  assert.equal(refused.status(), 422);
  assert.equal(await page.locator('.error-summary a[href="#field-service_areas"]').count(), 1);
  await assertAccessible(page, 'service form with an area error');
  await page.locator('#field-service_areas .directory-area-list > li input[type="checkbox"]').first().check();
  await page.fill('#field-languages', 'nl, en');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Wijzigingen opslaan' }).click()]);
  assert.match(new URL(page.url()).pathname, /^\/nijmegen\/sociale-kaart\/diensten\//);
  assert.match(await page.textContent('main'), /English/);

  // A place of an organisation: other hours on a date.
  await page.goto(url('/nijmegen/sociale-kaart/'));
  await page.getByRole('link', { name: 'Stichting Samen in de Wijk (voorbeeld)' }).first().click();
  await page.waitForSelector('h1');
  await Promise.all([page.waitForNavigation(), page.locator('a[href*="/locaties/"][href$="/bewerken"]').first().click()]);
  await page.waitForSelector('#field-exceptions');
  await assertAccessible(page, 'place form with exception dates');
  await page.fill('#uitzondering-datum-0', '2026-12-24');
  const [noHours] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Wijzigingen opslaan' }).click()]);
  assert.equal(noHours.status(), 422);
  assert.equal(await page.locator('.error-summary a[href="#field-exceptions"]').count(), 1);
  await assertAccessible(page, 'place form with an exception error');
  await page.fill('#uitzondering-open-0', '09:00');
  await page.fill('#uitzondering-sluit-0', '12:00');
  await page.fill('#uitzondering-notitie-0', 'Kerstavond');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Wijzigingen opslaan' }).click()]);
  assert.match(new URL(page.url()).pathname, /^\/nijmegen\/sociale-kaart\/organisaties\//);
  assert.match(await page.textContent('main'), /Kerstavond/);
  await assertAccessible(page, 'organisation with other opening hours');
  assert.deepEqual(problems, []);
  await context.close();
});
