// The app as a client of kabinet-server (issue 15): two apps at once against one server on the
// test command's PostgreSQL — a citizen's at home and an operator's at a service centre, each
// with its own data directory and WebDriver session. The citizen's closure request, flagged
// because she pressed «Это был не я», is approved at the operator's desk; the citizen's app then
// shows the decision: her session is over and the sign-in says the account is closed.
// Also: the remote app's sessions name its own computer, and a stopped server is «Нет связи с
// сервером» with nothing typed lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appNow, freshDataDir, launch, withApp } from './support/app.mjs';
import { totp } from './support/totp.mjs';
import { byId, click, text, type, waitFor } from './support/ui.mjs';
import { register, signIn } from './support/flows.mjs';
import { addStaff, staffSignIn } from './support/staff.mjs';
import { findCitizen, notMeThenNewPassword, person, registerWithDocuments, requestClosure } from './support/people.mjs';
import { startServer } from './support/server.mjs';
import { existsSync, mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

// With KABINET_SAVE_SCREENSHOTS=1 the two apps' screens are saved under docs/screenshots/.
const shots = join(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
const shoot = (browser, name) =>
  process.env.KABINET_SAVE_SCREENSHOTS ? browser.saveScreenshot(join(shots, name)) : Promise.resolve();

const anna = person('+79123456789', '+7 (912) 345-67-89', 'Ёлкина-Соколова', 'Анна', '112 233 445 95', '4510 123456');
const operator = { login: 'o.ivanova', name: 'Иванова Ольга Петровна', password: 'Vx7#kQ2!mTz' };
const NEW_PASSWORD = 'Нов0е#Слово9';

test('two apps on one server: a flagged closure request approved at the desk reaches the citizen', async () => {
  const server = await startServer();
  const home = freshDataDir();
  const centre = freshDataDir();
  server.attach(home);
  server.attach(centre);
  const desk = addStaff(centre, operator, 'operator');
  const citizenApp = await launch(home);
  try {
    const citizen = citizenApp.browser;
    await waitFor(citizen, 'goto-register', 30000);
    const account = await registerWithDocuments(citizen, home, anna);
    await notMeThenNewPassword(citizen, anna, NEW_PASSWORD);
    const request = await requestClosure(citizen, home, anna, NEW_PASSWORD);
    assert.match(await text(citizen, 'closure-result-deadline'), /рабочих дней: 10/, 'flagged: 10 working days');

    // The operator's app, at the same time, against the same server.
    const deskApp = await launch(centre, {}, { alongside: true });
    try {
      const operatorApp = deskApp.browser;
      await waitFor(operatorApp, 'goto-register', 30000);
      await staffSignIn(operatorApp, centre, desk, operator);
      await findCitizen(operatorApp, anna.snils, account);
      await click(operatorApp, 'staff-nav-closures');
      const item = await operatorApp.$(`[data-testid="queue-item"][data-request="${request}"]`);
      await item.waitForExist({ timeout: 15000 });
      assert.match(await item.getText(), /Это был не я/);
      await shoot(operatorApp, 'remote-desk-queue.png');
      await item.$('[data-testid="queue-approve"]').click();
      await waitFor(operatorApp, 'queue-decided');
    } finally {
      await deskApp.close();
    }

    // Back at home: the next step finds the session over, and the sign-in names the closure.
    await click(citizen, 'nav-profile');
    await waitFor(citizen, 'signin-identifier', 15000);
    await signIn(citizen, anna.phone, NEW_PASSWORD);
    assert.match(await text(citizen, 'signin-closed-message'), /^Кабинет закрыт \d\d\.\d\d\.\d{4}/);
    await shoot(citizen, 'remote-citizen-closed.png');

    // The server stops: a sign-in says «Нет связи с сервером» and keeps what was typed.
    await server.stop();
    await type(citizen, 'signin-identifier', anna.phone);
    await type(citizen, 'signin-password', NEW_PASSWORD);
    await click(citizen, 'signin-submit');
    await citizen.waitUntil(async () => /Нет связи с сервером/.test(await citizen.$('body').getText()), {
      timeout: 15000,
      timeoutMsg: 'no «Нет связи с сервером»',
    });
    assert.equal(await (await byId(citizen, 'signin-identifier')).getValue(), anna.phone, 'the identifier is kept');
    await shoot(citizen, 'remote-no-connection.png');
  } finally {
    await citizenApp.close();
    await server.stop().catch(() => {});
  }
});

test('«Запомнить меня» with a server: the token waits in the OS keyring for the next start, sign-out forgets it', async () => {
  const server = await startServer();
  const home = freshDataDir();
  server.attach(home);
  try {
    await withApp(home, async (browser) => {
      await waitFor(browser, 'goto-register', 30000);
      await register(browser, home, anna);
      await click(browser, 'reg-done-continue');
      await signIn(browser, anna.phone, anna.password, true);
      await waitFor(browser, 'home');
    });
    await withApp(home, async (browser) => {
      await waitFor(browser, 'home', 30000);
      await click(browser, 'signout');
      await waitFor(browser, 'signin-identifier');
    });
    await withApp(home, async (browser) => {
      await waitFor(browser, 'signin-identifier', 30000);
      assert.equal(await (await byId(browser, 'home')).isExisting(), false, 'signed out stays signed out');
    });
  } finally {
    await server.stop();
  }
});

test('«Где хранятся данные»: a server chosen on screen at the first start is kept for the next start; back on this computer', async () => {
  const server = await startServer();
  // An app that starts on this computer (no server in its environment), and the administrator's
  // view of the server's database, where the operator is added.
  const centre = realpathSync(mkdtempSync(join(tmpdir(), 'kabinet-e2e-')));
  const admin = freshDataDir();
  server.attach(admin);
  const desk = addStaff(admin, operator, 'operator');
  const kept = join(centre, 'connection.json');
  try {
    await withApp(centre, async (browser) => {
      await waitFor(browser, 'goto-register', 30000);
      assert.match(await text(browser, 'connection-current'), /^Данные хранятся на этом компьютере\.\s+Изменить$/);
      await click(browser, 'connection-change');
      await click(browser, 'connection-server');
      await type(browser, 'connection-url', 'http://kabinet.example.ru');
      await click(browser, 'connection-save');
      const refused = await waitFor(browser, 'error-server_url');
      assert.match(await refused.getText(), /Адрес сервера: адрес сервера начинается с https:\/\//);
      await type(browser, 'connection-url', 'http://127.0.0.1:9');
      await click(browser, 'connection-save');
      await browser.waitUntil(async () => /не отвечает/.test(await browser.$('body').getText()), {
        timeout: 20000,
        timeoutMsg: 'a server that does not answer is not kept',
      });
      assert.equal(existsSync(kept), false, 'nothing kept');
      await shoot(browser, 'connection-choice.png');
      await type(browser, 'connection-url', server.url);
      // The app restarts with the choice, outside this WebDriver session: the click may not be
      // answered.
      await click(browser, 'connection-save').catch(() => {});
      await browser.waitUntil(async () => existsSync(kept), { timeout: 20000, timeoutMsg: 'the choice is kept' });
    });
    assert.deepEqual(JSON.parse(readFileSync(kept, 'utf8')), { mode: 'server', url: server.url, ca: '' });

    await withApp(centre, async (browser) => {
      await waitFor(browser, 'goto-register', 30000);
      assert.ok((await text(browser, 'connection-current')).startsWith(`Данные на сервере ${server.url}.`), 'the server in force');
      // The operator exists only in the server's database: the desk opens.
      await staffSignIn(browser, admin, desk, operator);
      await click(browser, 'connection-change');
      await click(browser, 'connection-local');
      await click(browser, 'connection-save').catch(() => {});
      await browser.waitUntil(async () => JSON.parse(readFileSync(kept, 'utf8')).mode === 'local', {
        timeout: 20000,
        timeoutMsg: 'back on this computer',
      });
    });
    await withApp(centre, async (browser) => {
      await waitFor(browser, 'goto-register', 30000);
      assert.match(await text(browser, 'connection-current'), /^Данные хранятся на этом компьютере/);
      // The same operator with a right code is nobody here: this computer's data is its own.
      await click(browser, 'staff-signin-link');
      await type(browser, 'staff-signin-login', operator.login);
      await type(browser, 'staff-signin-password', operator.password);
      await type(browser, 'staff-signin-code', totp(desk.secret, appNow(admin)));
      await click(browser, 'staff-signin-submit');
      await waitFor(browser, 'error-summary');
      assert.equal(await (await byId(browser, 'staff-name')).isExisting(), false);
    });
  } finally {
    await server.stop();
  }
});
