// The last file of the run (node's test runner takes a folder's files in name order, hence
// «zz-»): the log in `logs/` of every data directory the run launched the app on exists, is not
// empty, and holds none of the test citizens' data — phones (+7…, 8…, bare, as typed), surnames,
// names, e-mails, passport numbers and СНИЛС (with and without separators). Its own two
// scenarios make sure there is something to check even when it runs alone: a registration, then
// «Сведения для поддержки» saved from the footer; and a start-up failure, saved from its screen.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { embeddedOnly, freshDataDir, launchedList, withApp } from './support/app.mjs';
import { remoteSuite } from './support/server.mjs';
import { citizen, register } from './support/flows.mjs';
import { passport } from './support/closure.mjs';
import { click, text, waitFor } from './support/ui.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** The E2E sources, where every test citizen's data is written down. */
function sources() {
  const files = [here, join(here, 'support')].flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.mjs'))
      .map((name) => join(dir, name)),
  );
  return files.filter((file) => file !== fileURLToPath(import.meta.url)).map((file) => readFileSync(file, 'utf8')).join('\n');
}

/** Each personal value the E2E run types, in every form it could be written. */
function personalNeedles() {
  const code = sources();
  const needles = new Set();
  const add = (value) => value && needles.add(value);
  for (const [, ten] of code.matchAll(/\+7(\d{10})\b/g)) {
    add(`+7${ten}`);
    add(`8${ten}`);
    add(ten);
    add(`+7 (${ten.slice(0, 3)}) ${ten.slice(3, 6)}-${ten.slice(6, 8)}-${ten.slice(8)}`);
    add(`8 ${ten.slice(0, 3)} ${ten.slice(3, 6)} ${ten.slice(6, 8)} ${ten.slice(8)}`);
  }
  for (const [snils] of code.matchAll(/\b\d{3}-\d{3}-\d{3} \d{2}\b/g)) {
    add(snils);
    add(snils.replace(/\D/g, ''));
  }
  for (const [number] of code.matchAll(/\b\d{4} \d{6}\b/g)) {
    add(number);
    add(number.replace(' ', ''));
  }
  for (const [email] of code.matchAll(/[\w.+-]+@[\w-]+\.[a-z]{2,}/g)) add(email);
  for (const [, surname] of code.matchAll(/surname:\s*'([^']+)'/g)) {
    add(surname);
    for (const part of surname.split('-')) add(part);
  }
  for (const key of ['givenName', 'patronymic']) {
    for (const [, name] of code.matchAll(new RegExp(`${key}:\\s*'([^']+)'`, 'g'))) add(name);
  }
  for (const value of [citizen.phone, citizen.surname, citizen.givenName, citizen.patronymic, passport]) add(value);
  return [...needles];
}

/** Every file under `dir`, recursively. */
function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** `needle in file` for every hit in `files`. */
function hits(files, needles) {
  return files.flatMap((file) => {
    const content = readFileSync(file, 'utf8');
    return needles.filter((needle) => content.includes(needle)).map((needle) => `${needle} in ${file}`);
  });
}

const saveDir = mkdtempSync(join(tmpdir(), 'kabinet-e2e-support-'));
after(() => {
  rmSync(saveDir, { recursive: true, force: true });
  // The next run checks its own data directories only.
  rmSync(launchedList, { force: true });
});

/** The one file «Сведения для поддержки» saved into `saveDir` since it was emptied. */
function savedSupportFile() {
  const saved = readdirSync(saveDir);
  assert.equal(saved.length, 1, `one file saved: ${saved}`);
  assert.match(saved[0], /^Кабинет — сведения для поддержки \d{4}-\d{2}-\d{2}\.txt$/);
  const path = join(saveDir, saved[0]);
  const content = readFileSync(path, 'utf8');
  rmSync(path);
  return content;
}

test('the needles are the test citizens’ data in all their forms', () => {
  const needles = personalNeedles();
  for (const expected of ['+79123456789', '89123456789', '9123456789', '+7 (912) 345-67-89', '8 912 345 67 89',
    'Ёлкина-Соколова', 'Ёлкина', 'Соколова', 'Анна', '4510 123456', '4510123456', '112-233-445 95', '11223344595',
    'anna.sokolova@example.ru', '+79035556677']) {
    assert.ok(needles.includes(expected), `${expected} is looked for`);
  }
});

test('«Сведения для поддержки» saves the log after a registration, with no personal data', async () => {
  const dataDir = freshDataDir();
  await withApp(
    dataDir,
    async (browser) => {
      await register(browser, dataDir);
      await click(browser, 'support-save');
      assert.match(await text(browser, 'support-saved'), /^Сведения для поддержки сохранены: .*\.txt$/);
    },
    { KABINET_E2E_SAVE_DIR: saveDir },
  );
  const saved = savedSupportFile();
  assert.match(saved, /===== kabinet\.log =====/);
  assert.match(saved, / INFO kabinet_shell: started/);
  assert.match(saved, remoteSuite ? / INFO kabinet_shell: the data is the server's/ : / INFO kabinet_shell: data opened/);
  assert.deepEqual(personalNeedles().filter((needle) => saved.includes(needle)), []);
});

test('the start-up failure screen saves the log too', { skip: embeddedOnly('a start-up failure of the encrypted file on this computer') }, async () => {
  const dataDir = freshDataDir();
  // A database the keyring has no key for: «Ключ недоступен».
  writeFileSync(join(dataDir, 'kabinet.db'), 'not a database of ours');
  await withApp(
    dataDir,
    async (browser) => {
      const failure = await waitFor(browser, 'failure-screen');
      assert.equal(await failure.getAttribute('data-code'), 'key_missing');
      await click(browser, 'support-save');
      await waitFor(browser, 'support-saved');
    },
    { KABINET_E2E_SAVE_DIR: saveDir },
  );
  assert.match(savedSupportFile(), / WARN kabinet_shell: data not opened code=key_missing/);
});

test('no data directory of the run has personal data in logs/, and each has a log', () => {
  const listed = existsSync(launchedList) ? readFileSync(launchedList, 'utf8').split('\n').filter(Boolean) : [];
  const dirs = [...new Set(listed)].filter((dir) => existsSync(dir));
  assert.ok(dirs.length >= 2, `the data directories of this run: ${dirs}`);
  const needles = personalNeedles();
  const found = [];
  for (const dir of dirs) {
    const logs = join(dir, 'logs');
    assert.ok(existsSync(logs), `${logs} exists`);
    const files = filesUnder(logs);
    assert.ok(files.some((file) => file.endsWith('kabinet.log') && statSync(file).size > 0), `a non-empty log in ${logs}`);
    assert.match(readFileSync(join(logs, 'kabinet.log'), 'utf8'), / INFO kabinet_shell: started/);
    found.push(...hits(files, needles));
  }
  assert.deepEqual(found, [], 'personal data in logs/');
});
