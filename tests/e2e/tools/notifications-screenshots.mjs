// Walks «Уведомления» of the real app and saves PNGs under docs/screenshots/: the settings page
// (scrolled to the matrix) and the inbox with an open message. Not a test: run it under the same
// keyring and Xvfb wrapper as the suite to look at the screens.
import { mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshDataDir, withApp, cli } from '../support/app.mjs';
import { click, type, waitFor } from '../support/ui.mjs';
import { citizen, register, signIn } from '../support/flows.mjs';

const out = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/screenshots');
mkdirSync(out, { recursive: true });
/** Saves the window, scrolled to the element `testid` (or the top). */
async function shot(browser, name, testid) {
  if (testid) await (await browser.$(`[data-testid="${testid}"]`)).scrollIntoView();
  else await browser.execute(() => window.scrollTo(0, 0));
  await browser.pause(300);
  await browser.saveScreenshot(join(out, `${name}.png`));
}

const dataDir = freshDataDir();
await withApp(dataDir, async (browser) => {
  await browser.setWindowSize(1100, 1000).catch(() => {});
  const account = await register(browser, dataDir);
  await click(browser, 'reg-done-continue');
  await signIn(browser, citizen.phone, citizen.password);
  await waitFor(browser, 'home');

  await click(browser, 'nav-notification-settings');
  await click(browser, 'matrix-payment_due-email');
  await click(browser, 'matrix-service_news-desktop');
  await click(browser, 'override-add');
  await click(browser, 'quiet-hours');
  await type(browser, 'quiet-hours-start', '23:00');
  await type(browser, 'quiet-hours-end', '07:00');
  await click(browser, 'settings-save');
  await waitFor(browser, 'settings-saved');
  await shot(browser, 'notification-settings', 'settings-saved-at');

  const notify = (event, title, text, ...more) =>
    cli(dataDir, 'notify', '--account', account, '--event', event, '--title', title, '--text', text, ...more);
  notify('application_accepted', 'Заявление принято', 'Заявление № 1042 на загранпаспорт принято к рассмотрению.', '--service', 'passport_foreign');
  notify('payment_due', 'Срок оплаты госпошлины', 'Оплатите госпошлину 6000 ₽ до 1 декабря.');
  notify('application_result_ready', 'Результат готов', 'Загранпаспорт готов: заберите его в МФЦ «Мои документы».', '--service', 'passport_foreign');
  await click(browser, 'nav-home');
  await click(browser, 'bell');
  await waitFor(browser, 'inbox-open');
  await click(browser, 'inbox-open');
  await waitFor(browser, 'inbox-body');
  await shot(browser, 'notifications-inbox');
});
console.log(`screenshots in ${out}`);
