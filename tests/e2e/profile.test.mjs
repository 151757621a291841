// «Мой профиль»: a new phone confirmed by the code sent to it replaces the old one for sign-in,
// «История изменений» shows old → new, and e-mail and СНИЛС sign in once present.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDataDir, withApp, latestCode } from './support/app.mjs';
import { click, type, waitFor, text } from './support/ui.mjs';
import { citizen, register, signIn } from './support/flows.mjs';

const newPhone = '+79035556677';
const email = 'anna.sokolova@example.ru';
const snils = '112-233-445 95';

async function changeContact(browser, dataDir, kind, value, destination) {
  await click(browser, `contact-change-${kind}`);
  await type(browser, 'contact-value', value);
  await click(browser, 'contact-send');
  await waitFor(browser, 'contact-code');
  await type(browser, 'contact-code', latestCode(dataDir, destination));
  await click(browser, 'contact-confirm');
  await waitFor(browser, 'contact-changed');
}

test('change the phone, see the history, sign in by e-mail and СНИЛС', async () => {
  const dataDir = freshDataDir();
  await withApp(dataDir, async (browser) => {
    await register(browser, dataDir);
    await click(browser, 'reg-done-continue');
    await signIn(browser, citizen.phone, citizen.password);
    await waitFor(browser, 'home');
    await click(browser, 'nav-profile');
    await waitFor(browser, 'profile');

    await changeContact(browser, dataDir, 'phone', '8 (903) 555-66-77', newPhone);
    assert.equal(await text(browser, 'profile-phone'), newPhone);
    await changeContact(browser, dataDir, 'email', email, email);

    await click(browser, 'profile-edit');
    await type(browser, 'profile-input-snils', snils);
    await click(browser, 'profile-send-code');
    await type(browser, 'profile-code', latestCode(dataDir, newPhone));
    await click(browser, 'profile-save');
    await waitFor(browser, 'profile-saved');
    assert.equal(await text(browser, 'profile-snils'), snils.replace(' ', ' '));

    await click(browser, 'nav-history');
    await waitFor(browser, 'history');
    const phoneRow = await browser.$('[data-testid="history-row"][data-field="phone"]');
    assert.ok(await phoneRow.isExisting(), 'the phone change is in the history');
    assert.equal(await phoneRow.$('[data-testid="history-old"]').getText(), citizen.phone);
    assert.equal(await phoneRow.$('[data-testid="history-new"]').getText(), newPhone);
    const snilsRow = await browser.$('[data-testid="history-row"][data-field="snils"]');
    assert.equal(await snilsRow.$('[data-testid="history-new"]').getText(), '112-***-*** 95');

    await click(browser, 'signout');
    await signIn(browser, citizen.phone, citizen.password);
    assert.match(await text(browser, 'error-summary'), /Неверный логин или пароль/);
    for (const identifier of [newPhone, email, snils]) {
      await signIn(browser, identifier, citizen.password);
      await waitFor(browser, 'home');
      await click(browser, 'signout');
    }
  });
});
