// Saves PNGs of staff mode under docs/screenshots/: the staff sign-in and «Администрирование» →
// «Транспорты доставки» after a gateway test. Not a test: run it under the suite's keyring and
// Xvfb wrapper to look at the screens.
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshDataDir, withApp } from '../support/app.mjs';
import { click, type, waitFor } from '../support/ui.mjs';
import { addStaff, gatewayServer, staffSignIn } from '../support/staff.mjs';

const out = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/screenshots');
const shot = (browser, name) => browser.saveScreenshot(join(out, `${name}.png`));

const dataDir = freshDataDir();
const created = addStaff(dataDir);
const gateway = await gatewayServer();
try {
  await withApp(dataDir, async (browser) => {
    await browser.setWindowSize(1100, 1200).catch(() => {});
    await waitFor(browser, 'signin-identifier');
    await click(browser, 'staff-signin-link');
    await waitFor(browser, 'staff-signin-form');
    await browser.pause(300);
    await shot(browser, 'staff-sign-in');
    await click(browser, 'staff-signin-back');
    await staffSignIn(browser, dataDir, created);
    await click(browser, 'staff-nav-admin');
    await waitFor(browser, 'transports-form');
    await click(browser, 'sms-transport-http');
    await type(browser, 'gateway-url', gateway.url);
    await type(browser, 'gateway-token', 'demo-t0ken');
    await click(browser, 'transports-save');
    await waitFor(browser, 'transports-saved');
    await type(browser, 'test-sms-to', '+7 916 000-11-22');
    await click(browser, 'test-sms-send');
    await (await waitFor(browser, 'test-sms-result')).scrollIntoView({ block: 'end' });
    await browser.pause(300);
    await shot(browser, 'staff-administration-test');
    await browser.execute(() => window.scrollTo(0, 0));
    await browser.pause(300);
    await shot(browser, 'staff-administration');
  });
} finally {
  await gateway.close();
}
