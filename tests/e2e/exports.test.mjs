// «Сохранить мои данные» on «Мои документы» against the real app. The save dialog is scripted by
// the e2e build: with KABINET_E2E_SAVE_DIR set, the core saves into that folder under the name
// the dialog would suggest. The citizen has «Справка о регистрации», a passport scan and an
// application; then:
// - «Скачать все документы»: the ZIP holds manifest.json and exactly the files it lists, each
//   with the SHA-256 and size the manifest gives, the справка among them;
// - «Выгрузить мои данные» JSON carries the application number and the surname and is valid
//   against docs/export/kabinet-export.schema.json (python3-jsonschema, Draft 2020-12); XML is
//   valid against docs/export/kabinet-export.xsd (xmllint);
// - «Сохранить историю обращений» and «Выписка» are PDFs naming the application;
// - 11 minutes on, «Скачать все документы» first asks for the password, then makes the archive;
// - no `*.part` file is left in the folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshDataDir, moveClock, withApp } from './support/app.mjs';
import { byId, click, text, type, waitFor } from './support/ui.mjs';
import { citizen, register, signIn } from './support/flows.mjs';
import { scanPng } from './support/png.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const schema = join(root, 'docs/export/kabinet-export.schema.json');
const xsd = join(root, 'docs/export/kabinet-export.xsd');
/** unzip reads and writes the archive's UTF-8 names only under a UTF-8 locale. */
const utf8 = { ...process.env, LC_ALL: 'C.UTF-8' };

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** Debian's python3 (where apt's python3-jsonschema lives), checking `file` against the schema. */
function validateJson(file) {
  const script = [
    'import json, sys',
    'from jsonschema import Draft202012Validator',
    'schema = json.load(open(sys.argv[1], encoding="utf-8"))',
    'Draft202012Validator.check_schema(schema)',
    'errors = list(Draft202012Validator(schema).iter_errors(json.load(open(sys.argv[2], encoding="utf-8"))))',
    'print("\\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors))',
    'sys.exit(1 if errors else 0)',
  ].join('\n');
  const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  execFileSync(python, ['-c', script, schema, file], { stdio: 'inherit' });
}

/** Unpacks `zip` into a new folder; returns the folder and the names the archive lists. */
function unpack(zip) {
  const dir = mkdtempSync(join(tmpdir(), 'kabinet-unzipped-'));
  execFileSync('unzip', ['-q', zip, '-d', dir], { env: utf8 });
  const names = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8', env: utf8 }).split('\n').filter(Boolean);
  return { dir, names };
}

async function uploadPassport(browser, file) {
  await click(browser, 'nav-profile');
  const input = await waitFor(browser, 'scan-input-passport');
  await input.setValue(file);
  await click(browser, 'scan-upload-passport');
  await waitFor(browser, 'scan-done-passport');
}

/** Submits «Загранпаспорт» (surname prefilled from the profile) and returns its number. */
async function submitPassport(browser) {
  await click(browser, 'nav-applications');
  await click(browser, 'app-new');
  await click(browser, 'app-service-passport_foreign');
  await click(browser, 'app-service-continue');
  await waitFor(browser, 'app-field-surname');
  await (await byId(browser, 'app-field-passport')).setValue('4510 123456');
  await click(browser, 'app-field-term-0');
  await click(browser, 'app-submit');
  return text(browser, 'app-submitted-number');
}

/** Presses an export button and returns the saved path its notice shows. */
async function exported(browser, button, notice) {
  await click(browser, button);
  await browser.waitUntil(
    async () => (await (await byId(browser, `${notice}-path`)).isDisplayed()) || (await errorShown(browser)),
    { timeout: 30000, timeoutMsg: `${button} showed neither a path nor an error` },
  );
  assert.equal(await errorShown(browser), false, `${button} failed`);
  return text(browser, `${notice}-path`);
}

async function errorShown(browser) {
  for (const id of ['export-zip-error', 'export-history-error', 'export-data-error']) {
    if (await (await byId(browser, id)).isExisting()) return true;
  }
  return false;
}

function checkArchive(zip, certificate) {
  const { dir, names } = unpack(zip);
  try {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    const listed = manifest.files.map((entry) => entry.path);
    assert.deepEqual([...names].sort(), [...listed, 'manifest.json'].sort(), 'the archive holds what the manifest lists');
    for (const entry of manifest.files) {
      const bytes = readFileSync(join(dir, entry.path));
      assert.equal(sha256(bytes), entry.sha256, `${entry.path}: SHA-256 as in the manifest`);
      assert.equal(bytes.length, entry.size, `${entry.path}: size as in the manifest`);
    }
    const issued = manifest.files.find((entry) => entry.number === certificate);
    assert.ok(issued, `the справка ${certificate} is in the archive: ${listed.join(', ')}`);
    assert.equal(issued.kind, 'registration_certificate');
    assert.equal(readFileSync(join(dir, issued.path)).subarray(0, 5).toString(), '%PDF-');
    const scan = manifest.files.find((entry) => entry.source === 'upload');
    assert.equal(scan?.kind, 'passport_scan', 'the uploaded scan is in the archive');
    return manifest;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('save my data: the documents ZIP checks against its manifest, JSON and XML against their schemas', async () => {
  const dataDir = freshDataDir();
  const saveDir = mkdtempSync(join(tmpdir(), 'kabinet-saved-'));
  const scan = join(mkdtempSync(join(tmpdir(), 'kabinet-scan-')), 'паспорт.png');
  writeFileSync(scan, scanPng());
  try {
    await withApp(
      dataDir,
      async (browser) => {
        const account = await register(browser, dataDir);
        await click(browser, 'reg-done-continue');
        await signIn(browser, citizen.phone, citizen.password);
        await waitFor(browser, 'home');

        assert.equal(await text(browser, 'nav-documents'), 'Мои документы');
        await click(browser, 'nav-documents');
        await click(browser, 'doc-issue-registration');
        await waitFor(browser, 'doc-issued');
        const certificate = await (await browser.$('[data-testid="doc-list-row"]')).getAttribute('data-key');
        await uploadPassport(browser, scan);
        const application = await submitPassport(browser);

        await click(browser, 'nav-documents');
        await waitFor(browser, 'upload-list-row');
        assert.equal(await text(browser, 'upload-list-title'), 'Скан паспорта');

        const zip = await exported(browser, 'export-zip', 'export-done');
        assert.equal(zip, join(saveDir, `Кабинет — документы ${account}.zip`));
        const manifest = checkArchive(zip, certificate);
        assert.equal(manifest.account_number, account);
        assert.match(await text(browser, 'export-done-facts'), new RegExp(`^Файлов: ${manifest.files.length},`));
        assert.equal(await (await byId(browser, 'export-progress')).isExisting(), false, 'the progress bar is gone');

        const json = await exported(browser, 'export-json', 'export-data-done');
        assert.equal(json, join(saveDir, `Кабинет — мои данные ${account}.json`));
        const data = JSON.parse(readFileSync(json, 'utf8'));
        assert.equal(data.account.number, account);
        assert.equal(data.profile.surname, citizen.surname);
        assert.ok(data.applications.some((item) => item.number === application), 'the application is in the export');
        validateJson(json);

        const xml = await exported(browser, 'export-xml', 'export-data-done');
        assert.equal(xml, join(saveDir, `Кабинет — мои данные ${account}.xml`));
        execFileSync('xmllint', ['--noout', '--schema', xsd, xml], { stdio: 'pipe' });
        const xmlText = readFileSync(xml, 'utf8');
        assert.ok(xmlText.includes(application) && xmlText.includes(citizen.surname));

        for (const [button, notice] of [['export-history', 'export-history-done'], ['export-pdf', 'export-data-done']]) {
          const pdf = await exported(browser, button, notice);
          const words = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
          assert.ok(words.includes(application), `${button}: the PDF names ${application}`);
        }
        await browser.waitUntil(async () => (await browser.$$('[data-testid="doc-list-row"]')).length === 3, {
          timeout: 10000,
          timeoutMsg: 'history and «Выписка» are listed as issued documents too',
        });

        moveClock(dataDir, 11 * 60);
        await click(browser, 'export-zip');
        await type(browser, 'reauth-password', citizen.password);
        await click(browser, 'reauth-submit');
        assert.equal(await text(browser, 'export-done-path'), zip, 'after the password the archive is made again');
        checkArchive(zip, certificate);

        const saved = readdirSync(saveDir);
        assert.deepEqual(saved.filter((name) => name.endsWith('.part')), [], 'no .part file is left');
        assert.equal(saved.length, 5, saved.join(', '));
        for (const name of saved) assert.ok(statSync(join(saveDir, name)).size > 0, `${name} is not empty`);
      },
      { KABINET_E2E_SAVE_DIR: saveDir },
    );
  } finally {
    rmSync(saveDir, { recursive: true, force: true });
    rmSync(dirname(scan), { recursive: true, force: true });
  }
});
