// The staff desk in the real app (issue 13): an operator and a supervisor made with the CLI sign
// in with computed TOTP codes and do the day's work on three citizens registered in the app.
// - The operator finds citizen A by СНИЛС typed with spaces and approves A's closure request,
//   flagged because A pressed «Это был не я»; A's sign-in then says the account is closed.
// - The operator confirms B's identity in person; B's home shows «Подтверждённая».
// - The operator prints a «Код подтверждения личности» slip for C (the stand-in printer gets the
//   PDF; pdftotext reads the code); C enters it in «Мой профиль» and rises too.
// - The supervisor closes B's account by a court decision and prints the act from B's card.
// - «Печать за день» yields one PDF whose text lists the day's confirmation and act.
// Each action is exactly one audit row with the right login, and the chain verifies.
// With KABINET_SAVE_SCREENSHOTS=1 the desk's screens are saved under docs/screenshots/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { cli, freshDataDir, withApp } from './support/app.mjs';
import { byId, click, text, type, waitFor } from './support/ui.mjs';
import { signIn } from './support/flows.mjs';
import { addStaff, staffSignIn, supervisor } from './support/staff.mjs';
import { findCitizen, notMeThenNewPassword, person, registerWithDocuments, requestClosure } from './support/people.mjs';

const shots = join(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
const shoot = (browser, name) =>
  process.env.KABINET_SAVE_SCREENSHOTS ? browser.saveScreenshot(join(shots, name)) : Promise.resolve();

const citizenA = person('+79123456789', '+7 (912) 345-67-89', 'Ёлкина-Соколова', 'Анна', '112 233 445 95', '4510 123456');
const citizenB = person('+79161112233', '+7 (916) 111-22-33', 'Берёзкина', 'Вера', '156 666 880 19', '4511 654321');
const citizenC = person('+79162223344', '+7 (916) 222-33-44', 'Сосновская', 'Галина', '211 322 433 90', '4512 111222');
const operator = { login: 'o.ivanova', name: 'Иванова Ольга Петровна', password: 'Vx7#kQ2!mTz' };
const NEW_PASSWORD = 'Нов0е#Слово9';

async function signOutCitizen(browser) {
  await click(browser, 'signout');
  await waitFor(browser, 'signin-identifier');
}

async function staffSignOut(browser) {
  await click(browser, 'staff-signout');
  await waitFor(browser, 'staff-notice-signed_out');
  await click(browser, 'staff-signin-back');
  await waitFor(browser, 'signin-identifier');
}

/** The newest file the stand-in printer received whose name starts with `prefix`. */
async function printed(dir, prefix) {
  for (let i = 0; i < 100; i += 1) {
    const found = readdirSync(dir).filter((name) => name.startsWith(prefix) && name.endsWith('.pdf')).sort();
    if (found.length) return join(dir, found[found.length - 1]);
    await sleep(100);
  }
  throw new Error(`the printer received nothing starting with «${prefix}»: ${readdirSync(dir).join(', ')}`);
}

const pdftotext = (file) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

test('staff desk: an operator decides, confirms identity, prints a code slip; a supervisor closes by court, prints the act and the day', async () => {
  const dataDir = freshDataDir();
  const printDir = mkdtempSync(join(tmpdir(), 'kabinet-e2e-printer-'));
  const boss = addStaff(dataDir);
  const desk = addStaff(dataDir, operator, 'operator');
  const accounts = {};
  await withApp(
    dataDir,
    async (browser) => {
      await waitFor(browser, 'goto-register', 30000);
      await browser.setWindowSize(1200, 900).catch(() => {});

      // Citizen A: documents, «Это был не я», a new password, then a closure request — flagged.
      accounts.a = await registerWithDocuments(browser, dataDir, citizenA);
      await notMeThenNewPassword(browser, citizenA, NEW_PASSWORD);
      const request = await requestClosure(browser, dataDir, citizenA, NEW_PASSWORD);
      assert.match(await text(browser, 'closure-result-deadline'), /рабочих дней: 10/, 'flagged: 10 working days');
      await signOutCitizen(browser);

      accounts.b = await registerWithDocuments(browser, dataDir, citizenB);
      await signOutCitizen(browser);
      accounts.c = await registerWithDocuments(browser, dataDir, citizenC);
      await signOutCitizen(browser);

      // The operator: A by СНИЛС with spaces, the closure queue, approve.
      await staffSignIn(browser, dataDir, desk, operator);
      assert.equal(await text(browser, 'staff-name'), operator.name);
      for (const section of ['forced', 'blocks', 'audit', 'team', 'admin']) {
        assert.equal(await (await byId(browser, `staff-nav-${section}`)).isExisting(), false, `${section} is a supervisor's`);
      }
      await findCitizen(browser, citizenA.snils, accounts.a);
      await (await byId(browser, 'desk-card')).scrollIntoView();
      await shoot(browser, 'staff-card.png');
      await click(browser, 'staff-nav-incidents');
      await waitFor(browser, 'incident-item');
      await shoot(browser, 'staff-incidents.png');
      await click(browser, 'staff-nav-closures');
      const item = await browser.$(`[data-testid="queue-item"][data-request="${request}"]`);
      await item.waitForExist({ timeout: 15000 });
      assert.match(await item.getText(), /Это был не я/);
      await shoot(browser, 'staff-closure-queue.png');
      await item.$('[data-testid="queue-approve"]').click();
      await waitFor(browser, 'queue-decided');

      // B in person: the passport seen matches; the card says «Подтверждённая».
      await findCitizen(browser, citizenB.phoneTyped, accounts.b, 'identity_check');
      await click(browser, 'desk-tab-identity');
      await type(browser, 'desk-identity-passport', citizenB.passport);
      await type(browser, 'desk-identity-issue-date', '12.04.2010');
      await type(browser, 'desk-identity-division-code', '770-001');
      await type(browser, 'desk-identity-birth-date', '06.03.1990');
      await click(browser, 'desk-identity-submit');
      await waitFor(browser, 'error-birth_date');
      await type(browser, 'desk-identity-birth-date', citizenB.birthDate);
      await click(browser, 'desk-identity-submit');
      await waitFor(browser, 'desk-identity-confirmed');
      await browser.waitUntil(async () => (await (await byId(browser, 'desk-card')).getAttribute('data-level')) === 'confirmed', {
        timeout: 10000,
        timeoutMsg: 'the card did not show «Подтверждённая»',
      });

      // C: a code slip to the printer.
      await findCitizen(browser, accounts.c, accounts.c, 'identity_check');
      await click(browser, 'desk-tab-identity');
      await shoot(browser, 'staff-identity.png');
      await click(browser, 'desk-identity-slip');
      await waitFor(browser, 'desk-identity-slip-sent');
      const slip = pdftotext(await printed(printDir, 'Код подтверждения личности'));
      const code = slip.match(/\b\d{5}-\d{5}\b/)?.[0];
      assert.ok(code, `the slip carries the code: ${slip}`);
      assert.ok(slip.includes(accounts.c), 'the slip names the account');
      await staffSignOut(browser);

      // The citizens see the decisions.
      await signIn(browser, citizenA.phone, NEW_PASSWORD);
      assert.match(await text(browser, 'signin-closed-message'), /^Кабинет закрыт \d\d\.\d\d\.\d{4}/);
      await shoot(browser, 'sign-in-closed-confirmation.png');
      // The closed citizen still takes their «Подтверждение закрытия» (to the printer here).
      await click(browser, 'closed-confirmation-print');
      await waitFor(browser, 'closed-confirmation-printed');
      const confirmation = pdftotext(await printed(printDir, 'Подтверждение закрытия'));
      assert.ok(confirmation.includes(accounts.a), 'A\'s confirmation names A\'s account');
      await browser.refresh();
      await waitFor(browser, 'signin-identifier');
      await signIn(browser, citizenB.phone, citizenB.password);
      await waitFor(browser, 'home');
      assert.equal(await text(browser, 'home-level'), 'Подтверждённая');
      await signOutCitizen(browser);
      await signIn(browser, citizenC.phone, citizenC.password);
      await waitFor(browser, 'home');
      assert.equal(await text(browser, 'home-level'), 'Стандартная');
      await click(browser, 'nav-profile');
      await type(browser, 'profile-confirm-identity-code', code);
      await (await byId(browser, 'profile-confirm-identity')).scrollIntoView();
      await shoot(browser, 'profile-confirm-identity.png');
      await click(browser, 'profile-confirm-identity-submit');
      await waitFor(browser, 'profile-identity-confirmed');
      await click(browser, 'nav-home');
      assert.equal(await text(browser, 'home-level'), 'Подтверждённая');
      await signOutCitizen(browser);

      // The supervisor: B closed by a court decision, the act printed from B's card.
      await staffSignIn(browser, dataDir, boss, supervisor);
      await click(browser, 'staff-nav-forced');
      await type(browser, 'forced-account', accounts.b);
      await click(browser, 'forced-ground-court_decision');
      await type(browser, 'forced-decision-number', '2-1234/2026');
      await type(browser, 'forced-decision-date', '20.11.2026');
      await type(browser, 'forced-issuer', 'Хамовнический районный суд г. Москвы');
      await shoot(browser, 'staff-forced.png');
      await click(browser, 'forced-register');
      const act = await text(browser, 'forced-registered-act');
      assert.match(act, /АЗК-\d{4}-\d{6}/);
      const actNumber = act.match(/АЗК-\d{4}-\d{6}/)[0];
      await findCitizen(browser, accounts.b, accounts.b);
      await click(browser, 'desk-tab-documents');
      const row = await browser.$(`[data-testid="desk-doc-list-row"][data-key="${actNumber}"]`);
      await row.waitForExist({ timeout: 15000 });
      await row.$('[data-testid="desk-doc-print"]').click();
      await waitFor(browser, 'desk-doc-printed');
      assert.match(pdftotext(await printed(printDir, `Акт о закрытии личного кабинета ${actNumber}`)), /Хамовнический/);

      // «Печать за день»: one PDF listing the day's confirmation (A) and act (B).
      await click(browser, 'staff-nav-printing');
      await click(browser, 'print-day-show');
      await waitFor(browser, 'print-day-item');
      await shoot(browser, 'staff-printing.png');
      await click(browser, 'print-day-print');
      await browser.waitUntil(
        async () => (await (await byId(browser, 'print-day-outcome')).getAttribute('data-outcome').catch(() => null)) === 'sent',
        { timeout: 30000, timeoutMsg: 'the day batch was not printed' },
      );
      const batch = pdftotext(await printed(printDir, 'Документы за день'));
      assert.match(batch, /РЕЕСТР ДОКУМЕНТОВ/);
      assert.ok(batch.includes(actNumber), 'the act is listed');
      assert.match(batch, /ПЗК-\d{4}-\d{6}/, 'A\'s confirmation is listed');
      assert.ok(batch.includes(accounts.a) && batch.includes(accounts.b));

      for (const section of ['restorations', 'blocks', 'team']) {
        await click(browser, `staff-nav-${section}`);
        await sleep(500);
        await shoot(browser, `staff-${section}.png`);
      }
      await click(browser, 'staff-nav-audit');
      await click(browser, 'audit-verify');
      assert.equal(await (await waitFor(browser, 'audit-verify-result')).getAttribute('data-ok'), 'true');
      await (await byId(browser, 'audit-verify-result')).scrollIntoView();
      await shoot(browser, 'staff-audit.png');
      await click(browser, 'staff-signout');
      await waitFor(browser, 'staff-notice-signed_out');
    },
    { KABINET_E2E_PRINT_DIR: printDir },
  );

  // Each action of the run is one audit row with the right login.
  const rows = JSON.parse(cli(dataDir, '--json', 'audit', 'list')).rows;
  const all = [...rows];
  for (let page = 2; all.length < JSON.parse(cli(dataDir, '--json', 'audit', 'list')).total; page += 1) {
    all.push(...JSON.parse(cli(dataDir, '--json', 'audit', 'list', '--page', String(page))).rows);
  }
  const actions = (login) => all.filter((r) => r.who === login).map((r) => `${r.action} ${r.target}`).reverse();
  assert.deepEqual(
    actions(operator.login).filter((a) => !a.startsWith('signed_')),
    [
      `citizen_opened ${accounts.a}`,
      `closure_decided ${accounts.a}`,
      `citizen_opened ${accounts.b}`,
      `identity_checked ${accounts.b}`,
      `identity_checked ${accounts.b}`,
      `citizen_opened ${accounts.c}`,
      `identity_code_issued ${accounts.c}`,
    ],
  );
  assert.deepEqual(
    actions(supervisor.login).filter((a) => !a.startsWith('signed_')),
    [`forced_closure ${accounts.b}`, `citizen_opened ${accounts.b}`, `document_printed ${accounts.b}`, 'day_batch_printed '],
  );
  const audit = JSON.parse(cli(dataDir, '--json', 'audit', 'verify'));
  assert.equal(audit.ok, true);
});
