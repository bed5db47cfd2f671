#!/usr/bin/env node
// Extracts every translatable msgid and checks that po/nl.po translates each one.
//
//   templates/**/*.mustache   [[English msgid]] markers (plain text; no HTML, mustache or "]]")
//   src/**/*.{cpp,hpp,h,cc}   MakeError(ErrorCode::kX, "msgid" ...) and Msg("msgid")
//
// Writes po/buurtplein.pot (stable output: no dates, so it only changes with the msgids).
// Exits 1 when a marker is malformed, or a msgid has no non-empty, non-fuzzy msgstr in
// po/nl.po, or po/nl.po cannot be parsed. Unused entries in po/nl.po are only reported.
// No dependencies: run with `node scripts/check-catalogs.mjs` from anywhere.
import { readFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rel = (p) => relative(root, p).split('\\').join('/');

function walk(dir, keep) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p, keep));
    else if (keep(e.name)) out.push(p);
  }
  return out.sort();
}

const lineAt = (text, index) => text.slice(0, index).split('\n').length;

/** msgid -> list of "file:line" references, in order of first appearance. */
const msgids = new Map();
const problems = [];

function add(id, ref) {
  if (!msgids.has(id)) msgids.set(id, []);
  msgids.get(id).push(ref);
}

// --- templates ---------------------------------------------------------------------------
for (const file of walk(join(root, 'templates'), (n) => n.endsWith('.mustache'))) {
  const text = readFileSync(file, 'utf8');
  const re = /\[\[([\s\S]*?)\]\]/g;
  let m;
  while ((m = re.exec(text))) {
    const ref = `${rel(file)}:${lineAt(text, m.index)}`;
    const raw = m[1];
    const id = raw.replace(/\s+/g, ' ').trim();
    if (raw !== id) problems.push(`${ref}: marker has leading, trailing or repeated white space: [[${raw}]]`);
    if (!id) { problems.push(`${ref}: empty marker [[]]`); continue; }
    if (id.includes('[[')) problems.push(`${ref}: marker contains "[[": [[${id}]]`);
    if (/\{\{|\}\}/.test(id)) problems.push(`${ref}: mustache tag inside a marker: [[${id}]]`);
    if (/<\/?[a-zA-Z]/.test(id)) problems.push(`${ref}: HTML inside a marker: [[${id}]]`);
    add(id, ref);
  }
}

// --- C++ sources -------------------------------------------------------------------------
const STR = String.raw`"(?:[^"\\\n]|\\.)*"`;              // one ordinary string literal
const LITS = String.raw`(${STR}(?:\s*${STR})*)`;          // adjacent literals concatenate
const cppPatterns = [
  new RegExp(String.raw`\bMakeError\s*\(\s*(?:[\w:]+::)?ErrorCode::k\w+\s*,\s*` + LITS, 'g'),
  new RegExp(String.raw`\bMsg\s*\(\s*` + LITS + String.raw`\s*\)`, 'g'),
];

function unescapeCpp(lits) {
  const parts = lits.match(new RegExp(STR, 'g')) || [];
  return parts.map((p) => p.slice(1, -1).replace(/\\(x[0-9a-fA-F]+|[0-7]{1,3}|.)/g, (_, e) => {
    const simple = { n: '\n', t: '\t', r: '\r', '"': '"', "'": "'", '\\': '\\', '?': '?', a: '\x07', b: '\b', f: '\f', v: '\v' };
    if (e in simple) return simple[e];
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]+$/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return e;
  })).join('');
}

// Drop comments so an example in a comment is not taken for a msgid; keep offsets and lines.
// Raw strings (SQL constants) are blanked too: they hold no msgids and may contain quotes.
function stripComments(text) {
  return text.replace(/\bu?8?[LuU]?R"([^()\\\s]{0,16})\(([\s\S]*?)\)\1"|\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g,
    (s) => (s[0] === '"' || s[0] === "'" ? s : s.replace(/[^\n]/g, ' ')));
}

const cppFiles = walk(join(root, 'src'), (n) => /\.(cpp|cc|hpp|h)$/.test(n));
for (const file of cppFiles) {
  const text = stripComments(readFileSync(file, 'utf8'));
  for (const re of cppPatterns) {
    re.lastIndex = 0;
    let m;
    while ((m = re.exec(text))) {
      const id = unescapeCpp(m[1]);
      const ref = `${rel(file)}:${lineAt(text, m.index)}`;
      if (!id.trim()) { problems.push(`${ref}: empty msgid`); continue; }
      add(id, ref);
    }
  }
}

// --- PO reading and writing --------------------------------------------------------------
function poUnquote(s, where) {
  if (!/^"(?:[^"\\]|\\.)*"$/.test(s)) throw new Error(`${where}: not a quoted PO string: ${s}`);
  return s.slice(1, -1).replace(/\\(.)/g, (_, c) => ({ n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' }[c] ?? c));
}

const poQuote = (s) => '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\t/g, '\\t')
  .replace(/\r/g, '\\r').replace(/\n/g, '\\n') + '"';

/** Parses a PO file into entries {msgctxt, msgid, msgstr, fuzzy, line}. */
function parsePo(file) {
  const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
  const entries = [];
  let cur = null;
  let field = null;
  let flags = [];
  const finish = () => { if (cur) entries.push(cur); cur = null; field = null; };
  lines.forEach((rawLine, i) => {
    const where = `${rel(file)}:${i + 1}`;
    const line = rawLine.trim();
    if (line === '') { finish(); flags = []; return; }
    if (line.startsWith('#~')) return;                       // obsolete entry
    if (line.startsWith('#,')) { if (cur && field) finish(); flags.push(...line.slice(2).split(',').map((f) => f.trim())); return; }
    if (line.startsWith('#')) { if (cur && field) finish(); return; }
    const kw = /^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$/.exec(line);
    if (kw) {
      const [, key, value] = kw;
      if (key === 'msgctxt' || (key === 'msgid' && (!cur || cur.msgid !== undefined))) {
        finish();
        cur = { line: i + 1, fuzzy: flags.includes('fuzzy') };
        flags = [];
      }
      if (!cur) { cur = { line: i + 1, fuzzy: flags.includes('fuzzy') }; flags = []; }
      field = key === 'msgstr[0]' ? 'msgstr' : key;
      cur[field] = (cur[field] ?? '') + poUnquote(value, where);
      return;
    }
    if (line.startsWith('"') && cur && field) { cur[field] += poUnquote(line, where); return; }
    throw new Error(`${where}: cannot parse: ${rawLine}`);
  });
  finish();
  return entries;
}

function writePot(file) {
  const out = [
    '# Buurtplein: translatable messages. Generated by scripts/check-catalogs.mjs; do not edit.',
    'msgid ""',
    'msgstr ""',
    '"Project-Id-Version: Buurtplein\\n"',
    '"MIME-Version: 1.0\\n"',
    '"Content-Type: text/plain; charset=UTF-8\\n"',
    '"Content-Transfer-Encoding: 8bit\\n"',
    '',
  ];
  for (const [id, refs] of msgids) {
    out.push(`#: ${refs.join(' ')}`, `msgid ${poQuote(id)}`, 'msgstr ""', '');
  }
  writeFileSync(file, out.join('\n'));
}

// --- check -------------------------------------------------------------------------------
writePot(join(root, 'po', 'buurtplein.pot'));

const nlFile = join(root, 'po', 'nl.po');
let nl = [];
try {
  nl = existsSync(nlFile) ? parsePo(nlFile) : [];
  if (!existsSync(nlFile)) problems.push('po/nl.po is missing');
} catch (e) {
  problems.push(e.message);
}

const translations = new Map();
for (const e of nl) {
  if (e.msgid === undefined || e.msgid === '' || e.msgctxt !== undefined) continue;
  if (translations.has(e.msgid)) problems.push(`po/nl.po:${e.line}: duplicate msgid ${poQuote(e.msgid)}`);
  translations.set(e.msgid, e);
}

const missing = [];
for (const [id, refs] of msgids) {
  const t = translations.get(id);
  if (!t || !t.msgstr) missing.push(`  ${poQuote(id)}  (${refs[0]})`);
  else if (t.fuzzy) missing.push(`  ${poQuote(id)}  (${refs[0]}; marked fuzzy in po/nl.po:${t.line})`);
  else if (t.msgstr.includes(']]')) problems.push(`po/nl.po:${t.line}: msgstr contains "]]"`);
}
const unused = [...translations.keys()].filter((id) => !msgids.has(id));

console.log(`check-catalogs: ${msgids.size} msgids (${cppFiles.length} C++ files scanned), po/buurtplein.pot written`);
if (unused.length) {
  console.log(`check-catalogs: note: ${unused.length} entries in po/nl.po are not used any more:`);
  for (const id of unused) console.log(`  ${poQuote(id)}`);
}
if (problems.length) {
  console.error('check-catalogs: problems:');
  for (const p of problems) console.error(`  ${p}`);
}
if (missing.length) {
  console.error(`check-catalogs: ${missing.length} msgids have no Dutch translation in po/nl.po:`);
  for (const m of missing) console.error(m);
}
process.exit(problems.length || missing.length ? 1 : 0);
