// The agenda journey (issue 4 §3 and §13): a resident of Oost (demo account) adds an event with
// two places; she and a neighbour sign up until it is full; a third neighbour lands on the
// waiting list; an anonymous visitor sees it full, on the agenda, on the site home, in the
// archive's neighbourhood and in the embeddable agenda. Every page: 0 axe violations, no console
// errors. The server runs with the demo and `serve --dev` (demo logins work only then).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { journey } from './lib/journey.mjs';

const T = { timeout: 120_000 };
const TITLE = `Snoeimiddag in de buurttuin ${Date.now() % 100000}`;

const { url, path, actor, visit, follow, logIn } = journey({ before, after });

// A date some days ahead, as a date input wants it (yyyy-mm-dd, Amsterdam is close enough to UTC
// for a date a week away).
function dateIn(days) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

const signUpButton = (a, name) => a.page.locator('.event-signup').getByRole('button', { name, exact: true });

let eventPath;

test('a resident adds an event with two places', T, async () => {
  const anna = await actor('bewoner1');
  await logIn(anna, 'bewoner1.oost@example.nl');
  await visit(anna, '/nijmegen/oost/agenda/');
  await follow(anna, anna.page.locator('main').getByRole('link', { name: 'Activiteit toevoegen', exact: true }));
  assert.equal(path(anna), '/nijmegen/oost/agenda/nieuw');

  // Sent empty first: the error summary names the missing title and links to the field.
  await follow(anna, anna.page.locator('main form.form').getByRole('button', { name: 'Publiceren' }), { status: 422 });
  assert.match(await anna.page.textContent('.error-summary'), /Geef je activiteit een titel/);

  await anna.page.fill('#field-title', TITLE);
  await anna.page.fill('#field-description', 'We snoeien samen de **struiken**. Neem handschoenen mee.');
  await anna.page.fill('#field-date', dateIn(7));
  await anna.page.fill('#field-start_time', '14:00');
  await anna.page.fill('#field-end_time', '16:00');
  await anna.page.fill('#field-place', 'Buurttuin Oost');
  await anna.page.check('#field-signup');
  await anna.page.fill('#field-capacity', '2');
  await follow(anna, anna.page.locator('main form.form').getByRole('button', { name: 'Publiceren' }));
  eventPath = path(anna);
  assert.match(eventPath, /^\/nijmegen\/oost\/agenda\/\d+$/);
  assert.equal((await anna.page.textContent('h1')).trim(), TITLE);
  assert.match(await anna.page.textContent('[role=status]'), /Je activiteit is opgeslagen/);
  assert.match(await anna.page.textContent('.event-count'), /2\s+plekken vrij/);

  await follow(anna, signUpButton(anna, 'Meld me aan'));
  assert.match(await anna.page.textContent('[role=status]'), /Je bent aangemeld/);
  assert.match(await anna.page.textContent('.event-count'), /1\s+plekken vrij/);
  assert.deepEqual(anna.problems, []);
});

test('a neighbour takes the last place, the next lands on the waiting list', T, async () => {
  const bram = await actor('bewoner2');
  await logIn(bram, 'bewoner2.oost@example.nl');
  await visit(bram, eventPath);
  await follow(bram, signUpButton(bram, 'Meld me aan'));
  assert.match(await bram.page.textContent('[role=status]'), /Je bent aangemeld/);
  assert.match(await bram.page.textContent('.event-count'), /Vol/);

  const noor = await actor('bewoner3');
  await logIn(noor, 'bewoner3.oost@example.nl');
  await visit(noor, eventPath);
  await follow(noor, signUpButton(noor, 'Zet me op de wachtlijst'));
  assert.match(await noor.page.textContent('[role=status]'), /Je staat op de wachtlijst/);
  assert.match(await noor.page.textContent('.event-status'), /Jouw plek: 1/);
  assert.deepEqual(bram.problems, []);
  assert.deepEqual(noor.problems, []);
});

test('anyone sees it full, on the agenda, the site home, the archive and the embed', T, async () => {
  const visitor = await actor('anonymous');
  await visit(visitor, eventPath);
  assert.match(await visitor.page.textContent('.event-count'), /Vol/);
  assert.match(await visitor.page.textContent('.event-count'), /1\s+op de wachtlijst/);
  const jsonLd = JSON.parse(await visitor.page.textContent('script[type="application/ld+json"]'));
  assert.equal(jsonLd['@type'], 'Event');
  assert.equal(jsonLd.name, TITLE);
  assert.equal(jsonLd.maximumAttendeeCapacity, 2);

  await visit(visitor, '/nijmegen/oost/agenda/');
  assert.ok(await visitor.page.locator('.event-list a', { hasText: TITLE }).count() > 0, 'on the agenda');
  await visit(visitor, '/nijmegen/oost/');
  assert.ok(await visitor.page.locator('.events-coming').count() === 1, 'the site home has the block');
  await visit(visitor, '/nijmegen/oost/agenda/archief');
  await visit(visitor, '/nijmegen/oost/agenda/embed');
  assert.ok(await visitor.page.locator('.embed-list a', { hasText: TITLE }).count() > 0, 'in the embed');
  assert.deepEqual(visitor.problems, []);
});
