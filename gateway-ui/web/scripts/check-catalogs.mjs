// Fails (exit 1) when a web console catalog lacks a key that another catalog
// has, has an empty or non-string value, or a placeholder ({name}) that the
// English text does not have. Usage: node check-catalogs.mjs DIR
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node check-catalogs.mjs CATALOG_DIRECTORY');
  process.exit(2);
}
const required = ['en', 'de', 'fr', 'it', 'es', 'ja'];
const catalogs = new Map();
const problems = [];
for (const lang of required) {
  const file = join(dir, `${lang}.json`);
  try {
    catalogs.set(lang, JSON.parse(readFileSync(file, 'utf8')));
  } catch (e) {
    problems.push(`${file}: cannot be read as JSON (${e.message})`);
  }
}
for (const name of readdirSync(dir)) {
  if (name.endsWith('.json') && !required.includes(name.slice(0, -5))) {
    problems.push(`${join(dir, name)}: unknown language; the console offers ${required.join(', ')}`);
  }
}
const allKeys = new Set();
for (const c of catalogs.values()) {
  for (const k of Object.keys(c)) allKeys.add(k);
}
const placeholders = (s) => (typeof s === 'string' ? (s.match(/\{[a-zA-Z]+\}/g) ?? []).sort().join(',') : '');
const en = catalogs.get('en') ?? {};
for (const [lang, c] of catalogs) {
  for (const key of [...allKeys].sort()) {
    if (!(key in c)) {
      problems.push(`${lang}.json: missing key "${key}"`);
    } else if (typeof c[key] !== 'string' || c[key].trim() === '') {
      problems.push(`${lang}.json: key "${key}" has no text`);
    } else if (key in en && placeholders(c[key]) !== placeholders(en[key])) {
      problems.push(`${lang}.json: key "${key}" has placeholders ${placeholders(c[key]) || 'none'}, ` +
        `English has ${placeholders(en[key]) || 'none'}`);
    }
  }
}
if (problems.length > 0) {
  console.error(`web console catalogs in ${dir} are incomplete:`);
  for (const p of problems) console.error(`  ${p}`);
  console.error('add the missing translations, then build again');
  process.exit(1);
}
console.log(`web console catalogs complete: ${allKeys.size} keys in ${[...catalogs.keys()].join(', ')}`);
