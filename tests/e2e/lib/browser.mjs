// Chromium through playwright-core, plus an axe-core check that leaves the page's CSP on.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { repoRoot } from './server.mjs';

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/**
 * Opens a page that records what should never happen: uncaught errors, console errors
 * (CSP violations are console errors too) and failed sub-resources. `problems` lists them.
 */
export async function openPage(context) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // A 404 page logs "Failed to load resource" for its own document: checked via responses.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
      problems.push(`console error: ${m.text()}`);
    }
  });
  page.on('requestfailed', (r) => {
    // Chromium fetches the favicon after the load event and cancels it when the test moves on
    // to the next page at once: that is the browser's doing, not a failure of the server.
    if (r.failure()?.errorText === 'net::ERR_ABORTED' && /\/favicon\.[^/]*$/.test(new URL(r.url()).pathname)) return;
    problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && r.request().resourceType() !== 'document') {
      problems.push(`HTTP ${r.status()} for ${r.url()}`);
    }
  });
  return { page, problems };
}

const axeSource = readFileSync(join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');

function formatViolations(violations) {
  return violations.map((v) => {
    const nodes = v.nodes.map((n) => `    at ${n.target.join(' ')}\n      ${(n.failureSummary || '').replace(/\n/g, '\n      ')}`);
    return `- [${v.impact}] ${v.id}: ${v.help}\n  ${v.helpUrl}\n${nodes.join('\n')}`;
  }).join('\n');
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA) on the page and fails on any violation.
 * The source goes in through page.evaluate, which DevTools runs outside the page's CSP, so
 * the page keeps its real policy (addScriptTag would be an inline script, which CSP blocks).
 */
export async function assertAccessible(page, label = page.url()) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(axeSource);
  }
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    resultTypes: ['violations'],
  }));
  assert.equal(result.violations.length, 0,
    `axe found ${result.violations.length} accessibility violations on ${label}:\n${formatViolations(result.violations)}`);
}
