// Walks the main screens of the real app and saves a PNG of each under docs/screenshots/.
// Not a test: run it under the same keyring and Xvfb wrapper as the suite to look at the app.
import { mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshDataDir, withApp } from '../support/app.mjs';
import { click, type, waitFor } from '../support/ui.mjs';
import { citizen, confirmPhone, fillPersonalData, signIn, signInAnswered } from '../support/flows.mjs';

const out = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/screenshots');
mkdirSync(out, { recursive: true });
const shot = (browser, name) => browser.saveScreenshot(join(out, `${name}.png`));

const dataDir = freshDataDir();
await withApp(dataDir, async (browser) => {
  await browser.setWindowSize(1100, 800).catch(() => {});
  await waitFor(browser, 'signin-identifier');
  await browser.pause(500);
  await shot(browser, 'sign-in');
  await click(browser, 'goto-register');
  await type(browser, 'reg-phone', '+7 495 123-45-67');
  await click(browser, 'reg-phone-submit');
  await waitFor(browser, 'error-summary');
  await shot(browser, 'registration-phone-error');
  await click(browser, 'reg-back').catch(() => {});
  await click(browser, 'goto-signin').catch(() => {});
  await browser.refresh();
  await confirmPhone(browser, dataDir);
  await fillPersonalData(browser);
  await shot(browser, 'registration-check');
  await click(browser, 'reg-create');
  await waitFor(browser, 'reg-done-panel');
  await shot(browser, 'registration-done');
  await click(browser, 'reg-done-continue');
  await signIn(browser, citizen.phone, citizen.password);
  await waitFor(browser, 'home');
  await shot(browser, 'home');
  await click(browser, 'nav-security');
  await click(browser, 'totp-start');
  await waitFor(browser, 'totp-qr');
  await shot(browser, 'security-totp');
  await click(browser, 'nav-sessions');
  await waitFor(browser, 'sessions');
  await shot(browser, 'sessions');
  await click(browser, 'nav-journal');
  await waitFor(browser, 'journal');
  await shot(browser, 'journal');
  await click(browser, 'nav-home');
  await click(browser, 'contrast-switch');
  await shot(browser, 'home-contrast');
  await click(browser, 'contrast-switch');
  await click(browser, 'signout');
  for (let i = 0; i < 3; i += 1) await signInAnswered(browser, citizen.phone, `Wrong#Pass${i}x`);
  await waitFor(browser, 'signin-locked');
  await shot(browser, 'sign-in-locked');
});
console.log(`screenshots in ${out}`);
