// The HSDS 3.0 API of a city (issue 5 §7), validated against the Open Referral schemas in
// data/hsds (CC BY-SA 4.0): real responses of a real server with the demo loaded, checked with
// ajv (JSON Schema draft 2020-12, formats on). Run: node --test tests/e2e/hsds.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { startServer, repoRoot } from './lib/server.mjs';

const T = { timeout: 60_000 };
const hsds = join(repoRoot, 'data', 'hsds');
let server;

// The schema files carry documentation keywords (core, constraints, datapackage_metadata …):
// not strict about unknown keywords, strict about everything that validates.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
for (const file of readdirSync(join(hsds, 'schema'))) {
  if (file.endsWith('.json')) ajv.addSchema(JSON.parse(readFileSync(join(hsds, 'schema', file), 'utf8')), file);
}
const compiled = (name) => {
  const schema = JSON.parse(readFileSync(join(hsds, 'compiled', name), 'utf8'));
  delete schema.$id;
  return ajv.compile(schema);
};
const validators = {
  service: compiled('service.json'),
  serviceList: compiled('service_list.json'),
  organization: compiled('organization.json'),
  organizationList: compiled('organization_list.json'),
  serviceAtLocation: compiled('service_at_location.json'),
  serviceAtLocationList: compiled('service_at_location_list.json'),
  taxonomy: ajv.getSchema('taxonomy.json'),
  taxonomyTerm: ajv.getSchema('taxonomy_term.json'),
};
// The paging fields of the HSDS OpenAPI (components.schemas.Page), all required here.
const openapi = JSON.parse(readFileSync(join(hsds, 'openapi.json'), 'utf8'));
const pageSchema = structuredClone(openapi.components.schemas.Page);
pageSchema.required = Object.keys(pageSchema.properties).concat(['contents']);
pageSchema.properties.contents = { type: 'array' };
const validatePage = ajv.compile(pageSchema);

function assertValid(validate, value, label) {
  const ok = validate(value);
  assert.ok(ok, `${label} does not validate:\n${JSON.stringify(validate.errors, null, 2)}\n` +
    JSON.stringify(value, null, 2).slice(0, 2000));
}

async function get(path) {
  const res = await fetch(server.baseUrl + path);
  assert.equal(res.status, 200, path);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  return res.json();
}

async function getPage(path, itemValidator, label) {
  const page = await get(path);
  assertValid(validatePage, page, `${label} page`);
  assert.equal(page.size, page.contents.length);
  page.contents.forEach((item, i) => assertValid(itemValidator, item, `${label}[${i}]`));
  return page;
}

before(async () => { server = await startServer(); }, { timeout: 180_000 });
after(async () => { await server?.stop(); });

test('the root names the version and the OpenAPI description', T, async () => {
  const root = await get('/nijmegen/hsds/');
  assert.equal(root.version, '3.0');
  const res = await fetch(new URL(new URL(root.openapi_url).pathname, server.baseUrl));
  assert.equal(res.status, 200);
  assert.equal((await res.json()).info.title !== undefined, true);
});

test('services, one by one and in pages, validate', T, async () => {
  const page = await getPage('/nijmegen/hsds/services?per_page=100', validators.serviceList, 'services');
  assert.ok(page.total_items >= 10);
  for (const s of page.contents) {
    const full = await get(`/nijmegen/hsds/services/${s.id}`);
    assertValid(validators.service, full, `service ${s.name}`);
  }
  const paged = await getPage('/nijmegen/hsds/services?per_page=3&page=2', validators.serviceList, 'services p2');
  assert.equal(paged.page_number, 2);
  assert.equal(paged.first_page, false);
  const terms = await getPage('/nijmegen/hsds/taxonomy_terms?per_page=100', validators.taxonomyTerm, 'terms');
  const zorg = terms.contents.find((t) => t.code === 'zorg');
  const filtered = await getPage(`/nijmegen/hsds/services?taxonomy_term_id=${zorg.id}`, validators.serviceList, 'zorg');
  assert.ok(filtered.total_items >= 1 && filtered.total_items < page.total_items);
  const search = await getPage('/nijmegen/hsds/services?search=taal', validators.serviceList, 'search');
  assert.equal(search.total_items, 1);
});

test('organizations, services at locations and taxonomies validate', T, async () => {
  const orgs = await getPage('/nijmegen/hsds/organizations', validators.organizationList, 'organizations');
  for (const o of orgs.contents) {
    assertValid(validators.organization, await get(`/nijmegen/hsds/organizations/${o.id}`), `organization ${o.name}`);
  }
  const sals = await getPage('/nijmegen/hsds/service_at_locations?per_page=100', validators.serviceAtLocationList,
    'service_at_locations');
  assert.ok(sals.total_items >= 7);
  for (const x of sals.contents) {
    assertValid(validators.serviceAtLocation, await get(`/nijmegen/hsds/service_at_locations/${x.id}`), `sal ${x.id}`);
  }
  await getPage('/nijmegen/hsds/taxonomies', validators.taxonomy, 'taxonomies');
  const empty = await getPage('/arnhem/hsds/services', validators.serviceList, 'arnhem services');
  assert.equal(empty.empty, true);
});
