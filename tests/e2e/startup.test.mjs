// With the keyring entry deleted, the next start shows «Ключ недоступен» and leaves the database
// file byte for byte as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { embeddedOnly, freshDataDir, withApp } from './support/app.mjs';
import { waitFor, text } from './support/ui.mjs';
import { register } from './support/flows.mjs';

const digest = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');

test('a missing key gets its own screen and the database stays untouched', { skip: embeddedOnly('the key of the encrypted file on this computer') }, async () => {
  const dataDir = freshDataDir();
  await withApp(dataDir, (browser) => register(browser, dataDir));
  const database = join(dataDir, 'kabinet.db');
  const before = digest(database);

  execFileSync('secret-tool', ['clear', 'service', 'ru.kabinet.desktop']);

  await withApp(dataDir, async (browser) => {
    const screen = await waitFor(browser, 'failure-screen');
    assert.equal(await screen.getAttribute('data-code'), 'key_missing');
    assert.match(await text(browser, 'failure-title'), /Ключ недоступен/);
    assert.match(await text(browser, 'failure-message'), /ключ/i);
    assert.equal(await (await browser.$('[data-testid="signin-identifier"]')).isExisting(), false);
  });
  assert.equal(digest(database), before);
});
