// What every browser journey does: people (a browser context each), visiting pages and following
// links with an axe check (WCAG 2.x A/AA) on every page, logging in with a demo account, and at
// the end no console errors or failed requests. One server with `serve --dev` per test file
// (demo logins work only then).
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launchBrowser, openPage, assertAccessible } from './browser.mjs';

export const DEMO_PASSWORD = 'buurtplein demo wachtwoord';  // README "Demo logins"

/** Registers the file's `before`/`after` hooks and returns the steps of a journey. */
export function journey({ before, after }) {
  let server;
  let browser;
  const actors = [];

  before(async () => {
    server = await startServer({ serveArgs: ['--dev'] });
    browser = await launchBrowser();
  }, { timeout: 180_000 });

  after(async () => {
    for (const a of actors) await a.context.close().catch(() => {});
    await browser?.close();
    await server?.stop();
  });

  const url = (p) => server.baseUrl + p;
  const path = (a) => new URL(a.page.url()).pathname;
  const button = (a, name) => a.page.locator('main').getByRole('button', { name, exact: true });

  async function actor(label) {
    const context = await browser.newContext({ locale: 'nl-NL' });
    const { page, problems } = await openPage(context);
    const a = { label, context, page, problems };
    actors.push(a);
    return a;
  }

  async function visit(a, p, { status = 200 } = {}) {
    const res = await a.page.goto(url(p));
    assert.equal(res.status(), status, `${a.label}: GET ${p}`);
    await assertAccessible(a.page, `${p} (${a.label})`);
    return res;
  }

  async function follow(a, locator, { status = 200, label } = {}) {
    const [res] = await Promise.all([a.page.waitForNavigation(), locator.click()]);
    assert.equal(res.status(), status, `${a.label}: ${res.request().method()} ${res.url()}`);
    await assertAccessible(a.page, `${label ?? path(a)} (${a.label})`);
    return res;
  }

  async function logIn(a, email) {
    await visit(a, '/account/login');
    await a.page.fill('#field-email', email);
    await a.page.fill('#field-password', DEMO_PASSWORD);
    await follow(a, button(a, 'Inloggen'));
    assert.equal(path(a), '/account/', `${a.label} is logged in`);
  }

  function assertNoProblems(...people) {
    for (const a of people) assert.deepEqual(a.problems, [], `${a.label}: no console errors or failed requests`);
  }

  return { url, path, button, actor, visit, follow, logIn, assertNoProblems };
}
