// The registration flow as a citizen goes through it, page by page.
import { click, type, waitFor, text } from './ui.mjs';
import { latestCode } from './app.mjs';

export const citizen = {
  phoneTyped: '+7 (912) 345-67-89',
  phone: '+79123456789',
  surname: 'Ёлкина-Соколова',
  givenName: 'Анна',
  patronymic: 'Сергеевна',
  birthDate: '05.03.1990',
  password: 'Zq8#mW2!rLp',
};

export async function confirmPhone(browser, dataDir, who = citizen) {
  await click(browser, 'goto-register');
  await type(browser, 'reg-phone', who.phoneTyped);
  await click(browser, 'reg-phone-submit');
  await waitFor(browser, 'reg-code');
  await type(browser, 'reg-code', latestCode(dataDir, who.phone));
  await click(browser, 'reg-code-submit');
  await waitFor(browser, 'reg-surname');
}

export async function fillPersonalData(browser, who = citizen) {
  await type(browser, 'reg-surname', who.surname);
  await type(browser, 'reg-given-name', who.givenName);
  await type(browser, 'reg-patronymic', who.patronymic);
  await click(browser, 'reg-name-submit');
  await type(browser, 'reg-birth-date', who.birthDate);
  await click(browser, 'reg-birth-date-submit');
  await click(browser, 'reg-gender-f');
  await click(browser, 'reg-gender-submit');
  await type(browser, 'reg-password', who.password);
  await type(browser, 'reg-password-repeat', who.password);
  await click(browser, 'reg-password-submit');
  await click(browser, 'reg-accept-terms');
  await click(browser, 'reg-accept-personal-data');
  await click(browser, 'reg-agreements-submit');
  await waitFor(browser, 'reg-check');
}

/** Registers and returns the account number from the confirmation panel. */
export async function register(browser, dataDir, who = citizen) {
  await confirmPhone(browser, dataDir, who);
  await fillPersonalData(browser, who);
  await click(browser, 'reg-create');
  await waitFor(browser, 'reg-done-panel');
  return text(browser, 'reg-account-number');
}

export async function signIn(browser, identifier, password, remember = false) {
  await type(browser, 'signin-identifier', identifier);
  await type(browser, 'signin-password', password);
  if (remember) await click(browser, 'signin-remember');
  await click(browser, 'signin-submit');
}

/**
 * Signs in and waits until that attempt was answered (the form is no longer busy). The form
 * keeps at most one other attempt waiting behind the one being checked, so attempts typed
 * faster than they are answered must wait for each other to count one by one.
 */
export async function signInAnswered(browser, identifier, password) {
  await signIn(browser, identifier, password);
  const submit = await browser.$('[data-testid="signin-submit"]');
  await browser.waitUntil(async () => !(await submit.isExisting()) || (await submit.getAttribute('aria-disabled')) !== 'true', {
    timeout: 15000,
    timeoutMsg: 'the sign-in attempt was not answered',
  });
}
