// «Уведомления» as a citizen meets them: settings saved, kept and undone; messages from the system
// (kabinet-cli notify) and from a password change reaching the bell, the inbox and «История
// сообщений», with quiet hours holding what may wait and the app taking the desktop notification.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDataDir, withApp, cli, appNow } from './support/app.mjs';
import { click, type, waitFor, text, byId } from './support/ui.mjs';
import { citizen, register, signIn } from './support/flows.mjs';

const NEW_PASSWORD = 'Vk3$tn9!Qd7w';

/** `ЧЧ:ММ` in this machine's zone (the app's too), `minutes` from the app's now. */
function localHhmm(dataDir, minutes) {
  const date = new Date((appNow(dataDir) + minutes * 60) * 1000);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

const selected = async (browser, id) => (await waitFor(browser, id)).isSelected();
const value = async (browser, id) => (await waitFor(browser, id)).getValue();

async function bell(browser) {
  return Number(await text(browser, 'bell-count'));
}

/** Moves in the navigation (which asks for the count again) until the bell shows `expected`. */
async function bellShows(browser, expected) {
  await browser.waitUntil(
    async () => {
      await click(browser, 'nav-home');
      return (await bell(browser)) === expected;
    },
    { timeout: 15000, interval: 500, timeoutMsg: `the bell never showed ${expected}` },
  );
}

async function inboxItem(browser, title) {
  await browser.waitUntil(
    async () => {
      for (const item of await browser.$$('[data-testid="inbox-item"]')) {
        if ((await item.$('[data-testid="inbox-title"]').getText()) === title) return true;
      }
      return false;
    },
    { timeout: 15000, timeoutMsg: `no «${title}» in the list` },
  );
  for (const item of await browser.$$('[data-testid="inbox-item"]')) {
    if ((await item.$('[data-testid="inbox-title"]').getText()) === title) return item;
  }
  throw new Error(`no «${title}»`);
}

/** Status of each channel of the message titled `title` in «История сообщений». */
async function deliveries(browser, title) {
  await click(browser, 'nav-home');
  await click(browser, 'nav-message-history');
  await waitFor(browser, 'msg-history-item');
  for (const item of await browser.$$('[data-testid="msg-history-item"]')) {
    if ((await item.$('[data-testid="msg-history-title"]').getText()) !== title) continue;
    const found = {};
    for (const row of await item.$$('[data-testid="msg-delivery"]')) {
      found[await row.getAttribute('data-channel')] = {
        status: await row.getAttribute('data-status'),
        summary: await row.$('[data-testid="msg-delivery-summary"]').getText(),
      };
    }
    return found;
  }
  return null;
}

async function setQuietHours(browser, start, end) {
  if (!(await selected(browser, 'quiet-hours'))) await click(browser, 'quiet-hours');
  await type(browser, 'quiet-hours-start', start);
  await type(browser, 'quiet-hours-end', end);
}

test('settings are kept and undone; messages reach the bell, the inbox and «История сообщений»', async () => {
  const dataDir = freshDataDir();
  await withApp(dataDir, async (browser) => {
    const account = await register(browser, dataDir);
    await click(browser, 'reg-done-continue');
    await signIn(browser, citizen.phone, citizen.password);
    await waitFor(browser, 'home');

    await click(browser, 'nav-notification-settings');
    assert.equal(await selected(browser, 'matrix-payment_due-email'), true, 'e-mail is on by default');
    assert.equal(await (await waitFor(browser, 'matrix-security-email')).isEnabled(), false, 'security is locked');
    assert.match(await text(browser, 'quiet-hours-offset'), /UTC[+-]\d\d:\d\d/);
    await click(browser, 'matrix-payment_due-email');
    const [start, end] = [localHhmm(dataDir, -60), localHhmm(dataDir, 120)];
    await setQuietHours(browser, start, end);
    await click(browser, 'settings-save');
    await waitFor(browser, 'settings-saved');

    await browser.refresh();
    await waitFor(browser, 'home');
    await click(browser, 'nav-notification-settings');
    await waitFor(browser, 'matrix');
    assert.equal(await selected(browser, 'matrix-payment_due-email'), false, 'e-mail off is kept');
    assert.equal(await selected(browser, 'quiet-hours'), true);
    assert.equal(await value(browser, 'quiet-hours-start'), start);
    assert.equal(await value(browser, 'quiet-hours-end'), end);

    await click(browser, 'settings-undo');
    await waitFor(browser, 'settings-undone');
    assert.equal(await selected(browser, 'matrix-payment_due-email'), true, 'undo brings the defaults back');
    assert.equal(await selected(browser, 'quiet-hours'), false);

    await setQuietHours(browser, start, start);
    await click(browser, 'settings-save');
    assert.match(await text(browser, 'error-quiet_hours_end'), /различаться/, 'the core refuses equal start and end, at the field');
    await type(browser, 'quiet-hours-end', end);
    await click(browser, 'matrix-payment_due-email');
    await click(browser, 'settings-save');
    await waitFor(browser, 'settings-saved');

    await click(browser, 'nav-home');
    const before = await bell(browser);
    const title = 'Срок оплаты госпошлины';
    cli(dataDir, 'notify', '--account', account, '--event', 'payment_due', '--service', 'passport_foreign',
      '--title', title, '--text', 'Оплатите госпошлину за загранпаспорт до 1 декабря.');
    await bellShows(browser, before + 1);

    await click(browser, 'bell');
    await waitFor(browser, 'inbox');
    let item = await inboxItem(browser, title);
    assert.equal(await item.getAttribute('data-read'), 'false');
    await item.$('[data-testid="inbox-open"]').click();
    await waitFor(browser, 'inbox-body');
    assert.match(await text(browser, 'inbox-body'), /до 1 декабря/);
    await browser.waitUntil(async () => (await bell(browser)) === before, { timeout: 10000, timeoutMsg: 'opening did not lower the bell' });
    assert.equal(await item.getAttribute('data-read'), 'true');

    await item.$('[data-testid="inbox-delete"]').click();
    await waitFor(browser, 'inbox-deleted');
    await click(browser, 'folder-deleted');
    item = await inboxItem(browser, title);
    await item.$('[data-testid="inbox-restore"]').click();
    await waitFor(browser, 'inbox-restored');
    await click(browser, 'folder-inbox');
    await inboxItem(browser, title);

    const held = await deliveries(browser, title);
    assert.equal(held.in_app.status, 'sent');
    assert.equal(held.desktop.status, 'held', JSON.stringify(held));
    assert.ok(held.desktop.summary.includes(end), `held until ${end}: ${held.desktop.summary}`);
    assert.equal(held.email.status, 'suppressed', 'e-mail is off for this event type');
    assert.equal(held.sms.status, 'held');

    await click(browser, 'nav-security');
    await type(browser, 'change-current-password', citizen.password);
    await type(browser, 'change-password', NEW_PASSWORD);
    await type(browser, 'change-password-repeat', NEW_PASSWORD);
    await click(browser, 'change-password-submit');
    await waitFor(browser, 'change-password-done');
    await bellShows(browser, before + 1);

    let security = null;
    await browser.waitUntil(
      async () => {
        const all = await deliveriesOfNewest(browser);
        security = all;
        return all?.desktop?.status === 'sent';
      },
      { timeout: 40000, interval: 2000, timeoutMsg: 'the app never took the desktop notification' },
    );
    assert.equal(security.in_app.status, 'sent');
    assert.equal(security.sms.status, 'sent', 'security ignores quiet hours');
    assert.equal(security.email.status, 'suppressed', 'no confirmed e-mail');
    assert.equal(await (await byId(browser, 'msg-delivery-attempt')).isExisting(), true, 'tries are listed');
  });
});

/** The channels of the newest message in «История сообщений». */
async function deliveriesOfNewest(browser) {
  await click(browser, 'nav-home');
  await click(browser, 'nav-message-history');
  const first = await waitFor(browser, 'msg-history-item');
  if ((await first.getAttribute('data-event')) !== 'security') return null;
  const found = {};
  for (const row of await first.$$('[data-testid="msg-delivery"]')) {
    found[await row.getAttribute('data-channel')] = { status: await row.getAttribute('data-status') };
  }
  return found;
}
