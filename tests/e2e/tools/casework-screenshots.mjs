// Walks «Мои заявления» and «Задолженности» of the real app, with the CLI moving statuses and adding
// debts, and saves PNGs under docs/screenshots/: the list, a form refused field by field, one
// application with its history, and the debts. Not a test: run it under the same keyring and Xvfb
// wrapper as the suite to look at the screens.
import { mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshDataDir, withApp, cli } from '../support/app.mjs';
import { click, type, waitFor, text } from '../support/ui.mjs';
import { citizen, register, signIn } from '../support/flows.mjs';

const out = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/screenshots');
mkdirSync(out, { recursive: true });
async function shot(browser, name) {
  await browser.execute(() => window.scrollTo(0, 0));
  await browser.pause(300);
  await browser.saveScreenshot(join(out, `${name}.png`));
}

async function apply(browser, service, fill) {
  await click(browser, 'nav-applications');
  await click(browser, 'app-new');
  await click(browser, `app-service-${service}`);
  await click(browser, 'app-service-continue');
  await waitFor(browser, 'app-submit');
  await fill();
  await click(browser, 'app-submit');
  return text(browser, 'app-submitted-number');
}

/** One transparent pixel, put into the file input as the citizen's choice would be. */
async function chooseFile(browser, testid, name) {
  await waitFor(browser, testid);
  await browser.execute(
    (id, fileName) => {
      const data = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
      const transfer = new DataTransfer();
      transfer.items.add(new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], fileName, { type: 'image/png' }));
      const input = document.querySelector(`[data-testid="${id}"]`);
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    testid,
    name,
  );
}

const dataDir = freshDataDir();
await withApp(dataDir, async (browser) => {
  await browser.setWindowSize(1100, 1500).catch(() => {});
  const account = await register(browser, dataDir);
  await click(browser, 'reg-done-continue');
  await signIn(browser, citizen.phone, citizen.password);
  await waitFor(browser, 'home');

  const status = (number, next, ...comment) => cli(dataDir, 'application', 'status', '--number', number, '--status', next, ...comment);
  const passport = await apply(browser, 'passport_foreign', async () => {
    await type(browser, 'app-field-passport', '4510 123456');
    await click(browser, 'app-field-term-1');
  });
  const doctor = await apply(browser, 'doctor_appointment', async () => {
    await click(browser, 'app-field-specialist-0');
    await type(browser, 'app-field-visit_date', '15.12.2026');
  });
  const fines = await apply(browser, 'traffic_fines', async () => {
    await type(browser, 'app-field-resolution', '18810177260000012345');
    await click(browser, 'app-field-request-2');
  });
  status(passport, 'in_review', '--comment', 'Передано в отдел по вопросам миграции');
  status(passport, 'documents_required', '--comment', 'Приложите фотографию 35×45 мм');
  status(doctor, 'completed', '--comment', 'Запись на 15.12.2026, 10:30, кабинет 214');
  status(fines, 'refused', '--comment', 'Срок обжалования истёк');

  await click(browser, 'nav-applications');
  await waitFor(browser, 'app-row');
  await shot(browser, 'applications-list');

  await click(browser, `app-open-${passport}`);
  await waitFor(browser, 'app-history');
  await click(browser, 'app-cancel');
  await shot(browser, 'application-detail');

  await click(browser, 'nav-applications');
  await click(browser, 'app-new');
  await click(browser, 'app-service-vehicle_registration');
  await click(browser, 'app-service-continue');
  await type(browser, 'app-field-purchase_date', '31.02.2026');
  await click(browser, 'app-submit');
  await waitFor(browser, 'error-summary');
  await shot(browser, 'application-form-errors');

  const debt = (kind, agency, purpose, amount, due) =>
    JSON.parse(cli(dataDir, '--json', 'debt', 'add', '--account', account, '--kind', kind, '--agency', agency,
      '--purpose', purpose, '--amount', amount, '--due', due));
  debt('fine', 'Госавтоинспекция', 'Превышение скорости, постановление № 18810177260000012345', '500', '01.03.2026');
  const tax = debt('tax', 'ФНС России', 'Налог на имущество физических лиц за 2025 год', '12 345,67', '01.12.2099');
  const fee = debt('state_fee', 'МВД России', 'Госпошлина за загранпаспорт нового образца', '6000', '31.12.2099');
  debt('utility', 'ГУП «Мосводоканал»', 'Водоснабжение, октябрь 2026', '1 234,50', '25.11.2099');
  cli(dataDir, 'debt', 'confirm', '--id', String(fee.id));
  await click(browser, 'nav-debts');
  await click(browser, `debt-paid-${tax.id}`);
  await chooseFile(browser, 'debt-receipt-input', 'квитанция.png');
  await click(browser, 'debt-receipt-send');
  await waitFor(browser, 'debt-claimed-notice');
  await shot(browser, 'debts');
});
console.log(`screenshots in ${out}`);
