// Professionals journey (issue 3 §4, issue 5 §6) through a real server with the demo loaded and
// `serve --dev` (demo logins work only then). A demo resident of Oost looks at the site's
// professionals, asks a question addressed to the demo wijkcoach (a made-up professional of a
// made-up organisation, working in Oost without living there); the wijkcoach logs in, finds the
// question among "questions for you" and answers; the answer shows the professional badge and the
// organisation's name. The resident then sends her a message from her card, and withdraws an
// invitation link. Every page: axe (WCAG 2.x A/AA) with 0 violations, no console errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { journey } from './lib/journey.mjs';

const SITE = '/nijmegen/oost/';
const T = { timeout: 90_000 };
const run = Date.now().toString(36);
const QUESTION = `Waar kan ik terecht met vragen over mantelzorg? ${run}`;
const PRO_NAME = 'Sanne Hulpvaardig';
const PRO_ORG = 'Buurtteam Nijmegen (voorbeeld)';

const { url, path, button, actor, visit, follow, logIn, assertNoProblems } = journey({ before, after });

const heading = async (a) => (await a.page.textContent('h1')).trim();

let questionPath;
let resident;
let pro;

test('(1) a visitor sees the professionals of Oost, marked as examples', T, async () => {
  const visitor = await actor('visitor');
  await visit(visitor, SITE);
  await follow(visitor, visitor.page.locator('.professionals-home a'));
  assert.equal(await heading(visitor), 'Professionals in deze buurt');
  const list = await visitor.page.textContent('.professional-list');
  assert.match(list, new RegExp(PRO_NAME));
  assert.match(list, /\(voorbeeld\)/, 'demo professionals say they are examples');
  assertNoProblems(visitor);
});

test('(2) a resident asks the wijkcoach a question from her card', T, async () => {
  resident = await actor('resident');
  await logIn(resident, 'bewoner1.oost@example.nl');
  await visit(resident, `${SITE}wijkprofessionals/`);
  const card = resident.page.locator('.professional-card', { hasText: PRO_NAME });
  await follow(resident, card.getByRole('link', { name: `Stel ${PRO_NAME} een vraag` }));
  assert.equal(await heading(resident), 'Stel een vraag');
  const chosen = await resident.page.locator('#field-professional option:checked').textContent();
  assert.match(chosen, new RegExp(PRO_NAME), 'the professional is chosen already');
  await resident.page.fill('#field-title', QUESTION);
  await resident.page.fill('#field-body', 'Ik zorg voor mijn moeder en loop vast.');
  await follow(resident, button(resident, 'Vraag plaatsen'));
  questionPath = path(resident);
  assert.equal(await heading(resident), QUESTION);
  assert.match(await resident.page.textContent('.addressed-to'), new RegExp(`${PRO_NAME} \\(${PRO_ORG.replace(/[()]/g, '\\$&')}\\)`));
  assertNoProblems(resident);
});

test('(3) the wijkcoach logs in, finds the question and answers with her badge', T, async () => {
  pro = await actor('professional');
  await logIn(pro, 'professional.buurtteam@example.nl');
  await visit(pro, `${SITE}wijkprofessionals/vragen`);
  assert.equal(await heading(pro), 'Vragen voor jou');
  await follow(pro, pro.page.locator('.question-list .card-title a', { hasText: QUESTION }));
  assert.equal(path(pro), questionPath);
  await pro.page.fill('#field-answer', 'Kom langs op het spreekuur, dan kijken we samen naar mantelzorgondersteuning.');
  await follow(pro, button(pro, 'Antwoord versturen'));
  const answer = pro.page.locator('.answer', { hasText: 'mantelzorgondersteuning' });
  assert.match(await answer.locator('.tag-professional').textContent(), new RegExp(`Professional: ${PRO_ORG.replace(/[()]/g, '\\$&')}`));

  // Anyone sees the badge and the organisation.
  const visitor = await actor('visitor after');
  await visit(visitor, questionPath);
  assert.match(await visitor.page.textContent('.answer-list'), new RegExp(PRO_ORG.replace(/[()]/g, '\\$&')));
  assertNoProblems(pro, visitor);
});

test('(4) the resident sends the wijkcoach a message from her card, and she reads it', T, async () => {
  await visit(resident, `${SITE}wijkprofessionals/`);
  const card = resident.page.locator('.professional-card', { hasText: PRO_NAME });
  await follow(resident, card.getByRole('link', { name: `Stuur ${PRO_NAME} een bericht` }));
  await resident.page.fill('#field-body', `Hallo Sanne, mag ik eens langskomen? ${run}`);
  await follow(resident, button(resident, 'Stuur je bericht'));
  const conversation = path(resident);
  await visit(pro, conversation);
  assert.match(await pro.page.textContent('main'), new RegExp(`mag ik eens langskomen\\? ${run}`));
  assertNoProblems(resident, pro);
});

test('(5) the resident withdraws an invitation link', T, async () => {
  await visit(resident, `${SITE}invite`);
  await follow(resident, button(resident, 'Maak een uitnodigingslink'));
  await follow(resident, resident.page.locator('main').getByRole('link', { name: 'Bekijk je open uitnodigingen of trek er een in' }));
  assert.equal(await heading(resident), 'Je open uitnodigingen');
  const before = await resident.page.locator('.invitation-card').count();
  assert.ok(before >= 1, 'the new invitation is listed');
  await follow(resident, resident.page.locator('.invitation-card button').first());
  assert.equal(await resident.page.locator('.invitation-card').count(), before - 1);
  assert.match(await resident.page.textContent('[role=status]'), /ingetrokken/);
  assertNoProblems(resident);
});
