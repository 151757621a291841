// A kabinet-server for the scenarios of the app as a server's client: a fresh database on the
// test command's throwaway PostgreSQL cluster (KABINET_TEST_DATABASE_URL), a new master key, the
// server (the end-to-end build, which reads a shifted clock from a file) on a port of the
// system's choice. `attach(dataDir)` makes an app data directory a client of it: the app starts in
// remote mode there, and the CLI helpers work on the server's database (support/app.mjs).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir, homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const targetDir = process.env.KABINET_TARGET_DIR ?? process.env.CARGO_TARGET_DIR ?? join(homedir(), '.cache/kabinet/target');
export const serverBinary = join(targetDir, 'debug', 'kabinet-server');

export async function startServer() {
  const admin = process.env.KABINET_TEST_DATABASE_URL;
  if (!admin) throw new Error('KABINET_TEST_DATABASE_URL: run under scripts/lib/with-postgres.sh (the test command does)');
  const address = new URL(admin);
  const name = `e2e_${process.pid}_${Date.now()}`;
  execFileSync('createdb', ['-h', address.hostname, '-p', address.port, '-U', address.username, name]);
  address.pathname = `/${name}`;
  const databaseUrl = address.toString();
  const masterKey = execFileSync(serverBinary, ['--new-master-key'], { encoding: 'utf8' }).trim();
  const state = mkdtempSync(join(tmpdir(), 'kabinet-e2e-server-'));
  const clockFile = join(state, 'clock');
  const child = spawn(serverBinary, [], {
    env: {
      ...process.env,
      KABINET_LISTEN: '127.0.0.1:0',
      KABINET_DATABASE_URL: databaseUrl,
      KABINET_MASTER_KEY: masterKey,
      KABINET_DATA_DIR: join(state, 'data'),
      KABINET_CLOCK_OFFSET_FILE: clockFile,
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
  const server = { url, databaseUrl, masterKey, clockFile };
  return {
    ...server,
    attach(dataDir) {
      writeFileSync(`${dataDir}.server.json`, JSON.stringify(server));
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
