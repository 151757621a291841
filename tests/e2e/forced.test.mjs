// Forced closure and blocks as the citizen meets them in the real app, with the CLI as the
// operator's desk on the same data directory:
// - `kabinet-cli block`: sign-in is refused with the reason, the last day and how to appeal;
// - `kabinet-cli unblock`: sign-in works again;
// - `kabinet-cli forced close --ground court-decision`: the open session is gone, and sign-in is
//   refused with the ground, the restoration date and how to appeal.
// With KABINET_SAVE_SCREENSHOTS=1 saves the two refusals under docs/screenshots/ (sign-in-blocked,
// sign-in-closed-by-staff); an ordinary run writes nothing into the repository.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli, freshDataDir, withApp } from './support/app.mjs';
import { click, text, waitFor } from './support/ui.mjs';
import { citizen, register, signIn } from './support/flows.mjs';

const shots = join(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
const shoot = (browser, name) =>
  process.env.KABINET_SAVE_SCREENSHOTS ? browser.saveScreenshot(join(shots, name)) : Promise.resolve();
const APPEAL = 'Обжаловать решение можно в течение 30 дней в центре обслуживания или по телефону 8 800 100-70-10.';

/** ДД.ММ.ГГГГ, `days` from today on this machine's calendar. */
function dayFromToday(days) {
  const at = new Date();
  at.setDate(at.getDate() + days);
  const two = (n) => String(n).padStart(2, '0');
  return `${two(at.getDate())}.${two(at.getMonth() + 1)}.${at.getFullYear()}`;
}

test('forced: a block refuses sign-in with the reason and the appeal; a court decision closes with its ground', async () => {
  const dataDir = freshDataDir();
  await withApp(dataDir, async (browser) => {
    await waitFor(browser, 'goto-register', 30000);
    await browser.setWindowSize(1100, 900).catch(() => {});
    const account = await register(browser, dataDir);
    const until = dayFromToday(3);
    cli(dataDir, 'block', '--account', account, '--reason', 'Проверка обращения о мошенничестве', '--until', until);

    await click(browser, 'reg-done-continue');
    await signIn(browser, citizen.phone, citizen.password);
    await waitFor(browser, 'error-summary');
    const blocked = await text(browser, 'error-summary');
    assert.ok(
      blocked.includes(`Кабинет заблокирован по ${until} включительно. Причина: Проверка обращения о мошенничестве.`),
      blocked,
    );
    assert.ok(blocked.includes(APPEAL), blocked);
    await shoot(browser, 'sign-in-blocked.png');

    cli(dataDir, 'unblock', '--account', account);
    await signIn(browser, citizen.phone, citizen.password);
    await waitFor(browser, 'home');

    const decided = dayFromToday(-5);
    const closed = JSON.parse(
      cli(dataDir, '--json', 'forced', 'close', '--account', account, '--ground', 'court-decision',
        '--number', '2-1234/2026', '--date', decided, '--issuer', 'Тверской районный суд г. Москвы'),
    );
    assert.equal(closed.stage, 'executed');
    assert.match(closed.act_number, /^АЗК-\d{4}-\d{6}$/);

    await click(browser, 'signout');
    await waitFor(browser, 'signin-form');
    await signIn(browser, citizen.phone, citizen.password);
    await waitFor(browser, 'signin-closed');
    const refusal = await text(browser, 'signin-closed-message');
    assert.ok(refusal.startsWith(`Кабинет закрыт сотрудником ${dayFromToday(0)}. Основание: решение суда. `), refusal);
    assert.ok(refusal.includes(`Восстановить его можно до ${dayFromToday(30)} через оператора центра обслуживания.`), refusal);
    assert.ok(refusal.endsWith(APPEAL), refusal);
    await shoot(browser, 'sign-in-closed-by-staff.png');
  });
});
