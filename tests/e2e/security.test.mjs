// Sign-in security as a citizen meets it: the lockout and its end, a TOTP second factor read
// from the screen, single-use backup codes, wrong codes that lock the account across challenges,
// new backup codes only with a code, and «Забыли пароль?».
// With KABINET_SAVE_SCREENSHOTS=1 saves the renewal form under docs/screenshots/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDataDir, withApp, moveClock, appNow, latestCode } from './support/app.mjs';
import { click, type, waitFor, text, byId } from './support/ui.mjs';
import { citizen, register, signIn, signInAnswered } from './support/flows.mjs';
import { totp } from './support/totp.mjs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const shots = join(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
const shoot = (browser, name) =>
  process.env.KABINET_SAVE_SCREENSHOTS ? browser.saveScreenshot(join(shots, name)) : Promise.resolve();

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
    for (let i = 0; i < 3; i += 1) await signInAnswered(browser, citizen.phone, `Wrong#Pass${i}x`);
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
    const { key, codes } = await turnTotpOn(browser, dataDir);
    assert.equal(codes.length, 10);
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

/** A six-digit code that is not the TOTP of now nor of the neighbouring steps. */
function wrongTotp(key, now) {
  const near = [-2, -1, 0, 1, 2].map((step) => totp(key, now + step * 30));
  for (let n = 0; ; n += 1) {
    const code = String(n).padStart(6, '0');
    if (!near.includes(code)) return code;
  }
}

async function turnTotpOn(browser, dataDir) {
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
  await click(browser, 'backup-codes-done');
  return { key, codes };
}

test('wrong second-factor codes lock the account across challenges, a right password does not reset them', async () => {
  const dataDir = freshDataDir();
  await withApp(dataDir, async (browser) => {
    await registered(browser, dataDir);
    const { key } = await turnTotpOn(browser, dataDir);
    await click(browser, 'nav-home');
    await click(browser, 'signout');
    moveClock(dataDir, 30);
    const wrong = wrongTotp(key, appNow(dataDir));

    await signIn(browser, citizen.phone, citizen.password);
    for (const left of ['2', '1']) {
      await type(browser, 'second-factor-code', wrong);
      await click(browser, 'second-factor-submit');
      await browser.waitUntil(async () => (await text(browser, 'second-factor-attempts')).includes(left));
    }
    await click(browser, 'second-factor-cancel');
    await signIn(browser, citizen.phone, citizen.password);
    await type(browser, 'second-factor-code', wrong);
    await click(browser, 'second-factor-submit');
    await waitFor(browser, 'signin-locked');
    await signIn(browser, citizen.phone, citizen.password);
    await waitFor(browser, 'signin-locked');
    assert.equal(await (await byId(browser, 'second-factor')).isExisting(), false, 'no new challenge while locked');
  });
});

test('new backup codes need a code of the factor, not only the password', async () => {
  const dataDir = freshDataDir();
  await withApp(dataDir, async (browser) => {
    await registered(browser, dataDir);
    const { key } = await turnTotpOn(browser, dataDir);
    moveClock(dataDir, 30);
    await click(browser, 'backup-codes-renew');
    await waitFor(browser, 'renew-form');
    await type(browser, 'renew-code', wrongTotp(key, appNow(dataDir)));
    await click(browser, 'renew-submit');
    await waitFor(browser, 'error-code');
    await (await byId(browser, 'renew-form')).scrollIntoView({ block: 'center' });
    await shoot(browser, 'security-renew-codes.png');
    await type(browser, 'renew-code', totp(key, appNow(dataDir)));
    await click(browser, 'renew-submit');
    await waitFor(browser, 'backup-codes');
    assert.equal((await browser.$$('[data-testid="backup-code"]')).length, 10);
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
