// A group organises (issue 4 §5, §7, §11) through a real server with the demo loaded and
// `serve --dev`: a demo resident of Oost starts a group, adds an event and writes news "organised
// by" it; a visitor finds both on the group's page (with its calendar link) and sees "door groep"
// on the agenda; a neighbour replies in a demo conversation and the resident sees the unread
// count next to "Berichten" in the header. An organisation organises (issue 4 §3): the demo's
// organisation admin adds a resident of Oost as an admin of the buurtteam on the sociale kaart;
// that resident adds an event "Georganiseerd door" the buurtteam, and the event page and the agenda
// link the organisation's sociale-kaart page. A professional who works in Oost without living there
// (the demo's buurtteam wijkcoach) adds an agenda item as her organisation (decision 0013): the form
// offers only her organisation and no members-only choice; the event is public, linked to the
// sociale kaart, and she edits it. Every page: axe (WCAG 2.x A/AA) 0 violations, no console errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { journey } from './lib/journey.mjs';

const SITE = '/nijmegen/oost/';
const T = { timeout: 90_000 };
const run = Date.now().toString(36);
const GROUP = `Buurtmoestuin ${run}`;
const EVENT = `Oogstdag in de moestuin ${run}`;
const NEWS = `De pompoenen zijn rijp ${run}`;
const ORG = 'Buurtteam Nijmegen (voorbeeld)';
const ORG_EVENT = `Spreekuur van het buurtteam ${run}`;
const PRO_EVENT = `Inloop van de wijkcoach ${run}`;

function dateIn(days) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

const { url, path, button, actor, visit, follow, logIn, assertNoProblems } = journey({ before, after });

let first;
let groupPath;
let eventPath;

test('(1) a resident starts a group and organises an event and news with it', T, async () => {
  first = await actor('resident');
  await logIn(first, 'bewoner1.oost@example.nl');
  await visit(first, `${SITE}groepen/nieuw`);
  await first.page.fill('#field-name', GROUP);
  await first.page.fill('#field-description', 'We tuinieren samen.');
  await follow(first, button(first, 'Groep starten'));
  groupPath = path(first);

  await visit(first, `${SITE}agenda/nieuw`);
  await first.page.fill('#field-title', EVENT);
  await first.page.fill('#field-date', dateIn(6));
  await first.page.fill('#field-start_time', '10:00');
  await first.page.fill('#field-end_time', '12:00');
  await first.page.fill('#field-place', 'De moestuin');
  await first.page.selectOption('#field-group', { label: GROUP });
  await follow(first, button(first, 'Publiceren'));
  eventPath = path(first);
  const organiser = first.page.locator('.event-facts').getByRole('link', { name: GROUP });
  assert.equal(await organiser.getAttribute('href'), groupPath, 'the event page links its group');

  await visit(first, `${SITE}nieuws/nieuw`);
  await first.page.fill('#field-title', NEWS);
  await first.page.fill('#field-body', 'Kom ze halen bij de **moestuin**.');
  await first.page.selectOption('#field-group', { label: GROUP });
  await follow(first, button(first, 'Publiceren'));
  assert.match(await first.page.textContent('main header'), new RegExp(`door groep ${GROUP}`));
  assertNoProblems(first);
});

test('(2) a visitor finds both on the group page and "door groep" on the agenda', T, async () => {
  const visitor = await actor('visitor');
  await visit(visitor, groupPath);
  const events = visitor.page.locator('.group-events');
  assert.equal(await events.getByRole('link', { name: EVENT }).getAttribute('href'), eventPath);
  assert.equal(await visitor.page.locator('.group-news').getByRole('link', { name: NEWS }).count(), 1);
  const webcal = await events.getByRole('link', { name: 'Zet de activiteiten van deze groep in je agenda' })
    .getAttribute('href');
  assert.ok(webcal.startsWith('webcal://') && webcal.endsWith(`${groupPath}/agenda.ics`), webcal);
  const ics = await visitor.page.request.get(url(`${groupPath}/agenda.ics`));
  assert.equal(ics.status(), 200);
  assert.match(await ics.text(), new RegExp(`SUMMARY:${EVENT}`));

  await visit(visitor, `${SITE}agenda/`);
  const card = visitor.page.locator('.event-card', { hasText: EVENT }).first();
  assert.equal(await card.getByRole('link', { name: GROUP }).getAttribute('href'), groupPath);
  assertNoProblems(visitor);
});

test('(3) a neighbour replies; the resident sees the unread count in the header', T, async () => {
  const second = await actor('neighbour');
  await logIn(second, 'bewoner2.oost@example.nl');
  await visit(second, `${SITE}berichten/`);
  // The demo's newest conversation of bewoner2 is with bewoner1 (an ask they helped with).
  await follow(second, second.page.locator('.conversation-list .card-title a').first());
  await second.page.fill('#field-body', `Hoe gaat het met de moestuin? ${run}`);
  await follow(second, button(second, 'Antwoord versturen'));

  await visit(first, SITE);
  const link = first.page.locator('.account-nav a.messages-link');
  assert.match(await link.locator('.unread-count').innerText(), /^\(\d+\)$/, 'the visible count');
  const named = first.page.locator('.account-nav').getByRole('link', { name: /^Berichten \(\d+ ongelezen\)$/ });
  assert.equal(await named.count(), 1, 'the accessible name says what the number means');
  await follow(first, link);
  assert.equal(path(first), `${SITE}berichten/`);
  assertNoProblems(first, second);
});

test('(4) an organisation admin adds an event as their organisation', T, async () => {
  // The demo's organisation admin makes a resident of Oost an admin of the buurtteam too.
  const keeper = await actor('organisation admin');
  await logIn(keeper, 'admin.buurtteam@example.nl');
  await visit(keeper, '/nijmegen/sociale-kaart/');
  await follow(keeper, keeper.page.locator('main').getByRole('link', { name: ORG }).first());
  const orgPath = path(keeper);
  await follow(keeper, keeper.page.getByRole('link', { name: 'Wie werkt hier' }));
  await keeper.page.fill('#field-email', 'bewoner3.oost@example.nl');
  await keeper.page.check('#role-admin');
  await follow(keeper, button(keeper, 'Toevoegen'));

  const resident = await actor('resident and organisation admin');
  await logIn(resident, 'bewoner3.oost@example.nl');
  await visit(resident, `${SITE}agenda/nieuw`);
  await resident.page.fill('#field-title', ORG_EVENT);
  await resident.page.fill('#field-date', dateIn(5));
  await resident.page.fill('#field-start_time', '14:00');
  await resident.page.fill('#field-end_time', '16:00');
  await resident.page.fill('#field-place', 'Wijkcentrum');
  await resident.page.selectOption('#field-organisation_id', { label: ORG });
  await follow(resident, button(resident, 'Publiceren'));
  const facts = resident.page.locator('.event-facts');
  assert.equal(await facts.getByRole('link', { name: ORG }).getAttribute('href'), orgPath, 'linked to its page');
  assert.equal(await facts.locator('.tag-organisation').innerText(), 'Organisatie', 'marked as an organisation');
  const ld = JSON.parse(await resident.page.locator('script[type="application/ld+json"]').textContent());
  assert.equal(ld.organizer['@type'], 'Organization');
  assert.ok(ld.organizer.url.endsWith(orgPath), ld.organizer.url);

  // Anyone sees it on the agenda, linked, and follows the link to the sociale kaart.
  const visitor = await actor('visitor of the agenda');
  await visit(visitor, `${SITE}agenda/`);
  const card = visitor.page.locator('.event-card', { hasText: ORG_EVENT }).first();
  await follow(visitor, card.getByRole('link', { name: ORG }));
  assert.equal(path(visitor), orgPath);
  assertNoProblems(keeper, resident, visitor);
});

test('(5) a professional working in Oost adds an agenda item as her organisation and edits it', T, async () => {
  const pro = await actor('professional');
  await logIn(pro, 'professional.buurtteam@example.nl');
  await visit(pro, `${SITE}agenda/`);
  await follow(pro, pro.page.locator('main').getByRole('link', { name: 'Activiteit toevoegen' }));
  assert.equal(path(pro), `${SITE}agenda/nieuw`);
  const choices = await pro.page.locator('#field-organisation_id option').allTextContents();
  assert.deepEqual(choices, [ORG], 'only her organisation, no "none"');
  assert.equal(await pro.page.locator('input[name="visibility"]').count(), 0, 'no members-only choice');
  await pro.page.fill('#field-title', PRO_EVENT);
  await pro.page.fill('#field-date', dateIn(4));
  await pro.page.fill('#field-start_time', '09:30');
  await pro.page.fill('#field-end_time', '11:30');
  await pro.page.fill('#field-place', 'Wijkcentrum');
  await follow(pro, button(pro, 'Publiceren'));
  const proEventPath = path(pro);
  const facts = pro.page.locator('.event-facts');
  assert.ok(await facts.getByRole('link', { name: ORG }).count() >= 1, 'linked to the organisation');

  // She edits her own item.
  await follow(pro, pro.page.getByRole('link', { name: 'Bewerken of verwijderen' }));
  await pro.page.fill('#field-place', 'Wijkcentrum, zaal 2');
  await follow(pro, button(pro, 'Wijzigingen opslaan'));
  assert.equal(path(pro), proEventPath);
  assert.match(await pro.page.textContent('main'), /zaal 2/);

  // Anyone sees it on the agenda, by the organisation.
  const visitor = await actor('visitor of the professional\'s item');
  await visit(visitor, `${SITE}agenda/`);
  const card = visitor.page.locator('.event-card', { hasText: PRO_EVENT }).first();
  assert.ok(await card.getByRole('link', { name: ORG }).count() >= 1);
  assertNoProblems(pro, visitor);
});
