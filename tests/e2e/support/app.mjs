// Starts the real Кабинет binary through tauri-driver for one scenario and stops it cleanly.
import { spawn, execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, realpathSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir, homedir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { remote } from 'webdriverio';
import { provisionFor, remoteSuite, serverFor } from './server.mjs';

const targetDir = process.env.KABINET_TARGET_DIR ?? process.env.CARGO_TARGET_DIR ?? join(homedir(), '.cache/kabinet/target');
export const appBinary = join(targetDir, 'debug', 'kabinet');
export const cliBinary = join(targetDir, 'debug', 'kabinet-cli');
const PORT = 4444;

/**
 * Every data directory an app was launched on, one per line, until the last file of the run
 * (`zz-logs.test.mjs`) checks their `logs/` for personal data and empties the list.
 */
export const launchedList = join(tmpdir(), 'kabinet-e2e-launched.txt');

/**
 * A new data directory for an app. In remote mode (`KABINET_E2E_REMOTE=1`, the suite's second
 * run) it is a server's client: a database of its own on the throwaway cluster, served from the
 * first launch on (support/server.mjs).
 */
export function freshDataDir() {
  const dataDir = realpathSync(mkdtempSync(join(tmpdir(), 'kabinet-e2e-')));
  if (remoteSuite) provisionFor(dataDir);
  return dataDir;
}

/**
 * Why a scenario cannot run with the app as a server's client (it is about this computer's
 * encrypted file), or `false`: `test(name, { skip: embeddedOnly('…') }, …)`.
 */
export const embeddedOnly = (why) => remoteSuite && `embedded only: ${why}`;

/** The file through which an end-to-end build of the app reads a shifted clock. */
const clockFile = (dataDir) => serverOf(dataDir)?.clockFile ?? `${dataDir}.clock`;

/** Moves the clock of the app (and the CLI) on `dataDir` forward by `seconds`, cumulatively. */
export function moveClock(dataDir, seconds) {
  const now = existsSync(clockFile(dataDir)) ? Number(readFileSync(clockFile(dataDir), 'utf8')) : 0;
  writeFileSync(clockFile(dataDir), String(now + seconds));
}

/** The app's idea of now, in Unix seconds. */
export function appNow(dataDir) {
  const offset = existsSync(clockFile(dataDir)) ? Number(readFileSync(clockFile(dataDir), 'utf8')) : 0;
  return Math.floor(Date.now() / 1000) + offset;
}

async function waitForPort(port, ms = 15000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => { socket.end(); resolve(true); });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await sleep(100);
  }
  throw new Error(`tauri-driver did not listen on ${port}`);
}

/** The app's own processes only: not kabinet-cli nor kabinet-server, whose paths begin alike. */
const appPattern = `^${appBinary}( |$)`;

function appRunning() {
  try {
    execFileSync('pgrep', ['-f', appPattern], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function waitForAppExit() {
  for (let i = 0; i < 100 && appRunning(); i += 1) await sleep(100);
}

/** After a crashed scenario, no WebKitWebDriver or app of ours may hold the port or the bus name. */
function killLeftovers() {
  for (const pattern of ['WebKitWebDriver', appPattern]) {
    try {
      execFileSync('pkill', ['-f', pattern], { stdio: 'ignore' });
    } catch {
      // nothing was left
    }
  }
}

/**
 * Launches the app on `dataDir` (with `env` added to its environment); returns the WebDriver
 * browser and a close function. A data directory of a server's client (`support/server.mjs`)
 * starts the app in remote mode. `alongside` launches a second app next to a running one (two
 * server clients: a citizen's and an operator's), on its own WebDriver ports.
 */
export async function launch(dataDir, env = {}, { alongside = false } = {}) {
  const port = alongside ? PORT + 10 : PORT;
  if (!alongside) {
    await waitForAppExit();
    // An instance still exiting after 10 s (a loaded machine) would take the single-instance
    // name: the new app would hand its arguments to it and quit, and no session would start.
    if (appRunning()) killLeftovers();
  }
  appendFileSync(launchedList, `${dataDir}\n`);
  const server = serverOf(dataDir);
  const serverEnv = server ? { KABINET_SERVER_URL: await serverFor(dataDir, env) } : {};
  const clock = clockFile(dataDir);
  const driver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(port + 1)], {
    env: { ...process.env, ...serverEnv, ...env, KABINET_DATA_DIR: dataDir, KABINET_CLOCK_OFFSET_FILE: clock },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => driver.once('exit', resolve));
  try {
    await waitForPort(port);
    const browser = await remote({
      hostname: '127.0.0.1',
      port,
      logLevel: 'error',
      connectionRetryCount: 2,
      capabilities: { 'tauri:options': { application: appBinary } },
    });
    const close = async () => {
      await browser.deleteSession().catch(() => {});
      driver.kill('SIGTERM');
      await exited;
      if (alongside) return;
      await waitForAppExit();
      killLeftovers();
    };
    return { browser, close };
  } catch (error) {
    driver.kill('SIGTERM');
    await exited;
    killLeftovers();
    throw error;
  }
}

/** Runs `body` with a launched app, always closing it, also when the body fails. */
export async function withApp(dataDir, body, env = {}, options = {}) {
  const app = await launch(dataDir, env, options);
  try {
    return await body(app.browser);
  } finally {
    await app.close();
  }
}

/**
 * A data directory whose app is a server's client: `${dataDir}.server.json` names the server's
 * database and master key (written by `support/server.mjs`), so the CLI — the demo desk reading
 * codes, the administrator adding staff — works on the server's data, as it would on a server.
 */
function serverOf(dataDir) {
  const file = `${dataDir}.server.json`;
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}

/** How the CLI reaches the data of `dataDir`: its arguments and environment. */
export function cliTarget(dataDir) {
  const server = serverOf(dataDir);
  const env = { ...process.env, KABINET_CLOCK_OFFSET_FILE: clockFile(dataDir) };
  if (!server) return { args: ['--data-dir', dataDir], env };
  return { args: ['--data-dir', dataDir, '--database-url', server.databaseUrl], env: { ...env, KABINET_MASTER_KEY: server.masterKey } };
}

/** The kabinet-cli on the same data (directory and keyring, or server database) as the app. */
export function cli(dataDir, ...args) {
  const target = cliTarget(dataDir);
  return execFileSync(cliBinary, [...target.args, ...args], { encoding: 'utf8', env: target.env });
}

/** The six-digit code of the latest message to `phone`, read as a demo desk reads it. */
export function latestCode(dataDir, phone) {
  const message = JSON.parse(cli(dataDir, 'outbox', 'last', '--to', phone, '--json'));
  const code = message?.body.match(/\b\d{6}\b/)?.[0];
  if (!code) throw new Error(`no code in the outbox for ${phone}`);
  return code;
}
