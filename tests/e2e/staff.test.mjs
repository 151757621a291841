// Staff mode as a supervisor meets it: an account made with the CLI, sign-in in the app with
// password and a TOTP code, «Администрирование» → «Транспорты доставки» pointed at a local SMS
// gateway, «Отправить тест» received with its Idempotency-Key, sign-out, and an intact audit log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDataDir, withApp, cli } from './support/app.mjs';
import { remoteSuite } from './support/server.mjs';
import { click, type, waitFor, text } from './support/ui.mjs';
import { addStaff, gatewayServer, staffSignIn, supervisor } from './support/staff.mjs';

test('a supervisor points SMS at a gateway and «Отправить тест» reaches it once, with its key', async () => {
  const dataDir = freshDataDir();
  const created = addStaff(dataDir);
  assert.match(created.otpauth_uri, /^otpauth:\/\/totp\/Kabinet:a\.petrova\?secret=/);
  const gateway = await gatewayServer();
  try {
    await withApp(dataDir, async (browser) => {
      await waitFor(browser, 'signin-identifier');
      await click(browser, 'staff-signin-link');
      await type(browser, 'staff-signin-login', supervisor.login);
      await type(browser, 'staff-signin-password', supervisor.password);
      await type(browser, 'staff-signin-code', '000000');
      await click(browser, 'staff-signin-submit');
      assert.equal(await text(browser, 'error-summary-message'), 'Неверный логин, пароль или код');
      await click(browser, 'staff-signin-back');
      await staffSignIn(browser, dataDir, created);
      assert.equal(await text(browser, 'staff-name'), supervisor.name);
      assert.equal(await text(browser, 'staff-role'), 'старший смены');

      await click(browser, 'staff-nav-admin');
      await waitFor(browser, 'transports-form');
      assert.equal(await text(browser, 'page-title'), 'Администрирование');
      await click(browser, 'sms-transport-http');
      // A server takes its delivery secrets from its own environment, never from a desk.
      assert.equal(await text(browser, 'sms-token-state'), remoteSuite ? 'задан' : 'не задан');
      await type(browser, 'gateway-url', gateway.url);
      if (!remoteSuite) await type(browser, 'gateway-token', 'e2e-t0ken');
      await click(browser, 'transports-save');
      await waitFor(browser, 'transports-saved');
      assert.equal(await text(browser, 'sms-token-state'), 'задан');
      assert.equal(await (await waitFor(browser, 'gateway-token')).getValue(), '', 'the token never comes back');

      await type(browser, 'test-sms-to', '+7 916 000-11-22');
      await click(browser, 'test-sms-send');
      const answer = await text(browser, 'test-sms-result');
      assert.match(answer, /Отправлено/);
      assert.match(answer, /«http» принял сообщение для \+79160001122/);

      assert.equal(gateway.requests.length, 1, 'one test, one request');
      const [request] = gateway.requests;
      assert.equal(request.method, 'POST');
      assert.equal(request.url, '/sms/send');
      assert.equal(request.headers.authorization, 'Bearer e2e-t0ken');
      const key = request.headers['idempotency-key'];
      assert.ok(key, 'the request carries an Idempotency-Key');
      const body = JSON.parse(request.body);
      assert.equal(body.to, '+79160001122');
      assert.equal(body.id, key);
      assert.match(body.text, /Проверка доставки Кабинета/);

      await click(browser, 'staff-signout');
      await waitFor(browser, 'staff-notice-signed_out');
    }, remoteSuite ? { KABINET_SMS_TOKEN: 'e2e-t0ken' } : {});
  } finally {
    await gateway.close();
  }
  const audit = JSON.parse(cli(dataDir, '--json', 'audit', 'verify'));
  assert.equal(audit.ok, true);
  assert.ok(audit.rows >= 7, `staff_added, sign-in failure, sign-in, view, save, test, sign-out: ${audit.rows}`);
});
