// «Сканы документов» and «Согласия» in the real app: a text file called .png and a PDF one byte
// over 10 MiB are refused at their fields; a PNG called .pdf is stored as a PNG and shown in
// place; a PDF СНИЛС scan opens in the system viewer (a stand-in, see support/viewer.mjs) from
// a private copy, and is deleted after confirmation; «История изменений» records the passport
// scan. On «Согласия» the news consent is withdrawn (after which the system cannot publish
// service news to the account), and the basic consent points to «Закрыть профиль».
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDataDir, withApp, cli } from './support/app.mjs';
import { click, waitFor, text, byId } from './support/ui.mjs';
import { citizen, register, signIn } from './support/flows.mjs';
import { scanPng } from './support/png.mjs';
import { fakeViewer } from './support/viewer.mjs';

const MAX = 10 * 1024 * 1024;

/** Puts `file` on the file input `id`, as if the citizen had chosen it. */
async function chooseFile(browser, id, file) {
  const input = await byId(browser, id);
  await input.setValue(file);
  const chosen = await browser.execute((element) => element.files.length, input);
  assert.equal(chosen, 1, `the file input holds ${file}`);
}

async function upload(browser, slug, file) {
  await chooseFile(browser, `scan-input-${slug}`, file);
  await click(browser, `scan-upload-${slug}`);
}

function files() {
  const dir = mkdtempSync(join(tmpdir(), 'kabinet-scans-'));
  const write = (name, bytes) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };
  const bigPdf = Buffer.alloc(MAX + 1, 0x20);
  bigPdf.write('%PDF-1.4\n');
  return {
    dir,
    text: write('паспорт.png', 'это не картинка, а текст'),
    big: write('большой.pdf', bigPdf),
    png: write('паспорт.pdf', scanPng()),
    pdf: write('снилс.pdf', '%PDF-1.4\n% скан СНИЛС\n'),
  };
}

test('scans: refused by content and size, stored, shown, opened, deleted; consents: withdraw, closure', async () => {
  const dataDir = freshDataDir();
  const viewer = fakeViewer();
  const chosen = files();
  try {
    await withApp(
      dataDir,
      async (browser) => {
        const account = await register(browser, dataDir);
        await click(browser, 'reg-done-continue');
        await signIn(browser, citizen.phone, citizen.password);
        await waitFor(browser, 'home');
        await click(browser, 'nav-profile');
        await waitFor(browser, 'scan-input-passport');
        assert.equal(await text(browser, 'scan-name-passport'), 'Не загружен');

        await upload(browser, 'passport', chosen.text);
        assert.match(await text(browser, 'scan-error'), /Скан паспорта: файл должен быть PDF, JPEG или PNG/);
        await upload(browser, 'snils', chosen.big);
        assert.match(await text(browser, 'error-snils_scan'), /Скан СНИЛС: файл больше 10 МБ/);
        assert.equal(await text(browser, 'scan-name-snils'), 'Не загружен');

        await upload(browser, 'passport', chosen.png);
        await waitFor(browser, 'scan-done-passport');
        assert.equal(await text(browser, 'scan-name-passport'), 'паспорт.png', 'named after its real content');
        assert.match(await text(browser, 'scan-meta-passport'), /^PNG, \d+ КБ/);
        await click(browser, 'scan-view-passport');
        const image = await waitFor(browser, 'scan-image-passport');
        await browser.waitUntil(() => browser.execute((element) => element.complete, image), { timeout: 10000 });
        const size = await browser.execute((element) => [element.naturalWidth, element.naturalHeight], image);
        assert.deepEqual(size, [480, 300], 'the stored PNG is decoded and shown');

        await upload(browser, 'snils', chosen.pdf);
        await waitFor(browser, 'scan-done-snils');
        assert.match(await text(browser, 'scan-meta-snils'), /^PDF, 1 КБ/);
        await click(browser, 'scan-view-snils');
        const opened = await viewer.opened();
        assert.equal(opened.bytes.toString(), '%PDF-1.4\n% скан СНИЛС\n');
        assert.ok(opened.path.startsWith(join(dataDir, 'viewer')), opened.path);
        assert.equal(opened.mode, '600');
        await click(browser, 'scan-delete-snils');
        await click(browser, 'scan-delete-confirm-snils');
        await waitFor(browser, 'scan-done-snils');
        assert.equal(await text(browser, 'scan-name-snils'), 'Не загружен');

        await click(browser, 'nav-history');
        await waitFor(browser, 'history');
        const scanRow = await browser.$('[data-testid="history-row"][data-field="passport_scan"]');
        assert.equal(await scanRow.$('[data-testid="history-new"]').getText(), 'паспорт.png');

        await click(browser, 'nav-consents');
        await waitFor(browser, 'consent-service_news');
        assert.equal(await text(browser, 'consent-state-service_news'), 'Действует');
        await click(browser, 'consent-withdraw-service_news');
        await click(browser, 'consent-withdraw-confirm');
        await waitFor(browser, 'consent-withdrawn');
        assert.equal(await text(browser, 'consent-state-service_news'), 'Отозвано');
        assert.throws(
          () => cli(dataDir, 'notify', '--account', account, '--event', 'service_news', '--title', 'Новость', '--text', 'Текст'),
          (error) => /не давал этого согласия или отозвал его/.test(`${error.message}${error.stderr ?? ''}`),
          'no service news without the consent',
        );

        assert.match(await text(browser, 'consent-closure-personal_data'), /только закрыв профиль/);
        assert.equal(await (await byId(browser, 'consent-withdraw-personal_data')).isExisting(), false);
        await click(browser, 'consents-close-account');
        assert.equal(await (await waitFor(browser, 'closure-status')).getAttribute('data-status'), 'active');
        await waitFor(browser, 'closure-prechecks');
      },
      viewer.env,
    );
  } finally {
    viewer.remove();
    rmSync(chosen.dir, { recursive: true, force: true });
  }
});
