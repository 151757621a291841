// The app as a client of kabinet-server (issue 15): two apps at once against one server on the
// test command's PostgreSQL — a citizen's at home and an operator's at a service centre, each
// with its own data directory and WebDriver session. The citizen's closure request, flagged
// because she pressed «Это был не я», is approved at the operator's desk; the citizen's app then
// shows the decision: her session is over and the sign-in says the account is closed.
// Also: the remote app's sessions name its own computer, and a stopped server is «Нет связи с
// сервером» with nothing typed lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDataDir, launch, withApp } from './support/app.mjs';
import { byId, click, text, type, waitFor } from './support/ui.mjs';
import { register, signIn } from './support/flows.mjs';
import { addStaff, staffSignIn } from './support/staff.mjs';
import { findCitizen, notMeThenNewPassword, person, registerWithDocuments, requestClosure } from './support/people.mjs';
import { startServer } from './support/server.mjs';
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
