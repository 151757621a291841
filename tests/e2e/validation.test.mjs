// Every registration page refuses bad input with the field named and the reason given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDataDir, withApp, latestCode } from './support/app.mjs';
import { click, type, waitFor, text, fieldError } from './support/ui.mjs';
import { citizen } from './support/flows.mjs';

async function submitPhone(browser, value) {
  await type(browser, 'reg-phone', value);
  await click(browser, 'reg-phone-submit');
}

test('each bad field gets its own message', async () => {
  const dataDir = freshDataDir();
  await withApp(dataDir, async (browser) => {
    await click(browser, 'goto-register');

    await submitPhone(browser, '12345');
    const badFormat = await fieldError(browser, 'phone');
    assert.match(badFormat, /^Номер мобильного телефона: /);
    await submitPhone(browser, '+7 (495) 123-45-67');
    await browser.waitUntil(async () => (await text(browser, 'error-phone')) !== badFormat);
    assert.match(await fieldError(browser, 'phone'), /^Номер мобильного телефона: /);

    await submitPhone(browser, citizen.phoneTyped);
    await waitFor(browser, 'reg-code');
    const code = latestCode(dataDir, citizen.phone);
    const wrong = code === '000000' ? '111111' : '000000';
    await type(browser, 'reg-code', wrong);
    await click(browser, 'reg-code-submit');
    assert.match(await text(browser, 'reg-code-attempts'), /2/);
    await type(browser, 'reg-code', code);
    await click(browser, 'reg-code-submit');

    await type(browser, 'reg-surname', 'Ivanov');
    await type(browser, 'reg-given-name', '');
    await click(browser, 'reg-name-submit');
    assert.match(await fieldError(browser, 'surname'), /^Фамилия: /);
    assert.match(await fieldError(browser, 'given_name'), /^Имя: /);
    await type(browser, 'reg-surname', citizen.surname);
    await type(browser, 'reg-given-name', citizen.givenName);
    await click(browser, 'reg-name-submit');

    for (const bad of ['1990-03-05', '31.02.1990', '01.01.2099', '01.01.2020', '01.01.1890']) {
      await type(browser, 'reg-birth-date', bad);
      await click(browser, 'reg-birth-date-submit');
      assert.match(await fieldError(browser, 'birth_date'), /^Дата рождения: /, bad);
    }
    await type(browser, 'reg-birth-date', citizen.birthDate);
    await click(browser, 'reg-birth-date-submit');

    await click(browser, 'reg-gender-submit');
    assert.match(await fieldError(browser, 'gender'), /^Пол: /);
    await click(browser, 'reg-gender-f');
    await click(browser, 'reg-gender-submit');

    const reasons = new Set();
    for (const bad of ['short1!', 'alllowercase1!', 'NoDigits!!x', 'NoSpecial123x', 'Abcd#2024xq', 'Password1!', 'Anna#Xq82!', 'Zq8#05031990']) {
      await type(browser, 'reg-password', bad);
      await type(browser, 'reg-password-repeat', bad);
      await click(browser, 'reg-password-submit');
      const message = await fieldError(browser, 'password');
      assert.match(message, /^Пароль: /, bad);
      reasons.add(message);
    }
    assert.ok(reasons.size >= 7, `distinct reasons: ${[...reasons].join(' | ')}`);
    await type(browser, 'reg-password', citizen.password);
    await type(browser, 'reg-password-repeat', `${citizen.password}x`);
    await click(browser, 'reg-password-submit');
    assert.match(await fieldError(browser, 'password_repeat'), /^Пароль ещё раз: /);
    await type(browser, 'reg-password-repeat', citizen.password);
    await click(browser, 'reg-password-submit');

    await click(browser, 'reg-agreements-submit');
    assert.match(await fieldError(browser, 'accept_terms'), /соглашение/i);
    assert.match(await fieldError(browser, 'accept_personal_data'), /персональных данных/);
  });
});
