// Staff mode helpers: a supervisor made with the CLI as an administrator would, its sign-in in
// the app with a code computed like a phone app, and an SMS gateway on loopback that records
// what it receives.
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { appNow, cliBinary, cliTarget } from './app.mjs';
import { click, type, waitFor } from './ui.mjs';
import { totp } from './totp.mjs';

export const supervisor = {
  login: 'a.petrova',
  name: 'Петрова Анна Сергеевна',
  password: 'Vx7#kQ2!mTz',
};

/** `kabinet-cli staff add`, the password on stdin; returns what it printed once (the secret). */
export function addStaff(dataDir, who = supervisor, role = 'supervisor') {
  const target = cliTarget(dataDir);
  const output = execFileSync(
    cliBinary,
    [...target.args, '--json', 'staff', 'add', '--login', who.login, '--name', who.name, '--role', role],
    { encoding: 'utf8', input: `${who.password}\n`, env: target.env },
  );
  return JSON.parse(output);
}

/** From the citizens' sign-in screen to the staff desk. */
export async function staffSignIn(browser, dataDir, created, who = supervisor) {
  await click(browser, 'staff-signin-link');
  await type(browser, 'staff-signin-login', who.login);
  await type(browser, 'staff-signin-password', who.password);
  await type(browser, 'staff-signin-code', totp(created.secret, appNow(dataDir)));
  await click(browser, 'staff-signin-submit');
  await waitFor(browser, 'staff-name');
}

/** An HTTP server on 127.0.0.1 that answers 200 and keeps each request's headers and body. */
export async function gatewayServer() {
  const requests = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      requests.push({ method: request.method, url: request.url, headers: request.headers, body });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"status":"accepted"}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/sms/send`;
  return { url, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}
