// Sign-in security as a citizen meets it: the lockout and its end, a TOTP second factor read
// from the screen, single-use backup codes, and «Забыли пароль?».
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDataDir, withApp, moveClock, appNow, latestCode } from './support/app.mjs';
import { click, type, waitFor, text, byId } from './support/ui.mjs';
import { citizen, register, signIn } from './support/flows.mjs';
import { totp } from './support/totp.mjs';

const hhmmss = (unix) => new Date(unix * 1000).toLocaleTimeString('ru-RU', { hour12: false });

async function registered(browser, dataDir) {
  await register(browser, dataDir);
  await click(browser, 'reg-done-continue');
  await waitFor(browser, 'signin-identifier');
}

test('three wrong passwords lock sign-in until the shown time', async () => {
  const dataDir = freshDataDir();
  await withApp(dataDir, async (browser) => {
    await registered(browser, dataDir);
    for (let i = 0; i < 3; i += 1) await signIn(browser, citizen.phone, `Wrong#Pass${i}x`);
    await waitFor(browser, 'signin-locked');
    const unlockAt = appNow(dataDir) + 15 * 60;
    const shown = await text(browser, 'signin-unlock-time');
    const candidates = [unlockAt - 2, unlockAt - 1, unlockAt].map(hhmmss);
    assert.ok(candidates.some((time) => shown.includes(time)), `${shown} shows one of ${candidates}`);

    await signIn(browser, citizen.phone, citizen.password);
    await waitFor(browser, 'signin-locked');
    assert.equal(await (await byId(browser, 'home')).isExisting(), false, 'the right password is refused while locked');

    moveClock(dataDir, 15 * 60 + 5);
    await signIn(browser, citizen.phone, citizen.password);
    await waitFor(browser, 'home');
  });
});

test('a TOTP app read from the screen signs in, and a backup code works once', async () => {
  const dataDir = freshDataDir();
  await withApp(dataDir, async (browser) => {
    await registered(browser, dataDir);
    await signIn(browser, citizen.phone, citizen.password);
    await waitFor(browser, 'home');
    await click(browser, 'nav-security');
    await click(browser, 'totp-start');
    await waitFor(browser, 'totp-qr');
    const key = await text(browser, 'totp-manual-key');
    await type(browser, 'totp-code', totp(key, appNow(dataDir)));
    await click(browser, 'totp-confirm');
    await waitFor(browser, 'backup-codes');
    const codes = [];
    for (const element of await browser.$$('[data-testid="backup-code"]')) codes.push(await element.getText());
    assert.equal(codes.length, 10);
    await click(browser, 'backup-codes-done');
    await click(browser, 'nav-home');
    await click(browser, 'signout');

    moveClock(dataDir, 30);
    await signIn(browser, citizen.phone, citizen.password);
    await type(browser, 'second-factor-code', totp(key, appNow(dataDir)));
    await click(browser, 'second-factor-submit');
    await waitFor(browser, 'home');
    await click(browser, 'signout');

    await signIn(browser, citizen.phone, citizen.password);
    await type(browser, 'second-factor-code', codes[0]);
    await click(browser, 'second-factor-submit');
    await waitFor(browser, 'home');
    await click(browser, 'signout');

    await signIn(browser, citizen.phone, citizen.password);
    await type(browser, 'second-factor-code', codes[0]);
    await click(browser, 'second-factor-submit');
    assert.match(await text(browser, 'second-factor-attempts'), /2/);
    assert.equal(await (await byId(browser, 'home')).isExisting(), false, 'a used backup code is refused');
  });
});

test('«Забыли пароль?» with the code from the outbox replaces the password', async () => {
  const dataDir = freshDataDir();
  const newPassword = 'Nq5$tRv8wKz';
  await withApp(dataDir, async (browser) => {
    await registered(browser, dataDir);
    await click(browser, 'forgot-password');
    await type(browser, 'recovery-identifier', citizen.phoneTyped);
    await click(browser, 'recovery-start-submit');
    await waitFor(browser, 'recovery-code');
    await type(browser, 'recovery-code', latestCode(dataDir, citizen.phone));
    await click(browser, 'recovery-verify-submit');
    await type(browser, 'recovery-password', newPassword);
    await type(browser, 'recovery-password-repeat', newPassword);
    await click(browser, 'recovery-complete-submit');
    await waitFor(browser, 'recovery-done');

    await signIn(browser, citizen.phone, citizen.password);
    assert.match(await text(browser, 'error-summary'), /Неверный логин или пароль/);
    await signIn(browser, citizen.phone, newPassword);
    await waitFor(browser, 'home');
  });
});
