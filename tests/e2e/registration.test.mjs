// A citizen registers with the code read from the outbox, signs out and signs in again; the
// database and its WAL hold none of their data in plaintext.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { cli, freshDataDir, withApp } from './support/app.mjs';
import { remoteSuite } from './support/server.mjs';
import { click, text, waitFor, byId } from './support/ui.mjs';
import { citizen, register, signIn } from './support/flows.mjs';

test('register, sign out, sign in', async () => {
  const dataDir = freshDataDir();
  let number;
  await withApp(dataDir, async (browser) => {
    await waitFor(browser, 'signin-identifier');
    assert.match(await text(browser, 'demo-banner'), /Демонстрационная доставка/);
    number = await register(browser, dataDir);
    assert.match(number, /^\d{4}-\d{4}-\d{2}$/);
    await click(browser, 'reg-done-continue');
    await signIn(browser, citizen.phone, citizen.password);
    await waitFor(browser, 'home');
    assert.equal(await text(browser, 'home-account-number'), number);
    assert.equal(await text(browser, 'home-level'), 'Упрощённая');
    assert.equal(await text(browser, 'home-status'), 'Активен');
    assert.match(await text(browser, 'home-full-name'), /Ёлкина-Соколова Анна Сергеевна/);
    await click(browser, 'signout');
    await signIn(browser, '8 912 345 67 89', citizen.password);
    await waitFor(browser, 'home');
    assert.equal(await text(browser, 'home-account-number'), number);
    await click(browser, 'signout');
    await waitFor(browser, 'signin-identifier');
  });

  if (remoteSuite) {
    // A server's client keeps no database: the account is on the server.
    assert.deepEqual(readdirSync(dataDir).filter((name) => name.startsWith('kabinet.db')), [], 'no database here');
    cli(dataDir, 'debt', 'list', '--account', number); // the server's database knows the account
    return;
  }
  const bytes = Buffer.concat(['kabinet.db', 'kabinet.db-wal']
    .map((name) => join(dataDir, name))
    .filter(existsSync)
    .map((path) => readFileSync(path)));
  assert.ok(bytes.length > 4096, 'the database was written');
  for (const needle of ['9123456789', citizen.surname, 'Соколова', citizen.patronymic, 'SQLite format 3']) {
    assert.equal(bytes.indexOf(Buffer.from(needle, 'utf8')), -1, `${needle} is in the files in plaintext`);
  }
});

test('a wrong password is refused with the same words as an unknown phone', async () => {
  const dataDir = freshDataDir();
  await withApp(dataDir, async (browser) => {
    await register(browser, dataDir);
    await click(browser, 'reg-done-continue');
    await signIn(browser, citizen.phone, 'Wrong#Pass9x');
    const wrong = await text(browser, 'error-summary');
    await signIn(browser, '+7 900 000-00-00', citizen.password);
    await browser.waitUntil(async () => (await byId(browser, 'error-summary')).isDisplayed());
    assert.equal(await text(browser, 'error-summary'), wrong);
    assert.match(wrong, /Неверный логин или пароль/);
  });
});
