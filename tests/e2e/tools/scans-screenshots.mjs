// Walks «Сканы документов» and «Согласия» of the real app and saves PNGs under docs/screenshots/:
// a passport scan shown in place beside a СНИЛС file refused by its content, and «Согласия»
// after the news consent was withdrawn. Not a test: run it under the same keyring and Xvfb
// wrapper as the suite to look at the screens.
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshDataDir, withApp } from '../support/app.mjs';
import { byId, click, waitFor } from '../support/ui.mjs';
import { citizen, register, signIn } from '../support/flows.mjs';
import { scanPng } from '../support/png.mjs';

const out = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/screenshots');
mkdirSync(out, { recursive: true });
const scratch = mkdtempSync(join(tmpdir(), 'kabinet-scan-shots-'));

async function shotAt(browser, name, testid) {
  await browser.execute((id) => document.querySelector(`[data-testid="${id}"]`)?.scrollIntoView(), testid);
  await browser.pause(400);
  await browser.saveScreenshot(join(out, `${name}.png`));
}

async function upload(browser, slug, name, bytes) {
  const path = join(scratch, name);
  writeFileSync(path, bytes);
  await (await byId(browser, `scan-input-${slug}`)).setValue(path);
  await click(browser, `scan-upload-${slug}`);
}

const dataDir = freshDataDir();
try {
  await withApp(dataDir, async (browser) => {
    await waitFor(browser, 'goto-register', 30000);
    await browser.setWindowSize(1100, 1400).catch(() => {});
    await register(browser, dataDir);
    await click(browser, 'reg-done-continue');
    await signIn(browser, citizen.phone, citizen.password);
    await waitFor(browser, 'home');
    await click(browser, 'nav-profile');
    await waitFor(browser, 'scan-input-passport');
    await upload(browser, 'passport', 'паспорт.jpg', scanPng());
    await waitFor(browser, 'scan-done-passport');
    await click(browser, 'scan-view-passport');
    await waitFor(browser, 'scan-image-passport');
    await upload(browser, 'snils', 'снилс.png', 'не картинка');
    await waitFor(browser, 'scan-error');
    await shotAt(browser, 'profile-scans', 'scans');
    await click(browser, 'nav-consents');
    await click(browser, 'consent-withdraw-service_news');
    await click(browser, 'consent-withdraw-confirm');
    await waitFor(browser, 'consent-withdrawn');
    await browser.setWindowSize(1100, 1100).catch(() => {});
    await shotAt(browser, 'consents', 'consent-personal_data');
  });
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
console.log(`screenshots in ${out}`);
