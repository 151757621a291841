import type { DesktopNotifier, NotificationsApi } from '../api/types';

/** How often the bell asks for the unread count. */
export const UNREAD_EVERY_MS = 30_000;
/** How often the app takes the due desktop notifications while someone is signed in. */
export const DESKTOP_EVERY_MS = 15_000;

/**
 * Runs `tick` now and then every `ms` until the returned function is called; a tick still
 * running when the next is due is not doubled.
 */
export function every(ms: number, tick: () => Promise<unknown>): () => void {
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    tick()
      .catch(() => undefined)
      .finally(() => (running = false));
  };
  run();
  const timer = setInterval(run, ms);
  return () => clearInterval(timer);
}

/**
 * Shows every desktop notification the core hands over (once: what the system refuses is not
 * offered again, the inbox still has it); returns how many were handed over.
 */
export async function showDesktop(api: Pick<NotificationsApi, 'takeDesktop'>, notifier: DesktopNotifier): Promise<number> {
  const toasts = await api.takeDesktop();
  for (const toast of toasts) await notifier.show(toast.title, toast.body);
  return toasts.length;
}
