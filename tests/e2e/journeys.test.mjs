// Browser journeys through a real server filled with the demo data (Nijmegen: nine
// neighbourhood sites, one per CBS wijk, 44 buurten). Run: node --test tests/e2e/
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, repoRoot } from './lib/server.mjs';
import { launchBrowser, openPage, assertAccessible } from './lib/browser.mjs';

const NIJMEGEN_SITES = 9;
const NIJMEGEN_BUURTEN = 44;
const T = { timeout: 90_000 };  // no journey may hang the run

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

// A Dutch reader: the server picks the language from Accept-Language when there is no choice yet.
const newContext = (options = {}) => browser.newContext({ locale: 'nl-NL', ...options });

async function waitForMap(page, atLeast) {
  await page.waitForFunction(
    (n) => document.querySelectorAll('#city-map .leaflet-interactive').length >= n,
    atLeast, { timeout: 15_000 });
}

/** The site links of the list on a city portal, as [{name, href, buurten}]. */
function siteList(page) {
  return page.$$eval('.site-list > li', (items) => items.map((li) => {
    const a = li.querySelector('.card-title a');
    return {
      name: a.textContent.trim(),
      href: a.getAttribute('href'),
      buurten: [...li.querySelectorAll('.inline-list li')].map((b) => b.textContent.trim()),
    };
  }));
}

describe('with JavaScript', () => {
  test('(a) home → Nijmegen → a neighbourhood site, accessible on every page', T, async () => {
    const context = await newContext();
    const { page, problems } = await openPage(context);

    const home = await page.goto(url('/'));
    assert.equal(home.status(), 200);
    assert.equal(await page.getAttribute('html', 'lang'), 'nl');
    await assertAccessible(page, 'platform home');

    await page.locator('main').getByRole('link', { name: 'Nijmegen', exact: true }).click();
    await page.waitForURL(/\/nijmegen\/$/);
    assert.equal((await page.textContent('h1')).trim(), 'Nijmegen');
    const sites = await siteList(page);
    assert.equal(sites.length, NIJMEGEN_SITES, `sites listed: ${sites.map((s) => s.name).join(', ')}`);
    assert.equal(sites.flatMap((s) => s.buurten).length, NIJMEGEN_BUURTEN);

    await waitForMap(page, NIJMEGEN_BUURTEN);
    assert.ok(await page.isVisible('#city-map'), 'the map is shown');
    assert.equal(await page.getAttribute('#city-map', 'role'), 'region');
    assert.ok((await page.getAttribute('#city-map', 'aria-label')).length > 10, 'the map has a name');
    assert.match(await page.textContent('.map-source'), /CBS, Kadaster\/PDOK/);
    assert.match(await page.textContent('#city-map .leaflet-control-attribution'), /Bron: CBS, Kadaster\/PDOK/);
    assert.equal(await page.locator('.site-list .swatch').count(), NIJMEGEN_SITES, 'each site has its map colour');
    await assertAccessible(page, 'city portal with map');

    const chosen = sites[1];
    await page.locator('.site-list .card-title a', { hasText: chosen.name }).click();
    await page.waitForURL((u) => u.pathname === chosen.href);
    assert.equal((await page.textContent('h1')).trim(), chosen.name);
    const buurten = await page.$$eval('.buurt-list li', (lis) => lis.map((li) => li.textContent));
    assert.equal(buurten.length, chosen.buurten.length);
    for (const b of chosen.buurten) {
      assert.ok(buurten.some((text) => text.includes(b)), `site home names buurt ${b}`);
    }
    await waitForMap(page, chosen.buurten.length);
    await assertAccessible(page, `site home ${chosen.href}`);
    assert.equal(await page.locator('main').getByRole('link', { name: /Nijmegen/ }).count() >= 1, true,
      'the site home links back to the city portal');

    // The map is a shortcut too: clicking a buurt opens the site that covers it.
    await page.goto(url('/nijmegen/'));
    await waitForMap(page, NIJMEGEN_BUURTEN);
    const target = sites[4];
    await page.locator(`#city-map path.leaflet-interactive[data-site-url="${target.href}"]`).first().dispatchEvent('click');
    await page.waitForURL((u) => u.pathname === target.href);

    assert.deepEqual(problems, []);
    await context.close();
  });

  test('(c) language switch: English and back to Dutch', T, async () => {
    const context = await newContext();
    const { page, problems } = await openPage(context);
    await page.goto(url('/nijmegen/'));
    assert.equal(await page.getAttribute('html', 'lang'), 'nl');
    assert.equal(await page.getAttribute('.lang-switch a[lang="nl"]', 'aria-current'), 'true');
    await assert.doesNotReject(page.getByRole('heading', { name: 'Alle buurtsites' }).waitFor());

    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.match(page.url(), /\/nijmegen\//);
    assert.equal(await page.getAttribute('.lang-switch a[lang="en"]', 'aria-current'), 'true');
    assert.equal(await page.getAttribute('.lang-switch a[lang="nl"]', 'aria-current'), null);
    await assert.doesNotReject(page.getByRole('heading', { name: 'All neighbourhood sites' }).waitFor());
    assert.equal((await page.textContent('.skip-link')).trim(), 'Skip to main content');
    await waitForMap(page, NIJMEGEN_BUURTEN);
    assert.match(await page.textContent('.map-source'), /^Source: CBS, Kadaster\/PDOK$/);
    await assertAccessible(page, 'city portal in English');

    await page.getByRole('link', { name: 'Nederlands' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'nl');
    await assert.doesNotReject(page.getByRole('heading', { name: 'Alle buurtsites' }).waitFor());
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('(d) an unknown site gives a 404 that lists the sites of Nijmegen', T, async () => {
    const context = await newContext();
    const { page, problems } = await openPage(context);
    const res = await page.goto(url('/nijmegen/bestaat-niet/'));
    assert.equal(res.status(), 404);
    assert.equal(await page.getAttribute('html', 'lang'), 'nl');
    assert.ok((await page.textContent('h1')).trim().length > 0, 'the error has a title');
    assert.match(await page.textContent('main'), /Dit zijn de buurtsites van Nijmegen/);
    const links = await page.$$eval('main .site-list a', (as) => as.map((a) => a.getAttribute('href')));
    assert.equal(links.length, NIJMEGEN_SITES);
    assert.ok(links.every((h) => h.startsWith('/nijmegen/')), links.join(' '));
    assert.equal(await page.locator('main a[href="/"]').count(), 1, 'links to the Buurtplein home page');
    await assertAccessible(page, '404 for an unknown site');

    await page.locator('main .site-list a').first().click();
    await page.waitForURL((u) => u.pathname === links[0]);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('(e) screenshot of the city portal for the README', T, async () => {
    const context = await newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await openPage(context);
    await page.goto(url('/nijmegen/'));
    await waitForMap(page, NIJMEGEN_BUURTEN);
    await page.evaluate(() => document.fonts.ready);
    mkdirSync(join(repoRoot, 'docs'), { recursive: true });
    await page.screenshot({ path: join(repoRoot, 'docs/screenshot.png'), fullPage: true, animations: 'disabled' });

    // The same page on a phone stays accessible (mobile-first layout, one column).
    await page.setViewportSize({ width: 375, height: 740 });
    await assertAccessible(page, 'city portal at 375 px');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling on a phone (overflow ${overflow}px)`);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('without JavaScript', () => {
  test('(b) the list is the page: every site and buurt, no map, no errors', T, async () => {
    const context = await newContext({ javaScriptEnabled: false });
    const { page, problems } = await openPage(context);

    await page.goto(url('/'));
    await page.locator('main').getByRole('link', { name: 'Nijmegen', exact: true }).click();
    await page.waitForURL(/\/nijmegen\/$/);
    const sites = await siteList(page);
    assert.equal(sites.length, NIJMEGEN_SITES);
    assert.equal(sites.flatMap((s) => s.buurten).length, NIJMEGEN_BUURTEN);
    assert.equal(await page.isVisible('.map-section'), false, 'no empty map box without JavaScript');
    assert.equal(await page.locator('.leaflet-container').count(), 0);
    // No axe run here: it needs JavaScript in the page. The markup is the same as in (a),
    // where axe checks it, minus the map.

    await page.locator('.site-list .card-title a').first().click();
    await page.waitForURL((u) => u.pathname === sites[0].href);
    assert.equal((await page.textContent('h1')).trim(), sites[0].name);
    assert.equal(await page.locator('.buurt-list li').count(), sites[0].buurten.length);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('server', () => {
  test('(f) stops cleanly on SIGTERM', T, async () => {
    const { code, signal, forced } = await server.stop();
    assert.equal(forced, false, `the server did not exit within 10 s of SIGTERM\n${server.output()}`);
    assert.equal(code, 0, `exit code ${code} (signal ${signal}) after SIGTERM\n${server.output()}`);
  });
});
