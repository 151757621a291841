// A stand-in for the system PDF viewer: `xdg-open` (which the app's opener runs) finds it through
// XDG_DATA_HOME / XDG_CONFIG_HOME, and it records what it was asked to open — the path, the
// file's and folder's modes, and a copy of the bytes — so a test can check the real «Открыть».
import { mkdtempSync, mkdirSync, writeFileSync, existsSync, readFileSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const DESKTOP = 'kabinet-test-viewer.desktop';

export function fakeViewer() {
  const root = mkdtempSync(join(tmpdir(), 'kabinet-viewer-'));
  const data = join(root, 'data');
  const config = join(root, 'config');
  const out = join(root, 'opened');
  mkdirSync(join(data, 'applications'), { recursive: true });
  mkdirSync(config, { recursive: true });
  const script = join(root, 'viewer.sh');
  writeFileSync(
    script,
    `#!/bin/sh\nstat -c %a "$1" > "${out}.mode"\nstat -c %a "$(dirname "$1")" > "${out}.dirmode"\n` +
      `printf %s "$1" > "${out}.path"\ncp "$1" "${out}.tmp" && mv "${out}.tmp" "${out}.pdf"\n`,
  );
  chmodSync(script, 0o755);
  writeFileSync(
    join(data, 'applications', DESKTOP),
    `[Desktop Entry]\nType=Application\nName=Test viewer\nExec=${script} %f\nMimeType=application/pdf;\n`,
  );
  const defaults = `[Default Applications]\napplication/pdf=${DESKTOP}\n`;
  writeFileSync(join(config, 'mimeapps.list'), defaults);
  writeFileSync(join(data, 'applications', 'mimeapps.list'), defaults);

  return {
    env: { XDG_DATA_HOME: data, XDG_CONFIG_HOME: config, XDG_CURRENT_DESKTOP: '' },
    /** What the viewer was last asked to open, once it has been. */
    async opened(timeout = 10000) {
      const until = Date.now() + timeout;
      while (!existsSync(`${out}.pdf`)) {
        if (Date.now() > until) throw new Error('the viewer was not started');
        await sleep(100);
      }
      return {
        path: readFileSync(`${out}.path`, 'utf8'),
        mode: readFileSync(`${out}.mode`, 'utf8').trim(),
        dirMode: readFileSync(`${out}.dirmode`, 'utf8').trim(),
        bytes: readFileSync(`${out}.pdf`),
      };
    },
    remove() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
