// «Мои заявления» and «Задолженности» against the real app, with the CLI as the operator's desk on
// the same data directory: an application submitted, moved «На рассмотрении» (the bell and the
// inbox tell the citizen), a second one cancelled with a reason; a debt added, «Оплачено» with a
// PNG receipt, and the payment confirmed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDataDir, withApp, cli } from './support/app.mjs';
import { click, type, waitFor, text, byId } from './support/ui.mjs';
import { citizen, register, signIn } from './support/flows.mjs';

/** The smallest valid PNG: one transparent pixel. */
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** Waits until the application's row shows `status`; the page asks the core on «Обновить». */
async function rowStatus(browser, number, status) {
  await browser.waitUntil(
    async () => {
      await click(browser, 'app-refresh');
      const row = await browser.$(`[data-testid="app-row"][data-number="${number}"]`);
      return (await row.isExisting()) && (await row.getAttribute('data-status')) === status;
    },
    { timeout: 15000, interval: 500, timeoutMsg: `${number} never became ${status}` },
  );
  return browser.$(`[data-testid="app-row"][data-number="${number}"]`).$('[data-testid="app-row-status"]').getText();
}

/** Money as the core writes it (no-break spaces) and as WebDriver may read it, compared alike. */
const money = (value) => value.replace(/\u00a0/g, ' ');

async function debtRow(browser, id) {
  const row = await browser.$(`[data-testid="debt-row"][data-id="${id}"]`);
  await row.waitForDisplayed({ timeout: 15000 });
  return row;
}

/** Submits «Загранпаспорт» (the passport number is not in a fresh profile) and returns its number. */
async function submitPassport(browser) {
  await click(browser, 'nav-applications');
  await click(browser, 'app-new');
  await click(browser, 'app-service-passport_foreign');
  await click(browser, 'app-service-continue');
  await waitFor(browser, 'app-field-surname');
  assert.equal(await (await byId(browser, 'app-field-surname')).getValue(), citizen.surname, 'prefilled from the profile');
  await type(browser, 'app-field-passport', '4510 123456');
  await click(browser, 'app-field-term-0');
  await click(browser, 'app-submit');
  return text(browser, 'app-submitted-number');
}

/** Chooses a file the WebKit way that works under WebKitWebDriver: a File put into the input. */
async function chooseFile(browser, testid, name, base64, mime) {
  await waitFor(browser, testid);
  await browser.execute(
    (id, fileName, data, type) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], fileName, { type }));
      const input = document.querySelector(`[data-testid="${id}"]`);
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    testid,
    name,
    base64,
    mime,
  );
}

test('applications: submit, an operator moves it, cancel another; debts: add, receipt, confirm', async () => {
  const dataDir = freshDataDir();
  await withApp(dataDir, async (browser) => {
    const account = await register(browser, dataDir);
    await click(browser, 'reg-done-continue');
    await signIn(browser, citizen.phone, citizen.password);
    await waitFor(browser, 'home');

    await click(browser, 'nav-applications');
    assert.ok(await text(browser, 'app-empty'));
    await click(browser, 'app-new');
    await click(browser, 'app-service-passport_foreign');
    await click(browser, 'app-service-continue');
    await click(browser, 'app-submit');
    assert.match(await text(browser, 'error-app-field-term'), /Срок действия/, 'the refusal is at the «term» input');
    assert.match(await text(browser, 'error-app-field-passport'), /Паспорт/);

    const first = await submitPassport(browser);
    assert.match(first, /^\d{4}-\d{6}$/);
    await click(browser, 'app-submitted-list');
    assert.equal(await rowStatus(browser, first, 'accepted'), 'Принято');
    const submitted = await browser.$(`[data-testid="app-row"][data-number="${first}"]`).$('[data-testid="app-row-submitted"]').getText();
    assert.match(submitted, /^\d\d\.\d\d\.\d{4}$/);

    await click(browser, 'nav-home');
    const before = Number(await text(browser, 'bell-count'));
    cli(dataDir, 'application', 'status', '--number', first, '--status', 'in_review', '--comment', 'Передано в отдел');
    await click(browser, 'nav-applications');
    assert.equal(await rowStatus(browser, first, 'in_review'), 'На рассмотрении');
    await browser.waitUntil(
      async () => {
        await click(browser, 'nav-applications');
        return Number(await text(browser, 'bell-count')) === before + 1;
      },
      { timeout: 15000, interval: 500, timeoutMsg: 'the bell never counted the status change' },
    );
    await click(browser, 'bell');
    await waitFor(browser, 'inbox-item');
    const titles = [];
    for (const item of await browser.$$('[data-testid="inbox-title"]')) titles.push(await item.getText());
    assert.ok(titles.includes(`Заявление № ${first}: На рассмотрении`), titles.join(' | '));

    await click(browser, 'nav-applications');
    await click(browser, `app-open-${first}`);
    await waitFor(browser, 'app-history');
    const steps = await browser.$$('[data-testid="app-history-item"]');
    assert.equal(steps.length, 2);
    assert.equal(await steps[1].getAttribute('data-status'), 'in_review');
    assert.equal(await steps[1].$('[data-testid="app-history-actor"]').getText(), 'Оператор');
    assert.equal(await steps[1].$('[data-testid="app-history-comment"]').getText(), 'Передано в отдел');

    const second = await submitPassport(browser);
    assert.notEqual(second, first);
    await click(browser, 'app-submitted-open');
    await click(browser, 'app-cancel');
    await type(browser, 'app-cancel-reason', 'Подал по ошибке');
    await click(browser, 'app-cancel-confirm');
    await waitFor(browser, 'app-cancelled');
    assert.equal(await text(browser, 'app-detail-status'), 'Отменено');
    assert.equal(await (await byId(browser, 'app-cancel')).isExisting(), false, 'a cancelled one offers no cancel');
    await click(browser, 'app-detail-back');
    assert.equal(await rowStatus(browser, second, 'cancelled'), 'Отменено');
    assert.equal(await rowStatus(browser, first, 'in_review'), 'На рассмотрении');

    const added = JSON.parse(
      cli(dataDir, '--json', 'debt', 'add', '--account', account, '--kind', 'fine', '--agency', 'Госавтоинспекция',
        '--purpose', 'Превышение скорости', '--amount', '1500,50', '--due', '01.12.2099'),
    );
    await click(browser, 'nav-debts');
    let row = await debtRow(browser, added.id);
    assert.equal(await row.getAttribute('data-status'), 'open');
    assert.equal(money(await row.$('[data-testid="debt-amount"]').getText()), '1 500,50 ₽');
    assert.equal(await row.$('[data-testid="debt-status"]').getText(), 'Не оплачено');
    assert.equal(money(await text(browser, 'debt-total')), '1 500,50 ₽');

    await click(browser, `debt-paid-${added.id}`);
    await chooseFile(browser, 'debt-receipt-input', 'квитанция.png', PNG_BASE64, 'image/png');
    await click(browser, 'debt-receipt-send');
    assert.match(await text(browser, 'debt-claimed-notice'), /Оплата на проверке — задолженность остаётся открытой до подтверждения/);
    row = await debtRow(browser, added.id);
    assert.equal(await row.getAttribute('data-status'), 'awaiting_confirmation');
    assert.equal(await row.$('[data-testid="debt-receipt-name"]').getText(), 'квитанция.png');
    assert.equal(money(await text(browser, 'debt-total')), '1 500,50 ₽', 'still owed until confirmed');

    cli(dataDir, 'debt', 'confirm', '--id', String(added.id));
    await browser.waitUntil(
      async () => {
        await click(browser, 'debt-refresh');
        return (await (await debtRow(browser, added.id)).getAttribute('data-status')) === 'paid';
      },
      { timeout: 15000, interval: 500, timeoutMsg: 'the debt never showed as paid' },
    );
    row = await debtRow(browser, added.id);
    assert.equal(await row.$('[data-testid="debt-status"]').getText(), 'Оплачено');
    assert.equal(money(await text(browser, 'debt-total')), '0,00 ₽');
  });
});
