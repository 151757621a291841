// Citizens with documents and the desk's search, shared by the staff-desk scenarios (embedded
// and against a server).
import { byId, click, type, waitFor } from './ui.mjs';
import { register, signIn } from './flows.mjs';
import { codeFor } from './closure.mjs';

export const person = (phone, phoneTyped, surname, givenName, snils, passport) => ({
  phone,
  phoneTyped,
  surname,
  givenName,
  patronymic: 'Сергеевна',
  birthDate: '05.03.1990',
  password: 'Zq8#mW2!rLp',
  snils,
  passport,
});

/** «Мой профиль»: СНИЛС and the passport, confirmed by a code — the level becomes «Стандартная». */
export async function fillDocuments(browser, dataDir, who) {
  await click(browser, 'nav-profile');
  await click(browser, 'profile-edit');
  await type(browser, 'profile-input-snils', who.snils);
  await type(browser, 'profile-input-passport', who.passport);
  await type(browser, 'profile-input-issue-date', '12.04.2010');
  await type(browser, 'profile-input-issued-by', 'ОВД района Хамовники г. Москвы');
  await type(browser, 'profile-input-division-code', '770-001');
  await click(browser, 'profile-send-code');
  await waitFor(browser, 'profile-code');
  await type(browser, 'profile-code', await codeFor(dataDir, who.phone));
  await click(browser, 'profile-save');
  await waitFor(browser, 'profile-saved');
}

/** Registers `who` in the app with СНИЛС and passport; returns the account number. */
export async function registerWithDocuments(browser, dataDir, who) {
  const account = await register(browser, dataDir, who);
  await click(browser, 'reg-done-continue');
  await signIn(browser, who.phone, who.password);
  await waitFor(browser, 'home');
  await fillDocuments(browser, dataDir, who);
  return account;
}

/** «Это был не я», then the forced new password at the next sign-in; ends on «Главная». */
export async function notMeThenNewPassword(browser, who, newPassword) {
  await click(browser, 'nav-security');
  await click(browser, 'not-me');
  await click(browser, 'not-me-confirm');
  await waitFor(browser, 'signin-identifier');
  await signIn(browser, who.phone, who.password);
  await waitFor(browser, 'password-expired');
  await type(browser, 'change-current-password', who.password);
  await type(browser, 'change-password', newPassword);
  await type(browser, 'change-password-repeat', newPassword);
  await click(browser, 'change-password-submit');
  await waitFor(browser, 'home');
}

/** «Закрыть профиль» through to the request with `password`; returns the request's number. */
export async function requestClosure(browser, dataDir, who, password) {
  await click(browser, 'nav-closure');
  await browser.waitUntil(async () => (await waitFor(browser, 'closure-continue')).isEnabled(), {
    timeout: 15000,
    timeoutMsg: 'the pre-checks stayed blocked',
  });
  await click(browser, 'closure-continue');
  await click(browser, 'closure-save-continue');
  await click(browser, 'closure-reason-not_needed');
  await click(browser, 'closure-reason-continue');
  await type(browser, 'closure-password', password);
  await click(browser, 'closure-send-code');
  await waitFor(browser, 'closure-code-sent');
  await type(browser, 'closure-code', await codeFor(dataDir, who.phone));
  await click(browser, 'closure-consent');
  await click(browser, 'closure-submit');
  return (await waitFor(browser, 'closure-result-number')).getText();
}

/** «Поиск гражданина» with a purpose; waits for the card of `account`. */
export async function findCitizen(browser, query, account, purpose = 'citizen_request') {
  await click(browser, 'staff-nav-find');
  await type(browser, 'desk-find-query', query);
  await click(browser, `desk-find-purpose-${purpose}`);
  await click(browser, 'desk-find-submit');
  await browser.waitUntil(
    async () => (await (await byId(browser, 'desk-card')).getAttribute('data-account').catch(() => null)) === account,
    { timeout: 15000, timeoutMsg: `the card of ${account} did not open` },
  );
}
