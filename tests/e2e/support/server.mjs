// A kabinet-server for the app as a server's client: a fresh database on the test command's
// throwaway PostgreSQL cluster (KABINET_TEST_DATABASE_URL), a new master key, the server (the
// end-to-end build, which reads a shifted clock from a file) on a port of the system's choice.
//
// Two ways in:
// - `startServer()` + `attach(dataDir)`: a scenario about the server itself (remote.test.mjs)
//   runs and stops its own server and points data directories at it.
// - The whole suite in remote mode (`KABINET_E2E_REMOTE=1`): `freshDataDir()` provisions a
//   database for every data directory (`provision`, synchronous: the CLI helpers need its
//   address before any app starts), and the first launch of an app on it starts its server
//   (`serverFor`), kept for the rest of the test file and stopped when the file's process ends.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir, homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const targetDir = process.env.KABINET_TARGET_DIR ?? process.env.CARGO_TARGET_DIR ?? join(homedir(), '.cache/kabinet/target');
export const serverBinary = join(targetDir, 'debug', 'kabinet-server');

/** Whether every scenario runs with the app as a server's client. */
export const remoteSuite = process.env.KABINET_E2E_REMOTE === '1';

let databases = 0;

/** A new database and master key, and the state folder of the server that will serve them. */
export function provision() {
  const admin = process.env.KABINET_TEST_DATABASE_URL;
  if (!admin) throw new Error('KABINET_TEST_DATABASE_URL: run under scripts/lib/with-postgres.sh (the test command does)');
  const address = new URL(admin);
  databases += 1;
  const name = `e2e_${process.pid}_${Date.now()}_${databases}`;
  execFileSync('createdb', ['-h', address.hostname, '-p', address.port, '-U', address.username, name]);
  address.pathname = `/${name}`;
  const masterKey = execFileSync(serverBinary, ['--new-master-key'], { encoding: 'utf8' }).trim();
  const state = mkdtempSync(join(tmpdir(), 'kabinet-e2e-server-'));
  return { databaseUrl: address.toString(), masterKey, clockFile: join(state, 'clock'), state };
}

/** Starts a server on a provisioned database; its address and how to stop it. */
export async function serve(provisioned, env = {}) {
  const child = spawn(serverBinary, [], {
    env: {
      ...process.env,
      ...env,
      KABINET_LISTEN: '127.0.0.1:0',
      KABINET_DATABASE_URL: provisioned.databaseUrl,
      KABINET_MASTER_KEY: provisioned.masterKey,
      KABINET_DATA_DIR: join(provisioned.state, 'data'),
      KABINET_CLOCK_OFFSET_FILE: provisioned.clockFile,
      KABINET_LOG: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const found = line.match(/^kabinet-server: listening on (\S+)/);
      if (found) resolve(found[1]);
    });
    child.once('exit', (code) => reject(new Error(`kabinet-server exited (${code}) before listening`)));
  });
  // The test file's process ends when its tests do: the server must not keep it alive, and goes
  // with it.
  child.unref();
  child.stdout.unref();
  const stopAtExit = () => child.kill('SIGKILL');
  process.once('exit', stopAtExit);
  return {
    url,
    async stop() {
      process.removeListener('exit', stopAtExit);
      child.ref(); // waited for: keeps the process alive until it is gone
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function startServer(env = {}) {
  const provisioned = provision();
  const running = await serve(provisioned, env);
  const server = { url: running.url, databaseUrl: provisioned.databaseUrl, masterKey: provisioned.masterKey, clockFile: provisioned.clockFile };
  return {
    ...server,
    attach(dataDir) {
      writeFileSync(`${dataDir}.server.json`, JSON.stringify(server));
    },
    stop: running.stop,
  };
}

/** The servers this test file started for its data directories (remote mode). */
const running = new Map();

/**
 * The address of the server of `dataDir` in remote mode, started at its first launch; `env` of
 * that launch which the server needs too (a delivery gateway's secret) goes to it. A data
 * directory attached to a scenario's own server keeps that one.
 */
export async function serverFor(dataDir, env = {}) {
  const file = `${dataDir}.server.json`;
  const described = JSON.parse(readFileSync(file, 'utf8'));
  if (!described.provisioned) return described.url;
  if (!running.has(dataDir)) running.set(dataDir, await serve(described.provisioned, env));
  const url = running.get(dataDir).url;
  writeFileSync(file, JSON.stringify({ ...described, url }));
  return url;
}

/** A data directory whose every app is a client of its own server (remote mode). */
export function provisionFor(dataDir) {
  const provisioned = provision();
  const { databaseUrl, masterKey, clockFile } = provisioned;
  writeFileSync(`${dataDir}.server.json`, JSON.stringify({ databaseUrl, masterKey, clockFile, provisioned }));
}
