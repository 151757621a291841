// Steps of «Закрыть профиль» and what it needs first (a passport in the profile, an application),
// shared by the end-to-end scenario and the screenshot walk.
import { setTimeout as sleep } from 'node:timers/promises';
import { cli } from './app.mjs';
import { byId, click, text, type, waitFor } from './ui.mjs';
import { citizen } from './flows.mjs';

export const passport = '4510 123456';

/**
 * The newest one-time code sent to `phone`. Notifications about the request (whose number has six
 * digits too) may also go to the phone, so only a code message counts; waits for it briefly.
 */
export async function codeFor(dataDir, phone) {
  for (let i = 0; i < 50; i += 1) {
    const message = JSON.parse(cli(dataDir, 'outbox', 'last', '--to', phone, '--json'));
    const code = /code/.test(message?.kind ?? '') ? message.body.match(/\b\d{6}\b/)?.[0] : undefined;
    if (code) return code;
    await sleep(200);
  }
  throw new Error(`no code message is the newest for ${phone}`);
}

/** Enters the passport (and ИНН) in «Мой профиль», confirmed by a code. */
export async function fillPassport(browser, dataDir) {
  await click(browser, 'nav-profile');
  await click(browser, 'profile-edit');
  await type(browser, 'profile-input-inn', '500100732259');
  await type(browser, 'profile-input-passport', passport);
  await type(browser, 'profile-input-issue-date', '12.04.2010');
  await type(browser, 'profile-input-issued-by', 'ОВД района Хамовники г. Москвы');
  await type(browser, 'profile-input-division-code', '770-001');
  await click(browser, 'profile-send-code');
  await waitFor(browser, 'profile-code');
  await type(browser, 'profile-code', await codeFor(dataDir, citizen.phone));
  await click(browser, 'profile-save');
  await waitFor(browser, 'profile-saved');
}

/** Submits «Загранпаспорт» and returns its number. */
export async function submitApplication(browser) {
  await click(browser, 'nav-applications');
  await click(browser, 'app-new');
  await click(browser, 'app-service-passport_foreign');
  await click(browser, 'app-service-continue');
  await waitFor(browser, 'app-field-surname');
  await type(browser, 'app-field-passport', passport);
  await click(browser, 'app-field-term-0');
  await click(browser, 'app-submit');
  return text(browser, 'app-submitted-number');
}

/**
 * The pre-check items shown now, as [kind, blocking] pairs, read in one script so a list that
 * re-renders meanwhile (after a cancellation, a re-check) cannot leave stale element references.
 */
export async function checkItems(browser) {
  return browser.execute(() =>
    [...document.querySelectorAll('[data-testid="closure-check-item"]')].map((item) => [
      item.getAttribute('data-kind'),
      item.getAttribute('data-blocking'),
    ]),
  );
}

/** Waits until the list shown answers `wanted` (a predicate over checkItems), without re-checking. */
export async function itemsUntil(browser, wanted, what) {
  await browser.waitUntil(async () => wanted(await checkItems(browser)), {
    timeout: 10000,
    interval: 200,
    timeoutMsg: `the pre-checks never showed ${what}`,
  });
}

/** Presses «Проверить снова» until the list answers `wanted` (a predicate over checkItems). */
export async function recheckUntil(browser, wanted, what) {
  await browser.waitUntil(
    async () => {
      await click(browser, 'closure-recheck');
      await browser.pause(200);
      return wanted(await checkItems(browser));
    },
    { timeout: 15000, interval: 300, timeoutMsg: `the pre-checks never showed ${what}` },
  );
}

export async function continueEnabled(browser) {
  return (await waitFor(browser, 'closure-continue')).isEnabled();
}

/** Steps 4 and 5 from step 4: the reason, the password, the code, the consent; returns the number. */
export async function confirmClosure(browser, dataDir, reason = 'not_needed', reasonText = '') {
  await click(browser, `closure-reason-${reason}`);
  if (reasonText) await type(browser, 'closure-reason-text', reasonText);
  await click(browser, 'closure-reason-continue');
  await type(browser, 'closure-password', citizen.password);
  await click(browser, 'closure-send-code');
  await waitFor(browser, 'closure-code-sent');
  await type(browser, 'closure-code', await codeFor(dataDir, citizen.phone));
  await click(browser, 'closure-consent');
  await click(browser, 'closure-submit');
  return text(browser, 'closure-result-number');
}

/** The account's status on the closure page, once it is shown. */
export async function closureStatus(browser) {
  return (await waitFor(browser, 'closure-status')).getAttribute('data-status');
}

/** True once `id` is on the page (displayed or not). */
export async function exists(browser, id) {
  return (await byId(browser, id)).isExisting();
}
