// Walks «Мои документы» of the real app and saves PNGs under docs/screenshots/: the uploaded
// files beside the issued ones, «Скачать все документы» while the archive is written (two scans
// of almost 10 MiB make it take a moment in a debug build; skipped when it is too quick to catch)
// and the page once the archive and the JSON export are saved. Not a test: run it under the same
// keyring and Xvfb wrapper as the suite to look at the screens.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshDataDir, withApp } from '../support/app.mjs';
import { byId, click, waitFor } from '../support/ui.mjs';
import { citizen, register, signIn } from '../support/flows.mjs';

const out = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/screenshots');
mkdirSync(out, { recursive: true });
const scratch = mkdtempSync(join(tmpdir(), 'kabinet-export-shots-'));
const saveDir = mkdtempSync(join(tmpdir(), 'kabinet-export-saved-'));

async function shotAt(browser, name, testid) {
  await browser.execute((id) => document.querySelector(`[data-testid="${id}"]`)?.scrollIntoView(), testid);
  await browser.pause(300);
  await browser.saveScreenshot(join(out, `${name}.png`));
}

/** A PDF scan of `mib` MiB: the PDF signature, then bytes that do not compress. */
function bigPdf(name, mib) {
  const path = join(scratch, name);
  writeFileSync(path, Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(mib * 1024 * 1024)]));
  return path;
}

async function upload(browser, slug, file) {
  await (await waitFor(browser, `scan-input-${slug}`)).setValue(file);
  await click(browser, `scan-upload-${slug}`);
  await waitFor(browser, `scan-done-${slug}`, 60000);
}

const dataDir = freshDataDir();
try {
  await withApp(
    dataDir,
    async (browser) => {
      await waitFor(browser, 'goto-register', 30000);
      await browser.setWindowSize(1100, 1000).catch(() => {});
      await register(browser, dataDir);
      await click(browser, 'reg-done-continue');
      await signIn(browser, citizen.phone, citizen.password);
      await waitFor(browser, 'home');
      await click(browser, 'nav-documents');
      await click(browser, 'doc-issue-registration');
      await waitFor(browser, 'doc-issued');
      await click(browser, 'nav-profile');
      await upload(browser, 'passport', bigPdf('паспорт.pdf', 9.5));
      await upload(browser, 'snils', bigPdf('снилс.pdf', 9.5));
      await click(browser, 'nav-documents');
      await waitFor(browser, 'upload-list-row');
      await shotAt(browser, 'my-documents', 'page-title');

      await browser.execute(() => document.querySelector('[data-testid="exports"]')?.scrollIntoView());
      await click(browser, 'export-zip');
      const caught = await browser
        .waitUntil(async () => /\d из/.test(await (await byId(browser, 'export-progress-text')).getText().catch(() => '')), {
          timeout: 20000,
          interval: 10,
        })
        .then(() => true)
        .catch(() => false);
      if (caught) await browser.saveScreenshot(join(out, 'my-documents-export-progress.png'));
      await waitFor(browser, 'export-done', 60000);
      await click(browser, 'export-json');
      await waitFor(browser, 'export-data-done', 30000);
      await shotAt(browser, 'my-documents-exports', 'exports');
    },
    { KABINET_E2E_SAVE_DIR: saveDir },
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
  rmSync(saveDir, { recursive: true, force: true });
}
console.log(`screenshots in ${out}`);
