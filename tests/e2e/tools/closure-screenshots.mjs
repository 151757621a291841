// Walks «Закрыть профиль» of the real app and saves PNGs under docs/screenshots/: the pre-checks
// with a blocking application, the confirmation step, «Ожидает закрытия» right after the request,
// and the sign-in screen of the closed account. Not a test: run it under the same keyring and
// Xvfb wrapper as the suite to look at the screens.
import { mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli, freshDataDir, moveClock, withApp } from '../support/app.mjs';
import { click, type, waitFor } from '../support/ui.mjs';
import { citizen, register, signIn } from '../support/flows.mjs';
import { codeFor, fillPassport, submitApplication } from '../support/closure.mjs';

const out = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/screenshots');
mkdirSync(out, { recursive: true });

async function shotAt(browser, name, testid) {
  await browser.execute((id) => document.querySelector(`[data-testid="${id}"]`)?.scrollIntoView(), testid);
  await browser.pause(300);
  await browser.saveScreenshot(join(out, `${name}.png`));
}

const dataDir = freshDataDir();
await withApp(dataDir, async (browser) => {
  await waitFor(browser, 'goto-register', 30000);
  await browser.setWindowSize(1100, 1000).catch(() => {});
  await register(browser, dataDir);
  await click(browser, 'reg-done-continue');
  await signIn(browser, citizen.phone, citizen.password);
  await waitFor(browser, 'home');
  await fillPassport(browser, dataDir);
  const application = await submitApplication(browser);

  await click(browser, 'nav-closure');
  await waitFor(browser, 'closure-check-item');
  await shotAt(browser, 'closure-prechecks-blocked', 'closure-prechecks');

  await click(browser, `closure-check-cancel-${application}`);
  await type(browser, 'app-cancel-reason', 'Закрываю личный кабинет');
  await click(browser, 'app-cancel-confirm');
  await waitFor(browser, 'closure-check-cancelled');
  await click(browser, 'closure-continue');
  await click(browser, 'closure-save-continue');
  await click(browser, 'closure-reason-not_needed');
  await click(browser, 'closure-reason-continue');
  await type(browser, 'closure-password', citizen.password);
  await click(browser, 'closure-send-code');
  await waitFor(browser, 'closure-code-sent');
  await shotAt(browser, 'closure-confirm', 'closure-confirm');
  await type(browser, 'closure-code', await codeFor(dataDir, citizen.phone));
  await click(browser, 'closure-consent');
  await shotAt(browser, 'closure-confirm-code', 'closure-consent');
  await click(browser, 'closure-submit');
  await waitFor(browser, 'closure-result');
  await shotAt(browser, 'closure-pending', 'page-title');
  await shotAt(browser, 'closure-pending-status', 'closure-status');

  moveClock(dataDir, 24 * 3600 + 60);
  cli(dataDir, 'jobs', 'run');
  await click(browser, 'closure-status-refresh');
  await waitFor(browser, 'signin-form');
  await signIn(browser, citizen.phone, citizen.password);
  await waitFor(browser, 'signin-closed');
  await shotAt(browser, 'sign-in-closed', 'page-title');
  await click(browser, 'restore-start');
  await click(browser, 'restore-send-code');
  await waitFor(browser, 'restore-code');
  await shotAt(browser, 'restore-code', 'page-title');
});
console.log(`screenshots in ${out}`);
