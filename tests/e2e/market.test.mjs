// Ask & offer in the browser (issue 4 §13): a resident of Oost asks for help, a neighbour
// responds (a private conversation opens), they exchange messages, the poster marks the ask as
// matched with that neighbour, and the match count on the site home rises. Two demo residents
// (README "Demo logins"; the server runs with `serve --dev`, where demo logins work). Every page
// is checked with axe (0 violations) and for console errors and failed requests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { journey } from './lib/journey.mjs';

const T = { timeout: 120_000 };

const { url, path, actor, visit, follow, logIn } = journey({ before, after });

const button = (a, scope, name) => a.page.locator(scope).getByRole('button', { name, exact: true });

async function matchCount(a) {
  return Number((await a.page.textContent('[data-match-count]')).trim());
}

test('ask → respond → message → mark matched → the match count rises', T, async () => {
  const visitor = await actor('visitor');
  await visit(visitor, '/nijmegen/oost/');
  const before = await matchCount(visitor);
  await visit(visitor, '/nijmegen/');
  const cityBefore = await matchCount(visitor);

  // The poster asks for help.
  const poster = await actor('poster');
  await logIn(poster, 'bewoner1.oost@example.nl');
  await visit(poster, '/nijmegen/oost/vraag-aanbod/');
  await follow(poster, poster.page.locator('main').getByRole('link', { name: 'Vraag of aanbod plaatsen' }));
  await poster.page.selectOption('#field-kind', 'ask');
  await poster.page.selectOption('#field-category', 'vervoer');
  await poster.page.fill('#field-title', 'Wie brengt me naar de huisarts?');
  await poster.page.fill('#field-body', 'Donderdag om 9 uur, **heen en terug**.');
  await follow(poster, button(poster, 'main form', 'Publiceren'));
  const listing = path(poster);
  assert.match(listing, /^\/nijmegen\/oost\/vraag-aanbod\/\d+$/);
  assert.equal((await poster.page.textContent('h1')).trim(), 'Wie brengt me naar de huisarts?');
  assert.match(await poster.page.innerHTML('.market-body'), /<strong>heen en terug<\/strong>/);

  // A neighbour finds it on the site home and responds.
  const helper = await actor('helper');
  await logIn(helper, 'bewoner2.oost@example.nl');
  await visit(helper, '/nijmegen/oost/');
  await follow(helper, helper.page.locator('.market-home').getByRole('link', { name: 'Wie brengt me naar de huisarts?' }));
  assert.equal(path(helper), listing);
  await helper.page.fill('#field-body', 'Ik rijd je graag, ik woon om de hoek.');
  await follow(helper, button(helper, 'main form', 'Stuur je bericht'));
  const conversation = path(helper);
  assert.match(conversation, /^\/nijmegen\/oost\/berichten\/\d+$/);
  assert.match(await helper.page.textContent('.message-list'), /Ik rijd je graag/);

  // The poster has an unread message and answers.
  await visit(poster, '/nijmegen/oost/berichten/');
  assert.equal((await poster.page.textContent('[data-unread]')).trim(), '1');
  await follow(poster, poster.page.locator('.conversation-list a').first());
  assert.equal(path(poster), conversation);
  await poster.page.fill('#field-body', 'Fijn! Tot donderdag.');
  await follow(poster, button(poster, 'main form', 'Antwoord versturen'));
  assert.match(await poster.page.textContent('.message-list'), /Tot donderdag/);
  await visit(helper, conversation);
  assert.match(await helper.page.textContent('.message-list'), /Tot donderdag/);

  // The poster marks the ask as matched with the helper.
  await visit(poster, listing);
  await poster.page.locator('.market-match input[type=radio]').first().check();
  await follow(poster, button(poster, '.market-match', 'Match melden'));
  assert.match(await poster.page.textContent('[role=status]'), /De match telt mee/);

  await visit(visitor, '/nijmegen/oost/');
  assert.equal(await matchCount(visitor), before + 1, 'the site home counts the new match');
  await visit(visitor, '/nijmegen/');
  assert.equal(await matchCount(visitor), cityBefore + 1, 'the city portal counts it too');

  // The matched ask is in the archive; the board can be filtered (a GET form, no script needed).
  await visit(visitor, '/nijmegen/oost/vraag-aanbod/archief');
  assert.match(await visitor.page.textContent('.market-list'), /Wie brengt me naar de huisarts\?/);
  await visit(visitor, '/nijmegen/oost/vraag-aanbod/');
  await visitor.page.selectOption('#filter-kind', 'offer');
  await follow(visitor, button(visitor, '.filter-form', 'Toon vraag en aanbod'));
  assert.equal(new URL(visitor.page.url()).searchParams.get('kind'), 'offer');

  // The helper reports a message; it is stored and the conversation says so.
  await visit(helper, conversation);
  await follow(helper, helper.page.locator('.message-list').getByRole('link', { name: 'Meld dit bericht' }).first());
  await helper.page.fill('#field-reason', 'Voorbeeldmelding voor de test.');
  await follow(helper, button(helper, 'main form', 'Melding versturen'));
  assert.equal(path(helper), conversation);
  assert.match(await helper.page.textContent('[role=status]'), /Je melding is opgeslagen/);

  for (const a of [visitor, poster, helper]) assert.deepEqual(a.problems, [], `${a.label}: no console errors`);
});
