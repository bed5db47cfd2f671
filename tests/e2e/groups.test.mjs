// Groups and questions journey (issue 4 §5, §6) through a real server with the demo loaded and
// `serve --dev` (demo logins work only then). Two demo residents of Oost: the first starts a
// closed group, the second asks to join, the first lets them in and makes them admin, the second
// leaves; the first asks a question, the second answers, the first marks the answer that helped.
// Every page is checked with axe (WCAG 2.x A/AA): 0 violations, and for console errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { journey } from './lib/journey.mjs';

const SITE = '/nijmegen/oost/';
const T = { timeout: 90_000 };
const run = Date.now().toString(36);
const GROUP = `Fietsclub De Trapper ${run}`;
const QUESTION = `Waar kan ik terecht met een lekke fietsband? ${run}`;

const { url, path, button, actor, visit, follow, logIn, assertNoProblems } = journey({ before, after });

const heading = async (a) => (await a.page.textContent('h1')).trim();

let first;
let second;
let groupPath;
let questionPath;

test('(1) a visitor sees the demo groups and questions of Oost', T, async () => {
  const visitor = await actor('visitor');
  await visit(visitor, SITE);
  assert.ok(await visitor.page.locator('#groups-heading').isVisible(), 'groups block on the site home');
  assert.ok(await visitor.page.locator('#questions-heading').isVisible(), 'questions block on the site home');
  await visit(visitor, `${SITE}groepen/`);
  assert.equal(await heading(visitor), 'Groepen en initiatieven');
  await follow(visitor, visitor.page.locator('.group-list .card-title a').first());
  assert.match(await visitor.page.textContent('main'), /voorbeeldgroep/, 'demo content says it is an example');
  await visit(visitor, `${SITE}vragen/`);
  await visit(visitor, `${SITE}vragen/beantwoord`);
  await follow(visitor, visitor.page.locator('.question-list .card-title a').first());
  assert.ok(await visitor.page.locator('.answer').count() > 0, 'an answered question has answers');
  assertNoProblems(visitor);
});

test('(2) a resident starts a closed group; the form shows what is missing', T, async () => {
  first = await actor('first resident');
  await logIn(first, 'bewoner1.oost@example.nl');
  await visit(first, `${SITE}groepen/nieuw`);
  await follow(first, button(first, 'Groep starten'), { status: 422, label: 'empty group form' });
  assert.equal(await first.page.locator('.error-summary').count(), 1);
  assert.equal(await first.page.getAttribute('#field-name', 'aria-invalid'), 'true');
  await first.page.fill('#field-name', GROUP);
  await first.page.fill('#field-description', 'Elke zondag een **fietstocht** door de buurt.');
  await first.page.fill('#field-meeting_place', 'Bij de fietsenstalling');
  await first.page.check('#access-closed');
  await follow(first, button(first, 'Groep starten'));
  assert.equal(await heading(first), GROUP);
  groupPath = path(first);
  assert.match(groupPath, /^\/nijmegen\/oost\/groepen\/\d+$/);
  assert.match(await first.page.textContent('main'), /Je bent beheerder van deze groep/);
  assertNoProblems(first);
});

test('(3) a neighbour asks to join; the admin lets them in and makes them admin', T, async () => {
  second = await actor('second resident');
  await logIn(second, 'bewoner2.oost@example.nl');
  await visit(second, groupPath);
  await follow(second, button(second, 'Vraag of je mee mag doen'));
  assert.match(await second.page.textContent('[role="status"]'), /Je aanvraag is verstuurd/);

  await visit(first, groupPath);
  const requests = first.page.locator('.group-requests');
  assert.equal(await requests.locator('li').count(), 1, 'one request waiting');
  await follow(first, requests.getByRole('button').first());
  assert.match(await first.page.textContent('[role="status"]'), /toegelaten/);
  await follow(first, first.page.locator('main').getByRole('link', { name: 'Leden', exact: true }));
  assert.equal(await first.page.locator('.member-row').count(), 2);
  await follow(first, first.page.locator('.member-row').getByRole('button').first());
  assert.equal(await first.page.locator('.member-row .tag').count(), 2, 'two admins');
  assertNoProblems(first, second);
});

test('(4) the neighbour leaves the group', T, async () => {
  await visit(second, groupPath);
  await follow(second, button(second, 'Uit deze groep gaan'));
  assert.match(await second.page.textContent('[role="status"]'), /Je zit niet meer in deze groep/);
  assert.equal(await second.page.locator('main').getByRole('link', { name: 'Leden', exact: true }).count(), 0);
  assertNoProblems(second);
});

test('(5) ask, answer, and mark the answer that helped', T, async () => {
  await visit(first, `${SITE}vragen/nieuw`);
  await first.page.fill('#field-title', QUESTION);
  await first.page.fill('#field-body', 'Ik heb geen plakspullen.');
  await follow(first, button(first, 'Vraag plaatsen'));
  questionPath = path(first);
  assert.equal(await heading(first), QUESTION);

  await visit(second, questionPath);
  await follow(second, button(second, 'Antwoord versturen'), { status: 422, label: 'empty answer' });
  assert.equal(await second.page.locator('.error-summary').count(), 1);
  await second.page.fill('#field-answer', 'Het Repair Café in het buurthuis helpt je op zaterdag.');
  await follow(second, button(second, 'Antwoord versturen'));
  assert.match(await second.page.textContent('.answer-list'), /Repair Café/);

  await visit(first, questionPath);
  await follow(first, button(first, 'Dit antwoord heeft me geholpen'));
  assert.match(await first.page.textContent('.answer-list'), /Dit antwoord hielp/);
  await visit(first, `${SITE}vragen/beantwoord`);
  assert.match(await first.page.textContent('.question-list'), new RegExp(run));
  assertNoProblems(first, second);
});
