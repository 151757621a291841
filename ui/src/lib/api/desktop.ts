// Desktop notifications through Tauri's notification plugin, the only place that imports it.
// On desktop the plugin grants the permission itself (its start-up script asks
// `is_permission_granted`), so the app never prompts; `notify` shows the notification.
import { isPermissionGranted, sendNotification } from '@tauri-apps/plugin-notification';
import type { DesktopNotifier } from './types';

export const desktop: DesktopNotifier = {
  async show(title: string, body: string): Promise<boolean> {
    try {
      if (!(await isPermissionGranted())) return false;
      sendNotification({ title, body });
      return true;
    } catch {
      return false;
    }
  },
};
