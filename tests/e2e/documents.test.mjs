// «Документы»: the citizen gets «Справка о регистрации», sees it listed with its number, opens it
// in the system viewer (a stand-in found through xdg-open, which receives the private copy), and
// checks that very file in «Проверка документа» — valid — and a copy with one byte changed —
// altered; the CLI agrees. Signing out removes the private copy: `viewer/` is left empty. The
// native «Сохранить как…» and print dialogs cannot be driven over
// WebDriver: the core's side of them is tested in crates/kabinet-core/tests/my_documents.rs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDataDir, withApp, cliBinary, cliTarget } from './support/app.mjs';
import { click, waitFor, text, byId } from './support/ui.mjs';
import { citizen, register, signIn } from './support/flows.mjs';
import { fakeViewer } from './support/viewer.mjs';

/** Puts `file` on the file input `id`, as if the citizen had chosen it. */
async function chooseFile(browser, id, file) {
  const input = await byId(browser, id);
  await input.setValue(file);
  const chosen = await browser.execute((element) => element.files.length, input);
  assert.equal(chosen, 1, `the file input holds ${file}`);
}

async function verifyInApp(browser, file) {
  await chooseFile(browser, 'doc-verify-file', file);
  await click(browser, 'doc-verify-submit');
  const result = await waitFor(browser, 'doc-verify-result');
  return result.getAttribute('data-status');
}

/** `kabinet-cli verify FILE`: its exit code (0 valid, 2 unknown, 3 altered). */
function verifyInCli(dataDir, file) {
  try {
    const target = cliTarget(dataDir); // this computer's file, or the server's database
    execFileSync(cliBinary, [...target.args, 'verify', file], { stdio: 'ignore', env: target.env });
    return 0;
  } catch (error) {
    return error.status;
  }
}

test('issue the certificate, open it, verify it valid and a changed copy altered', async () => {
  const dataDir = freshDataDir();
  const viewer = fakeViewer();
  const scratch = mkdtempSync(join(tmpdir(), 'kabinet-docs-'));
  try {
    await withApp(
      dataDir,
      async (browser) => {
        await register(browser, dataDir);
        await click(browser, 'reg-done-continue');
        await signIn(browser, citizen.phone, citizen.password);
        await waitFor(browser, 'home');
        await click(browser, 'nav-documents');
        await waitFor(browser, 'doc-list-empty');

        await click(browser, 'doc-issue-registration');
        assert.match(await text(browser, 'doc-issued'), /Справка № СРК-\d{4}-000001 готова/);
        const row = await browser.$('[data-testid="doc-list-row"]');
        const number = await row.getAttribute('data-key');
        assert.match(number, /^СРК-\d{4}-000001$/);
        assert.equal(
          await row.$('[data-testid="doc-list-title"]').getText(),
          `Справка о регистрации личного кабинета № ${number}`,
        );

        await click(browser, 'doc-open');
        await waitFor(browser, 'doc-opened');
        const opened = await viewer.opened();
        assert.equal(opened.path, join(dataDir, 'viewer', `Справка о регистрации личного кабинета ${number}.pdf`));
        assert.equal(opened.mode, '600', 'only the user may read the copy');
        assert.equal(opened.dirMode, '700', 'only the user may enter its folder');
        assert.equal(opened.bytes.subarray(0, 5).toString(), '%PDF-');

        const original = join(scratch, 'справка.pdf');
        writeFileSync(original, opened.bytes);
        const altered = join(scratch, 'справка-изменённая.pdf');
        const changed = Buffer.from(opened.bytes);
        changed[Math.floor(changed.length / 2)] ^= 0x01;
        writeFileSync(altered, changed);

        assert.equal(await verifyInApp(browser, original), 'valid');
        assert.equal(await text(browser, 'doc-verify-verdict'), 'Документ подлинный');
        assert.equal(await text(browser, 'doc-verify-number'), number);
        assert.equal(await text(browser, 'doc-verify-kind'), 'Справка о регистрации личного кабинета');
        assert.match(await text(browser, 'doc-verify-date'), /^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2} МСК$/);

        assert.equal(await verifyInApp(browser, altered), 'altered');
        assert.equal(await text(browser, 'doc-verify-verdict'), 'Документ изменён после выдачи');
        assert.match(await text(browser, 'doc-verify-message'), new RegExp(number));

        assert.equal(verifyInCli(dataDir, original), 0, 'the CLI finds the app-issued file valid');
        assert.equal(verifyInCli(dataDir, altered), 3, 'and the changed copy altered');

        assert.ok(existsSync(opened.path), 'the copy stays while the session lasts');
        await click(browser, 'signout');
        await waitFor(browser, 'signin-identifier');
        assert.deepEqual(readdirSync(join(dataDir, 'viewer')), [], 'signing out leaves no file under viewer/');
      },
      viewer.env,
    );
  } finally {
    viewer.remove();
  }
});
