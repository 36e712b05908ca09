// Proves that the catalog check fails: copies the real catalogs, removes one
// key from the German one, runs the check and expects exit status 1 with a
// message naming the language and the key; the unchanged copy must pass.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [check, catalogs] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'ng-catalogs-'));
let failed = false;
const fail = (msg) => { console.error(`FAIL: ${msg}`); failed = true; };
try {
  for (const f of readdirSync(catalogs)) copyFileSync(join(catalogs, f), join(dir, f));
  const run = () => spawnSync(process.execPath, [check, dir], { encoding: 'utf8' });
  const complete = run();
  if (complete.status !== 0) fail(`the complete catalogs were refused: ${complete.stderr}`);

  const de = JSON.parse(readFileSync(join(dir, 'de.json'), 'utf8'));
  const removed = 'login.locked';
  if (!(removed in de)) fail(`de.json has no "${removed}" to remove`);
  delete de[removed];
  writeFileSync(join(dir, 'de.json'), JSON.stringify(de, null, 2));
  const missing = run();
  if (missing.status !== 1) fail(`a missing key gave exit status ${missing.status}, expected 1`);
  if (!missing.stderr.includes(`de.json: missing key "${removed}"`)) {
    fail(`the message does not name the missing key: ${missing.stderr}`);
  }

  de[removed] = 'Gesperrt bis {zeit}';
  writeFileSync(join(dir, 'de.json'), JSON.stringify(de, null, 2));
  const placeholder = run();
  if (placeholder.status !== 1 || !placeholder.stderr.includes('placeholders')) {
    fail(`a wrong placeholder was not refused (status ${placeholder.status})`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (failed) process.exit(1);
console.log('the catalog check refuses a missing key and a wrong placeholder, and accepts the complete catalogs');
